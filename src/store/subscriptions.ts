// Feeds (a destination + a kind: daily, weekly, monthly or trending), in the "subscriptions" namespace; a
// channel subscription of earlier versions is a daily channel feed with the same id, so it carries on as is.
// Two records per feed so the
// writers never collide: the settings (written by /paper subscribe) and the delivery state (written only by the
// delivery engine while it holds the channel's lease). The channels are members of an atomic set, and a score
// index holds each one's next due instant (computed by a function the composition root injects, so the store
// needs no schedule code): saving one subscription touches only its own keys, and a tick asks the index for
// what is due instead of reading every subscription. Earlier versions' `index` list is migrated by migrate.ts.
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import type { Platform } from "../ports.js";
import { isValidTimeZone } from "../time/zoned-time.js";
import { recordReader } from "./records.js";
import type { Store } from "./types.js";

export const SUBSCRIPTIONS_NAMESPACE = "subscriptions";
/** Most papers one daily post may carry (each is its own message). */
export const MAX_TOP = 20;

export const weekendPolicySchema = z.enum(["skip", "monday"]);
export type WeekendPolicy = z.infer<typeof weekendPolicySchema>;

export const FEED_KINDS = ["daily", "weekly", "monthly", "trending"] as const;
export const feedKindSchema = z.enum(FEED_KINDS);
export type FeedKind = z.infer<typeof feedKindSchema>;

/** How a feed's post appears: a message per paper, a header with the papers in its thread, or a forum post per paper. */
export const POSTING_MODES = ["messages", "thread", "forum"] as const;
export const postingModeSchema = z.enum(POSTING_MODES);
export type PostingMode = z.infer<typeof postingModeSchema>;
/** A feed's posting mode (records of earlier versions have none: messages). */
export const postingMode = (sub: { mode?: PostingMode | undefined }): PostingMode => sub.mode ?? "messages";

export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, 24-hour");
export const timeZoneSchema = z.string().refine(isValidTimeZone, "not an IANA time zone");

