// The small repositories the core keeps its state in. Every record is validated with zod when read back, so
// a corrupted or old-shaped value is reported (and skipped) rather than crashing a command.
import type { Paper } from "../paper.js";
import type { Platform, PostedRef } from "../ports.js";

/** Whose bookmarks: bookmarks are per platform + user. */
export interface BookmarkOwner {
  platform: Platform;
  userId: string;
}

export interface Bookmark {
  paperId: string;
  /** ISO time it was saved. */
  savedAt: string;
  /** A snapshot of the paper when saved, so the reading list and exports work without Hugging Face. */
  paper: Paper;
}

export interface BookmarkRepo {
  /** Adds (or keeps) a bookmark; true when it was new. */
  add(owner: BookmarkOwner, paper: Paper): Promise<boolean>;
  /** Removes a bookmark; true when there was one. */
  remove(owner: BookmarkOwner, paperId: string): Promise<boolean>;
  /** Newest first. */
  list(owner: BookmarkOwner): Promise<Bookmark[]>;
  has(owner: BookmarkOwner, paperId: string): Promise<boolean>;
}

/** What a posted paper message shows. */
export interface PostRecord {
  paperId: string;
  /** The daily list date, when it was part of a daily post. */
  date?: string;
  postedAt: string;
}

export interface PostRepo {
  record(ref: PostedRef, record: PostRecord): Promise<void>;
  lookup(platform: Platform, channelId: string, messageId: string): Promise<PostRecord | undefined>;
}

/** Remembers keys (Slack event ids, …) for a while so a retried delivery is processed once. */
export interface OnceRepo {
  /** True the first time `key` is seen within `ttlMs`; false on every repeat. */
  firstTime(key: string, ttlMs: number): Promise<boolean>;
}
