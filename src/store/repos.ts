// The repositories the composition root hands to the core (CoreDeps), all over one opened Store.
import { createAccountBookmarks, bookmarkMerger } from "./account-bookmarks.js";
import { createAccountRepo, type AccountRepo } from "./accounts.js";
import { createBookmarkRepo } from "./bookmarks.js";
import { createFeedTokenRepo, type FeedTokenRepo } from "./feed-tokens.js";
import { createOnceRepo } from "./once.js";
import { createPostRepo } from "./posts.js";
import type { BookmarkRepo, OnceRepo, PostRepo, Store } from "./types.js";

export interface Repos {
  bookmarks: BookmarkRepo;
  posts: PostRepo;
  once: OnceRepo;
  /** Secret URLs of the private reading-list feeds. */
  feedTokens: FeedTokenRepo;
  /** Linked accounts (/paper link): per-person repositories key on `accounts.resolve(owner)`. */
  accounts: AccountRepo;
}

export function createRepos(store: Store): Repos {
  const ownBookmarks = createBookmarkRepo(store);
  const accounts = createAccountRepo(store, { mergers: [bookmarkMerger(ownBookmarks)] });
  return {
    bookmarks: createAccountBookmarks(ownBookmarks, accounts),
    accounts,
    posts: createPostRepo(store),
    once: createOnceRepo(store),
    feedTokens: createFeedTokenRepo(store),
  };
}
