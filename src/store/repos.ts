// The repositories the composition root hands to the core (CoreDeps), all over one opened Store.
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
}

export function createRepos(store: Store): Repos {
  return {
    bookmarks: createBookmarkRepo(store),
    posts: createPostRepo(store),
    once: createOnceRepo(store),
    feedTokens: createFeedTokenRepo(store),
  };
}
