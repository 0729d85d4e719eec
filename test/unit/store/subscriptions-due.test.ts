// The subscriptions' due index: saving one subscription touches only its own keys, a tick with nothing due is
// one index query (no record read), and save/saveState/remove keep the index right as a user would notice:
// the channel is served at its time, again the next day, never after unsubscribing.
import { describe, expect, it } from "vitest";
import { nextDueAt } from "../../../src/schedule/slots.js";
import { createStore } from "../../../src/store/create-store.js";
import { createSubscriptionRepo, type Subscription } from "../../../src/store/subscriptions.js";
import type { Store } from "../../../src/store/types.js";
import { captureLog } from "./support.js";

const sub = (channelId: string, over: Partial<Subscription> = {}): Subscription => ({
  platform: "discord", channelId, time: "09:00", timezone: "Europe/Berlin", top: 5, minUpvotes: 0, keywords: [],
  organizations: [], weekend: "skip", subscriberId: "U1", createdAt: "2025-06-01T00:00:00.000Z",
  activeFrom: "2025-06-01T00:00:00.000Z", ...over,
});

/** The store with every read and write the repository makes counted. */
function counting(store: Store) {
  const counts = { reads: 0, writes: 0 };
  const count = <T extends object>(target: T, reads: string[]): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          counts[reads.includes(String(prop)) ? "reads" : "writes"] += 1;
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const wrapped: Store = {
    ...store,
    namespace: (name) => count(store.namespace(name), ["get", "getMany", "has"]),
    sets: count(store.sets, ["members"]),
    index: count(store.index, ["range"]),
  };
  return { store: wrapped, counts };
}

const at = (iso: string) => Date.parse(iso);

describe("subscriptions due index", () => {
  it("a tick with nothing due reads the index once and no record, at any number of subscriptions", async () => {
    const base = await createStore("memory://", { log: captureLog().log });
    const { store, counts } = counting(base);
    const repo = createSubscriptionRepo({ store, nextDue: nextDueAt });
    for (let i = 0; i < 200; i++) await repo.save(sub(`C${i}`, { activeFrom: "2025-06-02T10:00:00.000Z" }));

    counts.reads = 0;
    counts.writes = 0;
    await repo.save(sub("C-new", { activeFrom: "2025-06-02T10:00:00.000Z" }));
    // Its own record, the set, its state (one read) and its index entry: nothing proportional to the others.
    expect(counts).toEqual({ reads: 1, writes: 3 });

    counts.reads = 0;
    expect(await repo.due(at("2025-06-03T06:59:00.000Z"))).toEqual([]);
    expect(counts.reads).toBe(1);
    expect((await repo.due(at("2025-06-03T07:00:00.000Z"))).length).toBe(201);
    await base.close();
  });

  it("serves a channel at its time, then the next day; a retry waits; unsubscribing stops it", async () => {
    const store = await createStore("memory://", { log: captureLog().log });
    const repo = createSubscriptionRepo({ store, nextDue: nextDueAt });
    const key = { platform: "discord" as const, channelId: "C1" };
    await repo.save(sub("C1", { activeFrom: "2025-06-02T10:00:00.000Z" }));
    const dueAt = async (iso: string) => (await repo.due(at(iso))).map((d) => d.subscription.channelId);

    expect(await dueAt("2025-06-03T06:59:59.000Z")).toEqual([]);
    expect(await dueAt("2025-06-03T07:00:00.000Z")).toEqual(["C1"]);
    await repo.saveState(key, { lastSlot: "2025-06-03T07:00:00.000Z", retry: { attempts: 1, nextAt: "2025-06-04T07:30:00.000Z", reason: "hf" } });
    expect(await dueAt("2025-06-04T07:10:00.000Z")).toEqual([]);
    expect(await dueAt("2025-06-04T07:30:00.000Z")).toEqual(["C1"]);
    await repo.saveState(key, { lastSlot: "2025-06-04T07:00:00.000Z" });
    expect(await dueAt("2025-06-04T23:00:00.000Z")).toEqual([]);
    expect(await dueAt("2025-06-05T07:00:00.000Z")).toEqual(["C1"]);

    await repo.saveState(key, { lastSlot: "2025-06-05T07:00:00.000Z", gaveUpAt: "2025-06-05T07:00:00.000Z" });
    expect(await dueAt("2025-06-09T07:00:00.000Z")).toEqual([]);
    // Subscribing again starts over.
    await repo.save(sub("C1", { activeFrom: "2025-06-09T08:00:00.000Z" }));
    expect(await dueAt("2025-06-10T07:00:00.000Z")).toEqual(["C1"]);

    expect(await repo.remove(key)).toBe(true);
    expect(await dueAt("2025-06-11T07:00:00.000Z")).toEqual([]);
    expect(await store.index.range("subscriptions-due")).toEqual([]);
    await store.close();
  });

  it("reschedules an entry written without the due function (a seeding script) at the first tick", async () => {
    const store = await createStore("memory://seeded-due", { log: captureLog().log });
    await createSubscriptionRepo({ store }).save(sub("C1", { activeFrom: "2025-06-02T10:00:00.000Z" }));
    const repo = createSubscriptionRepo({ store, nextDue: nextDueAt });
    expect(await repo.due(at("2025-06-02T12:00:00.000Z"))).toEqual([]);
    expect(await store.index.range("subscriptions-due")).toEqual([{ member: "discord:C1", score: at("2025-06-03T07:00:00.000Z") }]);
    await store.close();
  });
});
