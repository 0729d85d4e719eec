// Personal follows (author / organization / keyword) behind /paper follow, unfollow and following. One record per
// follow (`item:PLATFORM:USER:TYPE:value` in the "follows" namespace) plus the user's set of follow keys and a
// global set of followers the alert job walks. Every write is one atomic per-item operation of the backend
// contract (putIfAbsent, set add/remove), so writers in different processes never overwrite each other.
import { z } from "zod";
import { platformSchema, type Platform } from "../platforms.js";
import type { Store } from "./types.js";
import { recordReader } from "./records.js";

export const FOLLOWS_NAMESPACE = "follows";
export const FOLLOW_TYPES = ["author", "organization", "keyword"] as const;
export type FollowType = (typeof FOLLOW_TYPES)[number];
/** Follows per person: enough for a real reading interest, few enough that one alert stays readable. */
export const MAX_FOLLOWS = 25;
export const MAX_FOLLOW_VALUE = 100;
/** The set of everyone who ever followed something (members `PLATFORM:USER`), walked by the alert job. */
export const FOLLOWERS_SET = "follows:followers";

export const followSchema = z.object({
  type: z.enum(FOLLOW_TYPES),
  /** As typed (whitespace collapsed), for display. Matching is case-insensitive. */
  value: z.string().min(1),
  /** ISO instant: a follow alerts only for lists that close after it was made. */
  createdAt: z.string(),
});
export type Follow = z.infer<typeof followSchema>;

export interface Follower {
  platform: Platform;
  userId: string;
}

export interface FollowRepo {
  /** "added", "exists" (idempotent) or "full" (MAX_FOLLOWS reached). */
  add(who: Follower, type: FollowType, value: string): Promise<"added" | "exists" | "full">;
  /** True when there was such a follow. */
  remove(who: Follower, type: FollowType, value: string): Promise<boolean>;
  /** Oldest first. */
  list(who: Follower): Promise<Follow[]>;
  /** Everyone who follows (or followed) something. */
  followers(): Promise<Follower[]>;
  /** Adds `follow` as it is (its createdAt kept, MAX_FOLLOWS not applied): a link must lose nothing. */
  merge(who: Follower, follow: Follow): Promise<void>;
}

/** Case-insensitive identity of a follow value: whitespace collapsed, lowercased. */
export const followIdentity = (type: FollowType, value: string) => `${type}:${value.replace(/\s+/g, " ").trim().toLowerCase()}`;
const userSet = (who: Follower) => `follows:${who.platform}:${who.userId}`;
const itemKey = (who: Follower, identity: string) => `item:${who.platform}:${who.userId}:${identity}`;

export function createFollowRepo(store: Store, now: () => Date = () => new Date()): FollowRepo {
  const keyv = store.namespace(FOLLOWS_NAMESPACE);

  const readRecord = recordReader(store, FOLLOWS_NAMESPACE, keyv);
  const read = (key: string): Promise<Follow | undefined> => readRecord(key, followSchema);

  return {
    async add(who, type, value) {
      const identity = followIdentity(type, value);
      const members = await store.sets.members(userSet(who));
      if (members.includes(identity)) return "exists";
      if (members.length >= MAX_FOLLOWS) return "full";
      const follow: Follow = { type, value: value.replace(/\s+/g, " ").trim(), createdAt: now().toISOString() };
      const key = itemKey(who, identity);
      if (!(await store.putIfAbsent(FOLLOWS_NAMESPACE, key, follow)) && !(await read(key))) await keyv.set(key, follow);
      // The record first, then the memberships: a reader that sees the member always finds its record.
      await store.sets.add(FOLLOWERS_SET, `${who.platform}:${who.userId}`);
      return (await store.sets.add(userSet(who), identity)) ? "added" : "exists";
    },
    async remove(who, type, value) {
      const identity = followIdentity(type, value);
      const removed = await store.sets.remove(userSet(who), identity);
      await keyv.delete(itemKey(who, identity));
      return removed;
    },
    async list(who) {
      const members = (await store.sets.members(userSet(who))).sort();
      const found = await Promise.all(members.map((m) => read(itemKey(who, m))));
      return found.filter((f): f is Follow => f !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async merge(who, follow) {
      const identity = followIdentity(follow.type, follow.value);
      const key = itemKey(who, identity);
      if (!(await store.putIfAbsent(FOLLOWS_NAMESPACE, key, follow)) && !(await read(key))) await keyv.set(key, follow);
      await store.sets.add(FOLLOWERS_SET, `${who.platform}:${who.userId}`);
      await store.sets.add(userSet(who), identity);
    },
    async followers() {
      return (await store.sets.members(FOLLOWERS_SET)).flatMap((member) => {
        const at = member.indexOf(":");
        const platform = platformSchema.safeParse(member.slice(0, at));
        return at > 0 && platform.success ? [{ platform: platform.data, userId: member.slice(at + 1) }] : [];
      });
    },
  };
}
