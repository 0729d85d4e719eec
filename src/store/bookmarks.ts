// Bookmarks: one record per bookmark (`item:PLATFORM:USER:PAPER` in the "bookmarks" namespace: paperId,
// savedAt, paper snapshot) plus a per-user score index `bookmarks:PLATFORM:USER` (member paperId, score =
// savedAt ms) for newest-first listing. Adding is one atomic put-if-absent and removing one delete, so writers
// in different processes never overwrite each other (no shared list is rewritten). A record that cannot be
// read is copied to a "quarantine:" key (and logged) before a new save replaces it, so nothing is lost.
// Earlier versions kept one list per user; migrate.ts converts those at boot.
import { z } from "zod";
import { paperSchema, type Paper } from "../paper.js";
import { sharedLock } from "./key-lock.js";
import { preservable, problemOf, reportBadRecord } from "./records.js";
import type { Bookmark, BookmarkChange, BookmarkOwner, BookmarkRepo, Store } from "./types.js";

export const BOOKMARKS_NAMESPACE = "bookmarks";

export const bookmarkSchema = z.object({
  paperId: z.string().min(1),
  savedAt: z.string(),
  paper: paperSchema,
  // Both optional: records saved before read/unread and tags existed read as unread and untagged.
  readAt: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

export interface BookmarkRepoOptions {
  /** The clock for `savedAt`; tests pass a fixed one. */
  now?: () => Date;
}

export const bookmarkItemKey = (owner: BookmarkOwner, paperId: string) => `item:${owner.platform}:${owner.userId}:${paperId}`;
export const bookmarkIndexName = (owner: BookmarkOwner) => `bookmarks:${owner.platform}:${owner.userId}`;

/** `bookmark` with `change` applied (a new object; tags stay unique and sorted). */
export function applyChange(bookmark: Bookmark, change: BookmarkChange, at: Date): Bookmark {
  if (change.kind === "read") {
    const { readAt: _dropped, ...rest } = bookmark;
    return change.read ? { ...rest, readAt: bookmark.readAt ?? at.toISOString() } : rest;
  }
  const tags = new Set(bookmark.tags ?? []);
  if (change.add) tags.add(change.add);
  if (change.remove) tags.delete(change.remove);
  return { ...bookmark, tags: [...tags].sort() };
}

/** A stored bookmark as read: valid, unreadable (raw kept), or absent. */
type Read = { state: "valid"; bookmark: Bookmark } | { state: "bad"; raw: unknown } | { state: "absent" };

export function createBookmarkRepo(store: Store, options: BookmarkRepoOptions = {}): BookmarkRepo {
  const keyv = store.namespace(BOOKMARKS_NAMESPACE);
  // Orders one process's operations on the same bookmark (a double click); other processes need no lock.
  const lock = sharedLock(store, BOOKMARKS_NAMESPACE);
  const now = options.now ?? (() => new Date());
  // Save times strictly increase in this process, so two saves in the same millisecond still list newest first.
  let lastSavedAt = 0;
  const saveTime = () => {
    const t = now().getTime();
    lastSavedAt = t > lastSavedAt ? t : lastSavedAt + 1;
    return new Date(lastSavedAt);
  };

  async function read(key: string): Promise<Read> {
    const value: unknown = await keyv.get(key);
    if (value === undefined || value === null) return { state: "absent" };
    const parsed = bookmarkSchema.safeParse(value);
    if (parsed.success) return { state: "valid", bookmark: parsed.data };
    reportBadRecord(store, BOOKMARKS_NAMESPACE, key, problemOf(value, parsed.error));
    return { state: "bad", raw: value };
  }

  /** Copies an unusable record aside so replacing it loses nothing. */
  async function quarantine(key: string, raw: unknown): Promise<void> {
    const aside = `quarantine:${key}:${now().getTime()}`;
    await keyv.set(aside, { key, foundAt: now().toISOString(), raw: preservable(raw) });
    store.log.error({ namespace: BOOKMARKS_NAMESPACE, key, keptAs: aside }, "moved an unreadable bookmark record aside");
  }

  return {
    add: (owner: BookmarkOwner, paper: Paper) => {
      const key = bookmarkItemKey(owner, paper.id);
      return lock.run(key, async () => {
        const at = saveTime();
        const bookmark: Bookmark = { paperId: paper.id, savedAt: at.toISOString(), paper };
        const index = bookmarkIndexName(owner);
        if (await store.putIfAbsent(BOOKMARKS_NAMESPACE, key, bookmark)) {
          await store.index.put(index, paper.id, at.getTime());
          return true;
        }
        const existing = await read(key);
        if (existing.state === "valid") {
          // Repairs the index when an earlier add stopped between its two writes.
          await store.index.put(index, paper.id, Date.parse(existing.bookmark.savedAt) || at.getTime(), { onlyIfAbsent: true });
          return false;
        }
        if (existing.state === "bad") await quarantine(key, existing.raw);
        await keyv.set(key, bookmark);
        await store.index.put(index, paper.id, at.getTime());
        return true;
      });
    },

    remove: (owner: BookmarkOwner, paperId: string) => {
      const key = bookmarkItemKey(owner, paperId);
      return lock.run(key, async () => {
        const existing = await read(key);
        if (existing.state !== "valid") return false;
        await store.index.remove(bookmarkIndexName(owner), paperId);
        return keyv.delete(key);
      });
    },

    list: async (owner: BookmarkOwner) => {
      const members = await store.index.range(bookmarkIndexName(owner));
      const found = await Promise.all(members.reverse().map(({ member }) => read(bookmarkItemKey(owner, member))));
      return found.flatMap((r) => (r.state === "valid" ? [r.bookmark] : []));
    },

    update: (owner: BookmarkOwner, paperId: string, change: BookmarkChange) => {
      const key = bookmarkItemKey(owner, paperId);
      // Read-modify-write of one user's own record: only that user changes it, and this process's lock orders
      // their clicks; the index is untouched, so the reading order never changes.
      return lock.run(key, async () => {
        const existing = await read(key);
        if (existing.state !== "valid") return undefined;
        const updated = applyChange(existing.bookmark, change, now());
        await keyv.set(key, updated);
        return updated;
      });
    },

    merge: (owner: BookmarkOwner, incoming: Bookmark) => {
      const key = bookmarkItemKey(owner, incoming.paperId);
      return lock.run(key, async () => {
        const index = bookmarkIndexName(owner);
        const score = Date.parse(incoming.savedAt) || now().getTime();
        if (await store.putIfAbsent(BOOKMARKS_NAMESPACE, key, incoming)) return store.index.put(index, incoming.paperId, score);
        const existing = await read(key);
        if (existing.state === "bad") await quarantine(key, existing.raw);
        const base = existing.state === "valid" ? existing.bookmark : incoming;
        const tags = [...new Set([...(base.tags ?? []), ...(incoming.tags ?? [])])].sort();
        const readAt = base.readAt ?? incoming.readAt;
        await keyv.set(key, { ...base, ...(readAt ? { readAt } : {}), ...(tags.length > 0 ? { tags } : {}) });
        await store.index.put(index, incoming.paperId, Date.parse(base.savedAt) || score, { onlyIfAbsent: true });
      });
    },

    has: async (owner: BookmarkOwner, paperId: string) => (await read(bookmarkItemKey(owner, paperId))).state === "valid",
  };
}
