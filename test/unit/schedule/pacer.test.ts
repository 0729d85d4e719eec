// Pacing: never more than the platform allows in any window, and close to the bound when busy.
import { describe, expect, it } from "vitest";
import { createPacer } from "../../../src/schedule/pacer.js";

/** Max number of events inside any window of `ms`. */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("pacer", () => {
  it("keeps the global and per-channel limits across concurrent channels", async () => {
    const pacer = createPacer({ global: { count: 20, perMs: 200 }, perChannel: { count: 2, perMs: 100 } });
    const all: number[] = [];
    const perChannel = new Map<string, number[]>();
    await Promise.all(
      Array.from({ length: 10 }, async (_, c) => {
        const mine: number[] = [];
        perChannel.set(`C${c}`, mine);
        for (let i = 0; i < 6; i++) {
          await pacer.acquire(`C${c}`);
          const t = performance.now();
          all.push(t);
          mine.push(t);
        }
      }),
    );
    expect(maxInWindow(all, 200)).toBeLessThanOrEqual(20);
    for (const times of perChannel.values()) expect(maxInWindow(times, 100)).toBeLessThanOrEqual(2);
  });

  it("gives a 🔖 reaction a global turn only while no message waits for one", async () => {
    const pacer = createPacer({ global: { count: 10, perMs: 100 }, reactionPerChannel: { count: 1, perMs: 5 } });
    const order: string[] = [];
    const reactions = Array.from({ length: 5 }, (_, i) => pacer.acquireReaction(`R${i}`).then(() => order.push("reaction")));
    const messages = Array.from({ length: 20 }, (_, i) => pacer.acquire(`M${i}`).then(() => order.push("message")));
    await Promise.all([...reactions, ...messages]);
    expect(order).toEqual([...Array<string>(20).fill("message"), ...Array<string>(5).fill("reaction")]);
  });

  it("counts a paper message's extra request against the global budget (paperMessageCost)", async () => {
    const pacer = createPacer({ global: { count: 10, perMs: 100 } });
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 15; i++) {
      await pacer.acquire("C", 2);
      times.push(performance.now() - started);
    }
    // 30 requests at 10 per 100 ms: the last message waits at least two full windows.
    expect(times.at(-1)!).toBeGreaterThanOrEqual(200);
  });

  it("stops waiting when aborted", async () => {
    const pacer = createPacer({ perChannel: { count: 1, perMs: 10_000 } });
    await pacer.acquire("C");
    const abort = new AbortController();
    const waiting = pacer.acquire("C", 1, abort.signal);
    abort.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
