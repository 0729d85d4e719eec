// Writes a store in the layout of paperboy before the backend contract (commit bb1f187), the way that code did:
// a Keyv per namespace over @keyv/sqlite (keys `namespace:key`) or @keyv/redis (keys `namespace::key`).
// Bookmarks: ONE array per `PLATFORM:USER`; subscriptions: an `index` array plus `sub:`/`state:` records.
import KeyvRedis from "@keyv/redis";
import { KeyvSqlite } from "@keyv/sqlite";
import { Keyv } from "keyv";

export interface LegacyData {
  /** namespace → key → value, written with Keyv's serialization. */
  [namespace: string]: Record<string, unknown>;
}

export async function writeLegacyStore(url: string, data: LegacyData): Promise<void> {
  for (const [namespace, records] of Object.entries(data)) {
    let keyv: Keyv;
    let close: () => Promise<void>;
    if (url.startsWith("sqlite://")) {
      const sqlite = new KeyvSqlite({ uri: url, table: "keyv" });
      keyv = new Keyv(sqlite, { namespace, useKeyPrefix: true });
      close = () => sqlite.disconnect();
    } else {
      const redis = new KeyvRedis(url, { namespace });
      keyv = new Keyv(redis, { namespace, useKeyPrefix: false });
      close = () => redis.disconnect();
    }
    for (const [key, value] of Object.entries(records)) await keyv.set(key, value);
    await close();
  }
}

const paper = (id: string, title: string) => ({
  id, title, abstract: `About ${title}.`, authors: ["Ada Lovelace"], authorCount: 1, keywords: [], source: "hf",
});
const entry = (id: string, savedAt: string) => ({ paperId: id, savedAt, paper: paper(id, `Paper ${id}`) });
const sub = (platform: string, channelId: string, time: string) => ({
  platform, channelId, time, timezone: "Europe/Paris", top: 5, minUpvotes: 0, keywords: [], organizations: [],
  weekend: "skip", subscriberId: "U-sub", createdAt: "2025-01-01T08:00:00.000Z", activeFrom: "2025-01-01T08:00:00.000Z",
});

/** A realistic old store: lists with equal save times, a broken entry, a record that is not a list, an orphan sub. */
export const LEGACY_DATA: LegacyData = {
  bookmarks: {
    "discord:U-ada": [
      entry("2401.00001", "2025-01-02T10:00:00.000Z"),
      entry("2401.00002", "2025-01-03T10:00:00.000Z"),
      entry("2401.00003", "2025-01-03T10:00:00.000Z"),
    ],
    "slack:U-bob": [entry("2401.00009", "2025-01-04T10:00:00.000Z"), { id: "2301.1", title: "old shape" }],
    "slack:U-eve": { surprise: "not a list" },
  },
  subscriptions: {
    index: ["discord:C1", "slack:C2"],
    "sub:discord:C1": sub("discord", "C1", "09:00"),
    "sub:slack:C2": sub("slack", "C2", "18:30"),
    "state:discord:C1": { lastDate: "2025-01-09", lastSlot: "2025-01-10T08:00:00.000Z", lastPostedDate: "2025-01-09" },
    // Saved, but an old process stopped before listing it in the index.
    "sub:discord:C3": sub("discord", "C3", "07:15"),
  },
  posts: { "discord:C1:M1": { paperId: "2401.00001", date: "2025-01-02", postedAt: "2025-01-02T08:00:00.000Z" } },
};
