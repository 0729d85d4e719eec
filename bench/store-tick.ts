// Scheduler tick and save() cost at 100 / 1,000 / 10,000 subscriptions with nothing due, on one backend: the
// real delivery engine's runDue over the due index, with every store read counted, against the previous
// design measured on the same data (list every subscription, read each one's state, check each).
import { createSampleSource } from "../src/hf/sample.js";
import { silentLogger } from "../src/log.js";
import { createDeliveryEngine } from "../src/schedule/engine.js";
import { dueSlot, nextDueAt } from "../src/schedule/slots.js";
import { createStore } from "../src/store/create-store.js";
import { createDeliveryLedger } from "../src/store/deliveries.js";
import { createLockService, createStoreLockBackend } from "../src/store/lock.js";
import { createPostRepo } from "../src/store/posts.js";
import { createSubscriptionRepo, type Subscription } from "../src/store/subscriptions.js";
import type { Store } from "../src/store/types.js";

export interface TickFigures {
  subscriptions: number;
  /** Median ms of the engine's runDue (nothing due). */
  tickMs: number;
  tickReads: number;
  /** The previous design on the same data: list + getState for each. */
  oldTickMs: number;
  oldTickReads: number;
}

export interface TickBench {
  ticks: TickFigures[];
  /** Mean ms of one save() with the largest count stored. */
  saveMs: number;
  /** The previous save's extra cost at that count: read and rewrite the index of every channel id. */
  oldSaveMs: number;
}

const NOW = Date.parse("2025-06-13T12:00:00.000Z");
const sub = (i: number): Subscription => ({
  platform: i % 2 ? "slack" : "discord", channelId: `C${i}`, time: "09:00", timezone: "UTC", top: 10, minUpvotes: 0,
  keywords: [], organizations: [], weekend: "skip", subscriberId: "U0",
  createdAt: "2025-06-01T00:00:00.000Z", activeFrom: "2025-06-01T00:00:00.000Z",
});

/** `store` with every read the repositories make counted (Keyv get, set members, index range). */
function countReads(store: Store): { store: Store; reads: () => number; reset(): void } {
  let reads = 0;
  const wrap = <T extends object>(target: T, names: string[]): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof value !== "function" || !names.includes(String(prop))) return value;
        return (...args: unknown[]) => {
          reads += 1;
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return {
    store: { ...store, namespace: (n) => wrap(store.namespace(n), ["get", "getMany"]), sets: wrap(store.sets, ["members"]), index: wrap(store.index, ["range"]) },
    reads: () => reads,
    reset: () => void (reads = 0),
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchStoreTick(url: string, sizes: number[]): Promise<TickBench> {
  const base = await createStore(url, { log: silentLogger });
  const counted = countReads(base);
  const repo = createSubscriptionRepo({ store: counted.store, nextDue: nextDueAt });
  const engine = createDeliveryEngine({
    adapterFor: () => undefined, papers: createSampleSource(), posts: createPostRepo(base), subscriptions: repo,
    ledger: createDeliveryLedger(base), locks: createLockService({ backend: createStoreLockBackend(base) }),
    log: silentLogger, now: () => new Date(NOW), giveUpDays: 14, store: counted.store,
  });
  const ticks: TickFigures[] = [];
  let stored = 0;
  for (const size of sizes) {
    // Every channel already had today's 09:00 post: nothing is due at 12:00.
    for (let i = stored; i < size; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, size - i) }, async (_, j) => {
          const s = sub(i + j);
          await repo.save(s);
          await repo.saveState(s, { lastSlot: "2025-06-13T09:00:00.000Z", lastDate: "2025-06-12" });
        }),
      );
    }
    stored = size;
    const runs: number[] = [];
    let tickReads = 0;
    for (let run = 0; run < 5; run++) {
      counted.reset();
      runs.push(await timed(async () => {
        const results = await engine.runDue();
        if (results.length > 0) throw new Error("benchmark setup: something was due");
      }));
      tickReads = counted.reads();
    }
    counted.reset();
    const oldTickMs = await timed(async () => {
      const subs = await repo.list();
      const states = await Promise.all(subs.map((s) => repo.getState(s)));
      if (subs.some((s, i) => dueSlot(s, states[i] ?? {}, NOW) !== undefined)) throw new Error("something was due");
    });
    ticks.push({ subscriptions: size, tickMs: median(runs), tickReads, oldTickMs, oldTickReads: counted.reads() });
  }

  const saves = 20;
  const saveMs = (await timed(async () => {
    for (let i = 0; i < saves; i++) await repo.save(sub(stored + i));
  })) / saves;
  const ids = Array.from({ length: stored }, (_, i) => `${sub(i).platform}:C${i}`);
  const blob = base.namespace("bench-old-index");
  await blob.set("index", ids);
  const oldSaveMs = (await timed(async () => {
    for (let i = 0; i < saves; i++) {
      const index = new Set((await blob.get("index")) as string[]);
      index.add(`discord:new${i}`);
      await blob.set("index", [...index]);
    }
  })) / saves;
  await engine.stop();
  await base.close();
  return { ticks, saveMs, oldSaveMs };
}
