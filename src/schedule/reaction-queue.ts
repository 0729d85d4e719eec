// Papers first: paperboy's own 🔖 on a delivered paper message is seeded only after every paper message of the
// pass has gone out, with whatever global capacity the sends leave (pacer.acquireReaction). Each pending 🔖 is
// written to the store's score index BEFORE its paper item is marked sent, so a crash between the sends and the
// reactions loses none: the next pass seeds them. An entry names the process that owes it; a process seeds its
// own and those of processes that are gone (their owner lease expired), never those of a live process that may
// still be sending. Seeding twice is harmless (Discord's PUT …/@me is idempotent).
import { randomUUID } from "node:crypto";
import type { Logger } from "../log.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { UpstreamError } from "../errors.js";
import type { Lease, LockService } from "../store/lock.js";
import type { Store } from "../store/types.js";
import type { Pacer } from "./pacer.js";

const INDEX = "pending-reactions";
/** A 🔖 still not seeded after this long (message deleted, reactions refused for days) is given up. */
const MAX_AGE_MS = 2 * 86_400_000;
/** Entries read per drain; the rest wait for the next pass. */
const BATCH = 20_000;

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
  /** Left for a later pass (rate limit, transient failure, outage, shutdown, a live owner's). */
  left: number;
}

export interface ReactionQueue {
  /** Notes durably that `messageId` needs paperboy's 🔖 (a no-op where the adapter seeds none, e.g. Slack). */
  add(platform: Platform, channelId: string, messageId: string): Promise<void>;
  /** Seeds every pending 🔖 this process may; one drain at a time (a call during one runs once it ends). */
  drain(signal?: AbortSignal): Promise<DrainResult>;
  /** Drops this process's owner lease (its unseeded entries then fall to the next process that drains). */
  close(): Promise<void>;
}

interface Entry {
  member: string;
  owner: string;
  platform: Platform;
  channelId: string;
  messageId: string;
  score: number;
}

const ownerKey = (owner: string) => `reaction-owner:${owner}`;

function parse(member: string, score: number): Entry | undefined {
  const [owner, platform, channelId, messageId] = member.split("|");
  if (!owner || !platform || !channelId || !messageId) return undefined;
  return { member, owner, platform: platform as Platform, channelId, messageId, score };
}

export function createReactionQueue(deps: ReactionQueueDeps): ReactionQueue {
  const now = deps.now ?? (() => Date.now());
  const owner = randomUUID();
  const log = deps.log.child({ component: "reactions" });
  let ownLease: Promise<Lease | undefined> | undefined;
  let running: Promise<DrainResult> | undefined;
  let queued: Promise<DrainResult> | undefined;

  const seedChannel = async (entries: Entry[], adapter: ChatAdapter, pacer: Pacer, result: DrainResult, signal?: AbortSignal) => {
    for (const [i, e] of entries.entries()) {
      if (signal?.aborted || now() - e.score > MAX_AGE_MS) {
        if (!signal?.aborted) {
          await deps.store.index.remove(INDEX, e.member);
          result.dropped += 1;
          continue;
        }
        result.left += entries.length - i;
        return;
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

  const drainOnce = async (signal?: AbortSignal): Promise<DrainResult> => {
    const result: DrainResult = { seeded: 0, dropped: 0, left: 0 };
    const found = (await deps.store.index.range(INDEX, { limit: BATCH })).flatMap((m) => parse(m.member, m.score) ?? []);
    if (found.length === 0) return result;
    // Owners other than this process: their entries are ours only once their owner lease is gone (and taken
    // here, so that of several processes draining at once one takes them over).
    const takenOver: Lease[] = [];
    const mine = new Set<string>([owner]);
    for (const other of new Set(found.map((e) => e.owner).filter((o) => o !== owner))) {
      const lease = await deps.locks.acquire(ownerKey(other));
      if (lease) {
        takenOver.push(lease);
        mine.add(other);
      }
    }
    try {
      const byChannel = new Map<string, { adapter: ChatAdapter; pacer: Pacer; entries: Entry[] }>();
      for (const e of found) {
        if (!mine.has(e.owner)) {
          result.left += 1;
          continue;
        }
        const adapter = deps.adapterFor(e.platform);
        if (!adapter?.seedReaction || !adapter.isReady()) {
          result.left += 1;
          continue;
        }
        const key = `${e.platform}:${e.channelId}`;
        const group = byChannel.get(key) ?? { adapter, pacer: deps.pacerFor(e.platform).pacer, entries: [] };
        group.entries.push(e);
        byChannel.set(key, group);
      }
      await Promise.all([...byChannel.values()].map((g) => seedChannel(g.entries, g.adapter, g.pacer, result, signal)));
    } finally {
      await Promise.allSettled(takenOver.map((l) => l.release()));
    }
    if (result.seeded + result.dropped > 0) log.info({ ...result }, "🔖 reactions seeded");
    return result;
  };

  return {
    async add(platform, channelId, messageId) {
      if (!deps.adapterFor(platform)?.seedReaction) return;
      // This process's liveness for the others: held (and renewed) for as long as it runs.
      ownLease ??= deps.locks.acquire(ownerKey(owner));
      await ownLease;
      await deps.store.index.put(INDEX, `${owner}|${platform}|${channelId}|${messageId}`, now(), { onlyIfAbsent: true });
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
    async close() {
      const lease = await ownLease;
      await lease?.release();
    },
  };
}
