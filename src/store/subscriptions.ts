// Channel subscriptions to the daily post, in the "subscriptions" namespace. Two records per channel so the
// writers never collide: the settings (written by /paper subscribe) and the delivery state (written only by the
// delivery engine while it holds the channel's lease). An index lists the channels; it is updated under a lease
// so two processes subscribing at once cannot drop each other's entry.
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import type { Platform } from "../ports.js";
import { isValidTimeZone } from "../time/zoned-time.js";
import { createKeyedLock } from "./key-lock.js";
import type { LockService } from "./lock.js";
import { problemOf, reportBadRecord } from "./records.js";
import type { Store } from "./types.js";

export const SUBSCRIPTIONS_NAMESPACE = "subscriptions";
/** Most papers one daily post may carry (each is its own message). */
export const MAX_TOP = 20;

export const weekendPolicySchema = z.enum(["skip", "monday"]);
export type WeekendPolicy = z.infer<typeof weekendPolicySchema>;

export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, 24-hour");
export const timeZoneSchema = z.string().refine(isValidTimeZone, "not an IANA time zone");

export const subscriptionSchema = z.object({
  platform: platformSchema,
  channelId: z.string().min(1),
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
}

export interface SubscriptionRepo {
  get(key: ChannelKey): Promise<Subscription | undefined>;
  /** Creates or replaces the channel's settings. */
  save(subscription: Subscription): Promise<void>;
  /** True when there was a subscription. */
  remove(key: ChannelKey): Promise<boolean>;
  list(): Promise<Subscription[]>;
  /** `{}` when the channel never had a delivery. */
  getState(key: ChannelKey): Promise<DeliveryState>;
  saveState(key: ChannelKey, state: DeliveryState): Promise<void>;
}

export interface SubscriptionRepoConfig {
  store: Store;
  /** Cross-process leases for index updates; without it, updates are serialised in this process only. */
  locks?: LockService;
}

const INDEX_KEY = "index";
const channelKey = ({ platform, channelId }: ChannelKey) => `${platform}:${channelId}`;

export function createSubscriptionRepo(config: SubscriptionRepoConfig): SubscriptionRepo {
  const { store, locks } = config;
  const keyv = store.namespace(SUBSCRIPTIONS_NAMESPACE);
  const local = createKeyedLock();

  const readIndex = async (): Promise<string[]> => {
    const value: unknown = await keyv.get(INDEX_KEY);
    const parsed = z.array(z.string()).safeParse(value ?? []);
    if (parsed.success) return parsed.data;
    reportBadRecord(store, SUBSCRIPTIONS_NAMESPACE, INDEX_KEY, problemOf(value, parsed.error));
    return [];
  };

  const withIndex = (change: (index: Set<string>) => void) =>
    local.run(INDEX_KEY, async () => {
      const lease = await acquireWaiting(locks, "subscriptions-index");
      try {
        const index = new Set(await readIndex());
        change(index);
        await keyv.set(INDEX_KEY, [...index]);
      } finally {
        await lease?.release();
      }
    });

  const read = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const value: unknown = await keyv.get(key);
    if (value === undefined || value === null) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    reportBadRecord(store, SUBSCRIPTIONS_NAMESPACE, key, problemOf(value, parsed.error));
    return undefined;
  };

  return {
    get: (key) => read(`sub:${channelKey(key)}`, subscriptionSchema),
    async save(subscription) {
      const valid = subscriptionSchema.parse(subscription);
      await keyv.set(`sub:${channelKey(valid)}`, valid);
      await withIndex((index) => index.add(channelKey(valid)));
    },
    async remove(key) {
      const existed = await keyv.delete(`sub:${channelKey(key)}`);
      await withIndex((index) => index.delete(channelKey(key)));
      return existed;
    },
    async list() {
      const keys = await readIndex();
      const subs = await Promise.all(keys.map((k) => read(`sub:${k}`, subscriptionSchema)));
      return subs.filter((s): s is Subscription => s !== undefined);
    },
    getState: async (key) => (await read(`state:${channelKey(key)}`, deliveryStateSchema)) ?? {},
    async saveState(key, state) {
      await keyv.set(`state:${channelKey(key)}`, deliveryStateSchema.parse(state));
    },
  };
}

/** Waits (up to ~10 s) for a lease that is normally held for milliseconds. */
async function acquireWaiting(locks: LockService | undefined, key: string) {
  if (!locks) return undefined;
  for (let attempt = 0; attempt < 200; attempt++) {
    const lease = await locks.acquire(key);
    if (lease) return lease;
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
  throw new Error(`could not take the ${key} lease`);
}
