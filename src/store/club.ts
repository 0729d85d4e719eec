// Journal club state: who has 🔖'd a paper in a channel (an atomic store set per platform + channel + paper, so
// two processes adding the 3rd and 4th saver at once both see the true count), each channel's threshold K, and
// the per-paper discussion record: pending (claimed, maybe opened) → done, or failed for a reason a human must fix.
// The record is only ever written by the holder of the paper's lease (src/dispatch/journal-club.ts), never
// read-modified-written by two processes at once; pending ones also sit in a due-time index for the sweep.
import { z } from "zod";
import { FAILURE_REASONS } from "../errors.js";
import { PLATFORMS, platformSchema, type Platform } from "../platforms.js";
import { recordReader } from "./records.js";
import type { Store } from "./types.js";

export const CLUB_NAMESPACE = "club";
export const CLUB_SETTINGS_NAMESPACE = "club-settings";
/** Pending discussions by when to look at them again (the sweep reads the due ones). */
export const CLUB_PENDING_INDEX = "club-pending";
/** How many distinct savers open a thread when a channel has not chosen. */
export const DEFAULT_CLUB_THRESHOLD = 3;
/** The largest threshold a channel may set (a small team's "everyone"; Discord options need a bound). */
export const MAX_CLUB_THRESHOLD = 25;

/** Which paper in which channel. */
export interface ClubKey {
  platform: Platform;
  channelId: string;
  paperId: string;
}

export const clubSettingSchema = z.object({
  threshold: z.number().int().min(0).max(MAX_CLUB_THRESHOLD),
  updatedAt: z.string(),
  updatedBy: z.string().optional(),
});
export type ClubSetting = z.infer<typeof clubSettingSchema>;

export const clubRecordSchema = z.discriminatedUnion("state", [
  /** Claimed: the thread may or may not exist yet on the platform (a crash can stop anywhere after the claim). */
  z.object({
    state: z.literal("pending"),
    messageId: z.string().min(1),
    savers: z.number().int().min(0),
    /** The latest attempt. */
    at: z.string(),
    /** The first claim: attempts stop a day after it. */
    since: z.string().optional(),
  }),
  z.object({ state: z.literal("done"), messageId: z.string().min(1), savers: z.number().int().min(0), at: z.string(), threadId: z.string().optional() }),
  /** The platform refused for good (no permission, channel gone, archived); retried only after a cool-down. */
  z.object({ state: z.literal("failed"), messageId: z.string().min(1), savers: z.number().int().min(0), at: z.string(), reason: z.enum(FAILURE_REASONS) }),
]);
export type ClubRecord = z.infer<typeof clubRecordSchema>;

export interface ClubRepo {
  /** Adds a saver; the number of distinct savers afterwards. */
  addSaver(key: ClubKey, userId: string): Promise<number>;
  /** Removes a saver (their 🔖 was taken back). */
  removeSaver(key: ClubKey, userId: string): Promise<void>;
  /** The channel's threshold K (0 = off), or the default. */
  threshold(platform: Platform, channelId: string): Promise<number>;
  /** Whether the channel chose its threshold (false: the default applies). */
  setting(platform: Platform, channelId: string): Promise<ClubSetting | undefined>;
  setThreshold(platform: Platform, channelId: string, threshold: number, by?: string): Promise<void>;
  record(key: ClubKey): Promise<ClubRecord | undefined>;
  /** Writes the record (only the lease holder calls this); pending ones are indexed for the sweep at `dueMs`. */
  write(key: ClubKey, record: ClubRecord, dueMs?: number): Promise<void>;
  /** Drops a key from the pending index (an entry left behind by a crash between two writes). */
  unindex(key: ClubKey): Promise<void>;
  /** Pending discussions whose due time has passed, oldest first. */
  due(nowMs: number, limit: number): Promise<ClubKey[]>;
}

const keyOf = (k: ClubKey) => `${k.platform}:${k.channelId}:${k.paperId}`;
const channelKey = (platform: Platform, channelId: string) => `${platform}:${channelId}`;

/** The inverse of keyOf: platform and channel ids never contain ":"; whatever follows is the paper id. */
export function parseClubKey(text: string): ClubKey | undefined {
  const m = new RegExp(`^(${PLATFORMS.join("|")}):([^:]+):(.+)$`).exec(text);
  const platform = platformSchema.safeParse(m?.[1]);
  return platform.success && m?.[2] && m[3] ? { platform: platform.data, channelId: m[2], paperId: m[3] } : undefined;
}

export function clubLeaseKey(key: ClubKey): string {
  return `club:${keyOf(key)}`;
}

export function createClubRepo(store: Store, now: () => Date = () => new Date()): ClubRepo {
  const records = store.namespace(CLUB_NAMESPACE);
  const settings = store.namespace(CLUB_SETTINGS_NAMESPACE);
  const saversSet = (key: ClubKey) => `club-savers:${keyOf(key)}`;

  const readRecord = recordReader(store, CLUB_NAMESPACE, records);
  const readSettingRecord = recordReader(store, CLUB_SETTINGS_NAMESPACE, settings);
  const readSetting = (platform: Platform, channelId: string) => readSettingRecord(channelKey(platform, channelId), clubSettingSchema);

  return {
    async addSaver(key, userId) {
      await store.sets.add(saversSet(key), userId);
      return (await store.sets.members(saversSet(key))).length;
    },
    async removeSaver(key, userId) {
      await store.sets.remove(saversSet(key), userId);
    },
    setting: readSetting,
    async threshold(platform, channelId) {
      return (await readSetting(platform, channelId))?.threshold ?? DEFAULT_CLUB_THRESHOLD;
    },
    async setThreshold(platform, channelId, threshold, by) {
      // One value per channel, replaced whole: the last admin's choice wins, nothing else is in the record.
      const record = clubSettingSchema.parse({ threshold, updatedAt: now().toISOString(), ...(by ? { updatedBy: by } : {}) });
      await settings.set(channelKey(platform, channelId), record);
    },
    record: (key) => readRecord(keyOf(key), clubRecordSchema),
    async write(key, record, dueMs) {
      await records.set(keyOf(key), clubRecordSchema.parse(record));
      if (record.state === "pending") await store.index.put(CLUB_PENDING_INDEX, keyOf(key), dueMs ?? Date.now());
      else await store.index.remove(CLUB_PENDING_INDEX, keyOf(key));
    },
    async unindex(key) {
      await store.index.remove(CLUB_PENDING_INDEX, keyOf(key));
    },
    async due(nowMs, limit) {
      const found = await store.index.range(CLUB_PENDING_INDEX, { max: nowMs, limit });
      return found.flatMap((m) => parseClubKey(m.member) ?? []);
    },
  };
}