export const subscriptionSchema = z.object({
  platform: platformSchema,
  /** The channel; for a DM feed the placeholder `dm:USER` (the DM channel is resolved when posting). */
  channelId: z.string().min(1),
  /** What the feed posts; absent (records of earlier versions) means daily. */
  kind: feedKindSchema.optional(),
  /** Weekly feeds: the local weekday of the post, 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6).optional(),
  /** Set for a feed delivered to this user's DMs instead of a channel. */
  userId: z.string().min(1).optional(),
  /** DM digests: how papers are chosen; absent (earlier records) means upvotes. */
  rank: z.enum(["upvotes", "foryou"]).optional(),
  /** Discord guild or Slack team, for /paper status summaries. */
  workspaceId: z.string().optional(),
  /** Local wall-clock time of the post, HH:MM. */
  time: clockTimeSchema,
  timezone: timeZoneSchema,
  top: z.number().int().min(1).max(MAX_TOP),
  minUpvotes: z.number().int().min(0),
  /** Terms as typed; a leading "-" excludes (`diffusion`, `-survey`). */
  keywords: z.array(z.string().min(1)),
  /** Organisation names; a paper must come from one of them when any are set. */
  organizations: z.array(z.string().min(1)),
  weekend: weekendPolicySchema,
  /** Who subscribed: told privately when delivery starts failing. */
  subscriberId: z.string().min(1),
  createdAt: z.string(),
  /** Last (re)subscription: the first post comes at the first slot after it. */
  activeFrom: z.string(),
  /** How the post appears (posting modes); absent (earlier records) means messages. */
  mode: postingModeSchema.optional(),
  /** Live votes: paper messages of the last N days are edited as their counts change (0 = off); absent: 3. */
  refreshDays: z.number().int().min(0).max(7).optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const deliveryStateSchema = z.object({
  /** The latest list date this channel has had (or that was covered as empty). */
  lastDate: z.string().optional(),
  /** The last slot (ISO instant) handled, posted or not. */
  lastSlot: z.string().optional(),
  /** When the last post finished, and which list date it showed. */
  lastPostedAt: z.string().optional(),
  lastPostedDate: z.string().optional(),
  /** A post that was planned and may be half sent: finished before anything new. */
  pendingDate: z.string().optional(),
  /** Transient trouble (Hugging Face down, platform 5xx): when to try again. */
  retry: z.object({ attempts: z.number().int(), nextAt: z.string(), reason: z.string() }).optional(),
  /** Permanent trouble (permission, deleted channel): since when, how often, what, and whether we told someone. */
  failing: z
    .object({ since: z.string(), count: z.number().int(), lastError: z.string(), notified: z.boolean() })
    .optional(),
  /** Set when paperboy stopped trying (DELIVERY_GIVE_UP_DAYS); cleared by subscribing again. */
  gaveUpAt: z.string().optional(),
});
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export interface ChannelKey {
  platform: Platform;
  channelId: string;
  /** Which of the destination's feeds; absent means daily. */
  kind?: FeedKind | undefined;
}

/** A feed's kind (records of earlier versions have none: daily). */
export const feedKind = (sub: Pick<Subscription, "kind">): FeedKind => sub.kind ?? "daily";

/** The destination key of a user's DMs. */
export const dmChannelKey = (userId: string) => `dm:${userId}`;

export interface SubscriptionRepo {
  get(key: ChannelKey): Promise<Subscription | undefined>;
  /** Creates or replaces the channel's settings. */
  save(subscription: Subscription): Promise<void>;
  /** True when there was a subscription. */
  remove(key: ChannelKey): Promise<boolean>;
  list(): Promise<Subscription[]>;
  /** Every feed of one destination (one read per kind), daily first. */
  feedsOf(platform: Platform, channelId: string): Promise<Subscription[]>;
  /** Papers this feed was ever sent (trending feeds: never the same paper twice); kept across re-subscribing. */
  sentPapers(key: ChannelKey): Promise<Set<string>>;
  addSentPapers(key: ChannelKey, paperIds: readonly string[]): Promise<void>;
  /** `{}` when the channel never had a delivery. */
  getState(key: ChannelKey): Promise<DeliveryState>;
  saveState(key: ChannelKey, state: DeliveryState): Promise<void>;
  /**
   * The subscriptions whose next due instant is at or before `nowMs` (at most `limit`), with their state.
   * One index query when nothing is due; each candidate costs two reads, and a stale entry is rescheduled.
   */
  due(nowMs: number, limit?: number): Promise<{ subscription: Subscription; state: DeliveryState }[]>;
}

/** When a subscription is next due (ms), or undefined when never (given up). Pure; injected by the stack. */
export type NextDueFn = (subscription: Subscription, state: DeliveryState) => number | undefined;

export interface SubscriptionRepoConfig {
  store: Store;
  /**
   * Computes the due index's score. Without it (seeding scripts, commands-only tests) a saved subscription is
   * indexed as due at once, and the first tick of a repo that has it reschedules the entry.
   */
  nextDue?: NextDueFn;
}

/** The atomic set of every subscribed channel, and the index of next due instants (store.sets / store.index). */
export const SUBSCRIPTIONS_SET = "subscriptions";
export const DUE_INDEX = "subscriptions-due";
/** How many due candidates one tick takes at most (the rest come on the next tick). */
const DUE_BATCH = 5_000;

/** A feed's id: `PLATFORM:CHANNEL` for a daily feed (the id earlier versions gave the channel), `…:KIND` otherwise. */
export const subscriptionId = ({ platform, channelId, kind }: ChannelKey) =>
  kind === undefined || kind === "daily" ? `${platform}:${channelId}` : `${platform}:${channelId}:${kind}`;

export function createSubscriptionRepo(config: SubscriptionRepoConfig): SubscriptionRepo {
  const { store, nextDue } = config;
  const keyv = store.namespace(SUBSCRIPTIONS_NAMESPACE);

  const read = recordReader(store, SUBSCRIPTIONS_NAMESPACE, keyv);
  const getSub = (id: string) => read(`sub:${id}`, subscriptionSchema);
  const getState = async (id: string) => (await read(`state:${id}`, deliveryStateSchema)) ?? {};

  /** Puts `id` in the due index at its next due instant (0 = check at the next tick), or takes it out. */
  const schedule = async (id: string, sub: Subscription, state: DeliveryState) => {
    const at = nextDue ? nextDue(sub, state) : 0;
    if (at === undefined) await store.index.remove(DUE_INDEX, id);
    else await store.index.put(DUE_INDEX, id, at);
  };

  return {
    get: (key) => getSub(subscriptionId(key)),
    async save(subscription) {
      const valid = subscriptionSchema.parse(subscription);
      const id = subscriptionId(valid);
      await keyv.set(`sub:${id}`, valid);
      await store.sets.add(SUBSCRIPTIONS_SET, id);
      // A pending retry is ignored: an early entry is merely rescheduled, a late one would miss a post.
      const { retry: _retry, ...state } = await getState(id);
      await schedule(id, valid, state);
    },
    async remove(key) {
      const id = subscriptionId(key);
      const existed = await keyv.delete(`sub:${id}`);
      await store.sets.remove(SUBSCRIPTIONS_SET, id);
      await store.index.remove(DUE_INDEX, id);
      return existed;
    },
    async list() {
      const ids = (await store.sets.members(SUBSCRIPTIONS_SET)).sort();
      const subs = await Promise.all(ids.map(getSub));
      return subs.filter((s): s is Subscription => s !== undefined);
    },
    async feedsOf(platform, channelId) {
      const feeds = await Promise.all(FEED_KINDS.map((kind) => getSub(subscriptionId({ platform, channelId, kind }))));
      return feeds.filter((s): s is Subscription => s !== undefined);
    },
    async sentPapers(key) {
      return new Set(await store.sets.members(`sent:${subscriptionId(key)}`));
    },
    async addSentPapers(key, paperIds) {
      for (const id of paperIds) await store.sets.add(`sent:${subscriptionId(key)}`, id);
    },
    getState: (key) => getState(subscriptionId(key)),
    async saveState(key, state) {
      const id = subscriptionId(key);
      const valid = deliveryStateSchema.parse(state);
      await keyv.set(`state:${id}`, valid);
      const sub = await getSub(id);
      if (sub) await schedule(id, sub, valid);
    },
    async due(nowMs, limit = DUE_BATCH) {
      const candidates = await store.index.range(DUE_INDEX, { max: nowMs, limit });
      const found = await Promise.all(
        candidates.map(async ({ member }) => {
          const [subscription, state] = await Promise.all([getSub(member), getState(member)]);
          if (!subscription) {
            // Removed (or unreadable): nothing to deliver; a later save indexes it again.
            await store.index.remove(DUE_INDEX, member);
            return [];
          }
          const at = nextDue?.(subscription, state);
          if (nextDue && (at === undefined || at > nowMs)) {
            await schedule(member, subscription, state);
            return [];
          }
          return [{ subscription, state }];
        }),
      );
      return found.flat();
    },
  };
}
