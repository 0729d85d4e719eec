// Papers first: paperboy's own 🔖 on a delivered paper message is seeded only after every paper message of the
// pass has gone out, with whatever global capacity the sends leave (pacer.acquireReaction). Each pending 🔖 is
// written to the store's score index BEFORE its paper item is marked sent, so a crash between the sends and the
// reactions loses none: the next pass (of any process) seeds them. A channel's 🔖 are seeded under its delivery
// lease, so never while some process is still sending to it. Seeding twice is harmless (Discord's PUT …/@me is
// idempotent). Across processes "papers first" holds per process: one may seed while another still sends.
import type { Logger } from "../log.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { UpstreamError } from "../errors.js";
import type { LockService } from "../store/lock.js";
import type { Store } from "../store/types.js";
import type { Pacer } from "./pacer.js";

const INDEX = "pending-reactions";
/** A 🔖 still not seeded after this long (message deleted, reactions refused for days) is given up. */
const MAX_AGE_MS = 2 * 86_400_000;
/** Entries read per drain; the rest wait for the next pass. */
const BATCH = 20_000;
const LEASE_ATTEMPTS = 3;
const LEASE_RETRY_MS = 250;

export interface ReactionQueueDeps {
  store: Pick<Store, "index">;
  locks: LockService;
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  pacerFor: (platform: Platform) => { pacer: Pacer };
  log: Logger;
  now?: () => number;
}

export interface DrainResult {
  seeded: number;
  /** Refused for good (no permission, message or channel gone, too old): not tried again. */
  dropped: number;
  /** Left for a later pass (rate limit, transient failure, outage, shutdown, a channel being served elsewhere). */
  left: number;
}

export interface ReactionQueue {
  /**
   * Notes durably that `messageId` needs paperboy's 🔖 (a no-op where the adapter seeds none, e.g. Slack).
   * `deliveryChannel`: the feed's channel when the message is elsewhere (a Discord thread or forum post), whose
   * delivery lease the seeding then takes.
   */
  add(platform: Platform, channelId: string, messageId: string, deliveryChannel?: string): Promise<void>;
  /** Seeds every pending 🔖 this process may; one drain at a time (a call during one runs once it ends). */
  drain(signal?: AbortSignal): Promise<DrainResult>;
}

interface Entry {
  member: string;
  platform: Platform;
  channelId: string;
  messageId: string;
  /** Whose delivery lease covers it: the feed's channel (a thread's parent, a forum), else channelId. */
  deliveryChannel: string;
  score: number;
}

function parse(member: string, score: number): Entry | undefined {
  const [platform, channelId, messageId, deliveryChannel] = member.split("|");
  if (!platform || !channelId || !messageId) return undefined;
  return { member, platform: platform as Platform, channelId, messageId, deliveryChannel: deliveryChannel || channelId, score };
}

export function createReactionQueue(deps: ReactionQueueDeps): ReactionQueue {
  const now = deps.now ?? (() => Date.now());
  const log = deps.log.child({ component: "reactions" });
  let running: Promise<DrainResult> | undefined;
  let queued: Promise<DrainResult> | undefined;

  const seedChannel = async (entries: Entry[], adapter: ChatAdapter, pacer: Pacer, result: DrainResult, signal?: AbortSignal) => {
    for (const [i, e] of entries.entries()) {
      if (signal?.aborted) {
        result.left += entries.length - i;
        return;
      }
      if (now() - e.score > MAX_AGE_MS) {
        await deps.store.index.remove(INDEX, e.member);
        result.dropped += 1;
        continue;
      }
      try {
        await pacer.acquireReaction(e.channelId, signal);
        await adapter.seedReaction!(e.channelId, e.messageId);
      } catch (err) {
        const reason = err instanceof UpstreamError ? err.reason : "transient";
        if (signal?.aborted || reason === "transient" || reason === "rate_limited" || reason === "auth") {
          // Tried again by a later pass; the rest of this channel waits with it.
          result.left += entries.length - i;
          return;
        }
        log.warn({ platform: e.platform, channel: e.channelId, message: e.messageId, reason }, "🔖 not seeded; given up");
        await deps.store.index.remove(INDEX, e.member);
        result.dropped += 1;
        continue;
      }
      await deps.store.index.remove(INDEX, e.member);
      result.seeded += 1;
    }
  };

  // A job may be just releasing the channel: ask a few times before leaving its 🔖 to a later pass.
  const leaseOf = async (key: string, signal?: AbortSignal) => {
    for (let attempt = 1; ; attempt++) {
      const lease = await deps.locks.acquire(key);
      if (lease || attempt >= LEASE_ATTEMPTS || signal?.aborted) return lease;
      await new Promise((r) => setTimeout(r, LEASE_RETRY_MS));
    }
  };

  const drainOnce = async (signal?: AbortSignal): Promise<DrainResult> => {
    const result: DrainResult = { seeded: 0, dropped: 0, left: 0 };
    const found = (await deps.store.index.range(INDEX, { limit: BATCH })).flatMap((m) => parse(m.member, m.score) ?? []);
    const byChannel = new Map<string, { platform: Platform; channelId: string; entries: Entry[] }>();
    for (const e of found) {
      const key = `${e.platform}:${e.deliveryChannel}`;
      const group = byChannel.get(key) ?? { platform: e.platform, channelId: e.deliveryChannel, entries: [] };
      group.entries.push(e);
      byChannel.set(key, group);
    }
    await Promise.all(
      [...byChannel.values()].map(async ({ platform, channelId, entries }) => {
        const adapter = deps.adapterFor(platform);
        // Under the channel's delivery lease: a channel some process is sending to right now is not touched.
        const lease = adapter?.seedReaction && adapter.isReady() ? await leaseOf(`delivery:${platform}:${channelId}`, signal) : undefined;
        if (!adapter || !lease) {
          result.left += entries.length;
          return;
        }
        try {
          await seedChannel(entries, adapter, deps.pacerFor(platform).pacer, result, signal);
        } finally {
          await lease.release().catch(() => undefined);
        }
      }),
    );
    if (result.seeded + result.dropped > 0) log.info({ ...result }, "🔖 reactions seeded");
    return result;
  };

  return {
    async add(platform, channelId, messageId, deliveryChannel) {
      if (!deps.adapterFor(platform)?.seedReaction) return;
      const lease = deliveryChannel && deliveryChannel !== channelId ? `|${deliveryChannel}` : "";
      await deps.store.index.put(INDEX, `${platform}|${channelId}|${messageId}${lease}`, now(), { onlyIfAbsent: true });
    },
    drain(signal) {
      if (!running) {
        running = drainOnce(signal).finally(() => {
          running = undefined;
        });
        return running;
      }
      queued ??= running.then(
        () => {
          queued = undefined;
          return this.drain(signal);
        },
        () => {
          queued = undefined;
          return this.drain(signal);
        },
      );
      return queued;
    },
  };
}
