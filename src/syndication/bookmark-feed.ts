// The private reading-list feed: one user's bookmarks, newest first, each dated when it was saved. It reads only
// the bookmark snapshots in the store, so it never calls Hugging Face.
import type { Bookmark } from "../store/types.js";
import type { FeedDocument } from "./render-feed.js";

/** Newest bookmarks a reading-list feed carries. */
export const BOOKMARK_FEED_MAX = 100;

/** `bookmarks` as the store lists them (newest first); `since` dates an empty feed (the token's issue time). */
export function buildBookmarkFeed(bookmarks: readonly Bookmark[], selfUrl: string, since: string): FeedDocument {
  const dated = (iso: string) => (Number.isNaN(Date.parse(iso)) ? new Date(0) : new Date(iso));
  const entries = bookmarks.slice(0, BOOKMARK_FEED_MAX).map((b) => ({
    paper: b.paper,
    published: dated(b.savedAt),
    ...(b.paper.listDate ? { listDate: b.paper.listDate } : {}),
  }));
  const times = [dated(since), ...entries.map((e) => e.published)].map((d) => d.getTime());
  return {
    title: "My paperboy reading list",
    description: "Papers you bookmarked with paperboy (🔖 or Save), newest first. This URL is private: keep it to yourself.",
    selfUrl,
    homeUrl: "https://huggingface.co/papers",
    updated: new Date(Math.max(...times)),
    entries,
  };
}
