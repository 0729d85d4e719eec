// The repositories the composition root hands to the core (CoreDeps), all over one opened Store.
import { createDmClosedNotices, type DmClosedNotices } from "./dm-closed.js";
import { createFollowRepo, type FollowRepo } from "./follows.js";
import { createAccountBookmarks, bookmarkMerger } from "./account-bookmarks.js";
import { createAccountFeedback, createAccountFollows, feedbackMerger, followMerger } from "./account-follows.js";
import { createAccountRepo, type AccountRepo } from "./accounts.js";
import { createBookmarkRepo } from "./bookmarks.js";
import { createFeedTokenRepo, type FeedTokenRepo } from "./feed-tokens.js";
import { createOnceRepo } from "./once.js";
import { createCandidatePool, type CandidatePool } from "../recommend/candidate-pool.js";
import { createFeedbackRepo, type FeedbackRepo } from "../recommend/feedback.js";
import { createPostRepo } from "./posts.js";
import type { BookmarkRepo, OnceRepo, PostRepo, Store } from "./types.js";

export interface Repos {
  bookmarks: BookmarkRepo;
  posts: PostRepo;
  once: OnceRepo;
  /** Secret URLs of the private reading-list feeds. */
  feedTokens: FeedTokenRepo;
  /** Author / organization / keyword follows (/paper follow). */
  follows: FollowRepo;
  /** "Your DMs are closed" flags, told once on the next command. */
  dmClosed: DmClosedNotices;
  /** "Not for me" feedback on /paper foryou results. */
  feedback: FeedbackRepo;
  /** The papers /paper foryou picks from, built once per closed date. */
  candidatePool: CandidatePool;
  /** Linked accounts (/paper link): per-person repositories key on `accounts.resolve(owner)`. */
  accounts: AccountRepo;
}

/** `now` is the clock follows and DM flags are stamped with (tests move it). */
export function createRepos(store: Store, now: () => Date = () => new Date()): Repos {
  const ownBookmarks = createBookmarkRepo(store);
  const ownFollows = createFollowRepo(store, now);
  const ownFeedback = createFeedbackRepo(store);
  const accounts = createAccountRepo(store, {
    mergers: [bookmarkMerger(ownBookmarks), followMerger(ownFollows), feedbackMerger(ownFeedback)],
  });
  return {
    bookmarks: createAccountBookmarks(ownBookmarks, accounts),
    accounts,
    posts: createPostRepo(store),
    once: createOnceRepo(store),
    feedTokens: createFeedTokenRepo(store),
    follows: createAccountFollows(ownFollows, accounts),
    dmClosed: createDmClosedNotices(store, now),
    feedback: createAccountFeedback(ownFeedback, accounts),
    candidatePool: createCandidatePool(store),
  };
}
