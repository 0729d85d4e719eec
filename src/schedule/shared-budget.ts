// One Discord token's global budget (50 requests/s) shared by every process delivering with it, through Redis
// (STORE_URL=redis://). Time is cut into slots one send interval long (the published rate slowed by the jitter
// margin, as in pacer.ts); a process sends only in a slot it has taken, and rate-limiter-flexible's Redis
// limiter (1 point per slot key) makes each slot go to exactly one process. So the processes' sends together stay
// evenly spaced at the rate, whatever their number. Slots are counted on the wall clock, which processes on
// one host share (on several hosts, keep their clocks in sync with NTP). While Redis is unreachable the
// library's in-memory insurance limiter takes over: pacing falls back to this process alone until it is back.
// Low turns (seeded 🔖, live-vote edits) yield to every process's messages: a process serving a message marks the
// budget busy for a moment, and a low turn waits while any process has marked it.
import { createClient } from "@keyv/redis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../log.js";
import type { Platform } from "../ports.js";
import type { GlobalBudget, RateRule } from "./pacer.js";

export interface SharedBudgets {
  /** The shared global budget of `platform` at `rule` (one per platform and process). */
  budgetFor(platform: Platform, rule: RateRule, jitterMs?: number): GlobalBudget;
  close(): Promise<void>;
}

interface Waiter {
  cost: number;
  low: boolean;
  signal: AbortSignal | undefined;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A slot key lives this long (s): only slots near now are ever taken. */
const SLOT_KEY_SECONDS = 2;
/** A message marks the budget busy for this long (ms); low turns of every process wait while it is marked. */
const BUSY_MS = 1_000;
/** How often a waiting low turn looks again (ms). */
const BUSY_POLL_MS = 100;

export function createSharedBudgets(url: string, log: Logger, clock: () => number = () => Date.now()): SharedBudgets {
  // Its own connection: the store's serves the repositories, and a slot taken late is capacity lost.
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 5_000, reconnectStrategy: (n: number) => Math.min(2 ** n * 100, 2_000) } });
  client.on("error", () => {});
  let connecting: Promise<unknown> | undefined;
  const connected = () => (connecting ??= client.connect().catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "shared rate budget: Redis unreachable; pacing this process alone")));
  const budgets = new Map<Platform, GlobalBudget>();

  const create = (platform: Platform, rule: RateRule, jitterMs: number): GlobalBudget => {
    // A window of perMs at the platform meets the slots of perMs + jitter (a send that left late), plus one
    // partly: count - 1 slots per stretched window keep every window within count.
    const interval = (rule.perMs + jitterMs) / Math.max(1, rule.count - 1);
    const keyPrefix = `paperboy:rate:${platform}:${rule.count}:${rule.perMs}`;
    const limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix,
      points: 1,
      duration: SLOT_KEY_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: 1, duration: SLOT_KEY_SECONDS }),
    });
    const waiters: Waiter[] = [];
    let nextSlot = 0;
    let pumping = false;
    const busyKey = `${keyPrefix}:busy`;
    let markedAt = -Infinity;
    // Refreshed at most every quarter of its life: one SET per 250 ms of sending, not one per message.
    const markBusy = () => {
      if (clock() - markedAt < BUSY_MS / 4) return;
      markedAt = clock();
      client.set(busyKey, "1", { expiration: { type: "PX", value: BUSY_MS } }).catch(() => undefined);
    };
    // Redis unreachable: nothing is known about the others, and this process's own order still holds.
    const othersBusy = async () => (await client.exists(busyKey).catch(() => 0)) === 1;

    // The first free slot from now on (or after the one this process took last).
    const takeSlot = async (): Promise<number> => {
      for (let slot = Math.max(Math.floor(clock() / interval), nextSlot); ; slot++) {
        try {
          await limiter.consume(String(slot), 1);
          nextSlot = slot + 1;
          return slot;
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) throw err;
        }
      }
    };

    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        await connected();
        for (;;) {
          const next = waiters.find((w) => !w.low) ?? waiters[0];
          if (!next) return;
          if (!next.low) markBusy();
          else if (next.signal?.aborted) {
            waiters.splice(waiters.indexOf(next), 1);
            next.reject(next.signal.reason);
            continue;
          } else if (await othersBusy()) {
            await new Promise((r) => setTimeout(r, BUSY_POLL_MS));
            continue;
          }
          let slot = 0;
          for (let i = 0; i < next.cost; i++) slot = await takeSlot();
          const wait = slot * interval - clock();
          if (wait > 0) await new Promise((r) => setTimeout(r, Math.ceil(wait)));
          waiters.splice(waiters.indexOf(next), 1);
          if (next.signal?.aborted) next.reject(next.signal.reason);
          else next.resolve();
        }
      } catch (err) {
        for (const w of waiters.splice(0)) w.reject(err);
      } finally {
        pumping = false;
      }
    };

    return {
      pass(cost, signal, low = false) {
        if (signal?.aborted) return Promise.reject(signal.reason as Error);
        return new Promise<void>((resolve, reject) => {
          waiters.push({ cost, low, signal, resolve, reject });
          void pump();
        });
      },
    };
  };

  return {
    budgetFor(platform, rule, jitterMs = 30) {
      let budget = budgets.get(platform);
      if (!budget) {
        budget = create(platform, rule, jitterMs);
        budgets.set(platform, budget);
      }
      return budget;
    },
    async close() {
      await connecting;
      if (client.isOpen) await client.close();
    },
  };
}
