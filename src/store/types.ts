// The small repositories the core keeps its state in. Every record is validated with zod when read back, so
// a corrupted or old-shaped value is reported (and skipped) rather than crashing a command.
import type { Keyv } from "keyv";
import type { LeaseOps, ScoreIndex, SetOps } from "./backend.js";
import type { Logger } from "../log.js";
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
  /** ISO time it was marked read; absent while unread (and on records from before read/unread existed). */
  readAt?: string;
  /** The owner's own labels, lowercase, sorted; absent or empty when untagged. */
  tags?: string[];
}

/** A change to one saved bookmark's reading state or labels. */
export type BookmarkChange = { kind: "read"; read: boolean } | { kind: "tag"; add?: string; remove?: string };

export interface BookmarkRepo {
  /** Adds (or keeps) a bookmark; true when it was new. */
  add(owner: BookmarkOwner, paper: Paper): Promise<boolean>;
  /** Removes a bookmark; true when there was one. */
  remove(owner: BookmarkOwner, paperId: string): Promise<boolean>;
  /** Newest first. */
  list(owner: BookmarkOwner): Promise<Bookmark[]>;
  has(owner: BookmarkOwner, paperId: string): Promise<boolean>;
  /** Applies `change` to a saved bookmark; the updated bookmark, or undefined when it isn't saved. */
  update(owner: BookmarkOwner, paperId: string, change: BookmarkChange): Promise<Bookmark | undefined>;
  /**
   * Adds a bookmark from elsewhere (a linked account) keeping its savedAt, readAt and tags; an existing one
   * keeps its own and gains the other's tags (and read state). Nothing either side had is lost.
   */
  merge(owner: BookmarkOwner, bookmark: Bookmark): Promise<void>;
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

/** Which backend STORE_URL selected. */
export type StoreKind = "sqlite" | "redis" | "postgres" | "memory";

/**
 * The store behind every repository, opened once from STORE_URL by src/store/create-store.ts. Namespaces
 * (posts, subscriptions, cache, once, …) keep keys apart over one shared connection; sets, the score index and
 * leases come from the same backend (src/store/backend.ts), with the same guarantees on all but memory://.
 */
export interface Store {
  readonly kind: StoreKind;
  /** Where the store and its repositories report backend errors and skipped (corrupt) records. */
  readonly log: Logger;
  /** The Keyv for one namespace; the same instance for the same name. Reads and writes throw on backend errors. */
  namespace(name: string): Keyv;
  /** Marks `key` in `namespace` as seen (value `true`) unless it already is, atomically; true when it was not. */
  setIfAbsent(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  /**
   * Stores `value` (readable through `namespace(namespace)`) only when `key` is absent or expired, atomically
   * across processes on every backend but memory://; true when it was written.
   */
  putIfAbsent(namespace: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>;
  /** Live keys of `namespace` that start with `prefix`, without the namespace (migrations; scans the keyspace). */
  keys(namespace: string, prefix?: string): Promise<string[]>;
  /** Atomic set operations (one member at a time): per-item membership without rewriting a shared blob. */
  readonly sets: SetOps;
  /** A sorted index by numeric score (due times, save times), updated one member at a time. */
  readonly index: ScoreIndex;
  /** Owner-checked leases; LockService (lock.ts) is built on them. */
  readonly leases: LeaseOps;
  /** Closes the connection once; later calls resolve immediately. Called on SIGTERM. */
  close(): Promise<void>;
}
