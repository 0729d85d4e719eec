// The repositories the composition root hands to the core (CoreDeps), all over one opened Store.
import { createBookmarkRepo } from "./bookmarks.js";
import { createOnceRepo } from "./once.js";
import { createPostRepo } from "./posts.js";
import type { BookmarkRepo, OnceRepo, PostRepo, Store } from "./types.js";

export interface Repos {
  bookmarks: BookmarkRepo;
  posts: PostRepo;
  once: OnceRepo;
}

export function createRepos(store: Store): Repos {
  return {
    bookmarks: createBookmarkRepo(store),
    posts: createPostRepo(store),
    once: createOnceRepo(store),
  };
}
