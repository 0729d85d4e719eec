// Live-vote edits take low-priority turns: an edit never goes ahead of a waiting message (or 🔖), and edits never
// exceed their fixed share of the rate even with the whole global budget free. Order and counts only, no timing.
import { describe, expect, it } from "vitest";
import { createPacer } from "../../../src/schedule/pacer.js";

const tick = () => new Promise((r) => setImmediate(r));

describe("pacer edit turns", () => {
  it("gives an edit its turn only once no message waits, whenever each was queued", async () => {
    const pacer = createPacer({ global: { count: 1, perMs: 15 }, jitterMs: 0 });
    const order: string[] = [];
    const go = (name: string, turn: Promise<void>) => turn.then(() => order.push(name));
    await pacer.acquire("A");
    order.push("m1");
    // The edit queues first, while the global budget is spent…
    const edit = go("edit", pacer.acquireEdit("B"));
    await tick();
    // …then messages arrive: every one of them goes before it.
    const messages = [go("m2", pacer.acquire("C")), go("m3", pacer.acquire("D")), go("m4", pacer.acquire("E"))];
    await Promise.all([edit, ...messages]);
    expect(order).toEqual(["m1", "m2", "m3", "m4", "edit"]);
  });

  it("waits behind seeded 🔖 that were queued earlier only in call order (both are low), never behind nothing", async () => {
    const pacer = createPacer({ global: { count: 1, perMs: 10 }, jitterMs: 0 });
    const order: string[] = [];
    await pacer.acquire("A");
    const low = [pacer.acquireReaction("A").then(() => order.push("reaction")), pacer.acquireEdit("B").then(() => order.push("edit"))];
    await tick();
    const message = pacer.acquire("C").then(() => order.push("message"));
    await Promise.all([...low, message]);
    expect(order).toEqual(["message", "reaction", "edit"]);
  });

  it("keeps edits to their share: with the global budget idle, a burst of edits still goes one share turn at a time", async () => {
    const pacer = createPacer({ global: { count: 100, perMs: 1000 }, editShare: { count: 2, perMs: 1000 }, jitterMs: 0 });
    let done = 0;
    const edits = Array.from({ length: 3 }, (_, i) => pacer.acquireEdit(`C${i}`).then(() => (done += 1)));
    await tick();
    // The next share turn is half a second away: only one edit has gone, though the global budget is free.
    expect(done).toBe(1);
    await Promise.all(edits);
    expect(done).toBe(3);
  });
});
