// Converts data left by earlier versions at boot, before anything else reads the store. Earlier layout:
// bookmarks as ONE list per user (`bookmarks` namespace, key `PLATFORM:USER`), subscriptions listed in one
// `index` array (`subscriptions` namespace) next to their `sub:`/`state:` records. Every step is idempotent
// (put-if-absent, set add, index put-if-absent) and the old record is deleted only after its contents are
// written, so a crash or two processes migrating at once lose nothing. A marker skips the scan afterwards.
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import { BOOKMARKS_NAMESPACE, bookmarkIndexName, bookmarkItemKey, bookmarkSchema } from "./bookmarks.js";
import { preservable } from "./records.js";
import { DUE_INDEX, SUBSCRIPTIONS_NAMESPACE, SUBSCRIPTIONS_SET } from "./subscriptions.js";
import type { BookmarkOwner, Store } from "./types.js";

const META_NAMESPACE = "store-meta";
const LAYOUT_KEY = "layout";
/** The layout this version writes. */
export const STORE_LAYOUT = 2;
const ownerSchema = z.object({ platform: platformSchema, userId: z.string().min(1) });

export async function migrateLegacyLayout(store: Store): Promise<void> {
  const meta = store.namespace(META_NAMESPACE);
  if (((await meta.get(LAYOUT_KEY)) as number | undefined) === STORE_LAYOUT) return;
  const bookmarks = await migrateBookmarks(store);
  const subscriptions = await migrateSubscriptions(store);
  if (bookmarks + subscriptions > 0) {
    store.log.info({ bookmarkLists: bookmarks, subscriptions }, "migrated stored data to the per-item layout");
  }
  await meta.set(LAYOUT_KEY, STORE_LAYOUT);
}

/** Keeps a copy of a record we could not fully convert, under `quarantine:KEY:TIME` in its namespace. */
async function keepAside(store: Store, namespace: string, key: string, raw: unknown, why: string): Promise<void> {
  const aside = `quarantine:${key}:${Date.now()}`;
  await store.namespace(namespace).set(aside, { key, foundAt: new Date().toISOString(), raw: preservable(raw) });
  store.log.warn({ namespace, key, keptAs: aside, why }, "kept an old record aside while migrating");
}

/** The owner an old `PLATFORM:USER` key names, or undefined for keys of the current layout. */
function ownerOf(key: string): BookmarkOwner | undefined {
  if (key.startsWith("item:") || key.startsWith("quarantine:")) return undefined;
  const at = key.indexOf(":");
  const parsed = ownerSchema.safeParse({ platform: key.slice(0, at), userId: key.slice(at + 1) });
  return at > 0 && parsed.success ? parsed.data : undefined;
}

async function migrateBookmarks(store: Store): Promise<number> {
  const keyv = store.namespace(BOOKMARKS_NAMESPACE);
  let migrated = 0;
  for (const key of await store.keys(BOOKMARKS_NAMESPACE)) {
    const owner = ownerOf(key);
    if (!owner) continue;
    const raw: unknown = await keyv.get(key);
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      await keepAside(store, BOOKMARKS_NAMESPACE, key, raw, "not a list of bookmarks");
    } else {
      let previous = -Infinity;
      let unreadable = false;
      for (const entry of raw as unknown[]) {
        const parsed = bookmarkSchema.safeParse(entry);
        if (!parsed.success) {
          unreadable = true;
          continue;
        }
        // Oldest first in the list: scores keep that order even for equal save times.
        const score = Math.max(Date.parse(parsed.data.savedAt) || 0, previous + 0.001);
        previous = score;
        await store.putIfAbsent(BOOKMARKS_NAMESPACE, bookmarkItemKey(owner, parsed.data.paperId), parsed.data);
        await store.index.put(bookmarkIndexName(owner), parsed.data.paperId, score, { onlyIfAbsent: true });
      }
      if (unreadable) await keepAside(store, BOOKMARKS_NAMESPACE, key, raw, "some entries do not have the expected shape");
    }
    await keyv.delete(key);
    migrated += 1;
  }
  return migrated;
}

async function migrateSubscriptions(store: Store): Promise<number> {
  const keyv = store.namespace(SUBSCRIPTIONS_NAMESPACE);
  const listed: unknown = await keyv.get("index");
  const fromIndex = z.array(z.string()).safeParse(listed ?? []);
  if (!fromIndex.success) await keepAside(store, SUBSCRIPTIONS_NAMESPACE, "index", listed, "not a list of channels");
  // Also every `sub:` record: an earlier version could stop between writing one and listing it.
  const fromKeys = (await store.keys(SUBSCRIPTIONS_NAMESPACE, "sub:")).map((k) => k.slice("sub:".length));
  const ids = new Set([...(fromIndex.success ? fromIndex.data : []), ...fromKeys]);
  for (const id of ids) {
    if ((await keyv.get(`sub:${id}`)) === undefined) continue;
    await store.sets.add(SUBSCRIPTIONS_SET, id);
    // Due "now": the first tick computes the real instant from the subscription and its state.
    await store.index.put(DUE_INDEX, id, 0, { onlyIfAbsent: true });
  }
  if (listed !== undefined) await keyv.delete("index");
  return ids.size;
}
