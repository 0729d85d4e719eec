// Bookmarks: one record per (platform, user) in the "bookmarks" namespace — a list of {paperId, savedAt, paper
// snapshot}, oldest first. Nothing a user saved is ever lost: an entry that fails validation is skipped when
// reading but written back untouched, and a record that is not a list at all is copied to a "quarantine:" key
// (and logged) before the user's next change replaces it.
// Concurrency: updates for one user are serialised in this process. Only the bot process changes bookmarks
// (`npm run deliver` never does), so that is enough; two bot processes on one store could lose a concurrent update.
import { z } from "zod";
import { paperSchema, type Paper } from "../paper.js";
import { sharedLock } from "./key-lock.js";
import { preservable, problemOf, reportBadRecord } from "./records.js";
import type { Bookmark, BookmarkOwner, BookmarkRepo, Store } from "./types.js";

export const BOOKMARKS_NAMESPACE = "bookmarks";

export const bookmarkSchema = z.object({
  paperId: z.string().min(1),
  savedAt: z.string(),
  paper: paperSchema,
});

export interface BookmarkRepoOptions {
  /** The clock for `savedAt`; tests pass a fixed one. */
  now?: () => Date;
}

/** A user's record as read: the raw entries (kept verbatim when writing back) and the valid ones by position. */
type Loaded =
  | { ok: true; entries: unknown[]; valid: Map<number, Bookmark> }
  | { ok: false; raw: unknown };

export function createBookmarkRepo(store: Store, options: BookmarkRepoOptions = {}): BookmarkRepo {
  const keyv = store.namespace(BOOKMARKS_NAMESPACE);
  const lock = sharedLock(store, BOOKMARKS_NAMESPACE);
  const now = options.now ?? (() => new Date());
  const keyOf = (owner: BookmarkOwner) => `${owner.platform}:${owner.userId}`;

  async function load(key: string): Promise<Loaded> {
    const value: unknown = await keyv.get(key);
    if (value === undefined || value === null) return { ok: true, entries: [], valid: new Map() };
    if (!Array.isArray(value)) {
      reportBadRecord(store, BOOKMARKS_NAMESPACE, key, `not a list of bookmarks (${problemOf(value)})`);
      return { ok: false, raw: value };
    }
    const valid = new Map<number, Bookmark>();
    value.forEach((entry: unknown, index) => {
      const parsed = bookmarkSchema.safeParse(entry);
      if (parsed.success) valid.set(index, parsed.data);
      else reportBadRecord(store, BOOKMARKS_NAMESPACE, `${key}[${index}]`, problemOf(entry, parsed.error));
    });
    return { ok: true, entries: value, valid };
  }

  /** Copies an unusable record aside so replacing it loses nothing. */
  async function quarantine(key: string, raw: unknown): Promise<void> {
    const aside = `quarantine:${key}:${now().getTime()}`;
    await keyv.set(aside, { key, foundAt: now().toISOString(), raw: preservable(raw) });
    store.log.error({ namespace: BOOKMARKS_NAMESPACE, key, keptAs: aside }, "moved an unreadable bookmark record aside");
  }

  const has = (loaded: Loaded, paperId: string) =>
    loaded.ok && [...loaded.valid.values()].some((b) => b.paperId === paperId);

  return {
    add: (owner: BookmarkOwner, paper: Paper) => {
      const key = keyOf(owner);
      return lock.run(key, async () => {
        const loaded = await load(key);
        if (has(loaded, paper.id)) return false;
        if (!loaded.ok) await quarantine(key, loaded.raw);
        const entries = loaded.ok ? loaded.entries : [];
        const bookmark: Bookmark = { paperId: paper.id, savedAt: now().toISOString(), paper };
        await keyv.set(key, [...entries, bookmark]);
        return true;
      });
    },

    remove: (owner: BookmarkOwner, paperId: string) => {
      const key = keyOf(owner);
      return lock.run(key, async () => {
        const loaded = await load(key);
        if (!loaded.ok || !has(loaded, paperId)) return false;
        const kept = loaded.entries.filter((_, index) => loaded.valid.get(index)?.paperId !== paperId);
        if (kept.length === 0) await keyv.delete(key);
        else await keyv.set(key, kept);
        return true;
      });
    },

    list: async (owner: BookmarkOwner) => {
      const loaded = await load(keyOf(owner));
      return loaded.ok ? [...loaded.valid.values()].reverse() : [];
    },

    has: async (owner: BookmarkOwner, paperId: string) => has(await load(keyOf(owner)), paperId),
  };
}
