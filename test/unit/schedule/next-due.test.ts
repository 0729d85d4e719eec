// nextDueAt (the store's due-index score) agrees with dueSlot (the rule the delivery job applies): for many
// subscriptions, states and instants, dueSlot(sub, state, now) is defined exactly when nextDueAt(...) <= now.
// If either rule changes alone, channels would be served late or read on every tick; this catches it.
import { describe, expect, it } from "vitest";
import { dueSlot, nextDueAt } from "../../../src/schedule/slots.js";
import type { DeliveryState, Subscription } from "../../../src/store/subscriptions.js";

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "UTC"];
const START = Date.parse("2025-03-20T00:00:00.000Z");
const DAY = 86_400_000;

describe("nextDueAt", () => {
  it("matches dueSlot for 1,500 random cases across zones, DST, weekends, retries and give-ups", () => {
    const rnd = random(8);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const iso = (ms: number) => new Date(ms).toISOString();
    const mismatches: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      const activeFrom = START + Math.floor(rnd() * 20 * DAY);
      const sub: Subscription = {
        platform: "discord", channelId: `C${i}`, top: 5, minUpvotes: 0, keywords: [], organizations: [], subscriberId: "U",
        time: `${String(Math.floor(rnd() * 24)).padStart(2, "0")}:${pick(["00", "15", "30", "59"])}`,
        timezone: pick(ZONES), weekend: pick(["skip", "monday"] as const),
        createdAt: iso(activeFrom), activeFrom: iso(activeFrom),
      };
      const state: DeliveryState = {};
      if (rnd() < 0.7) state.lastSlot = iso(activeFrom + Math.floor(rnd() * 15 * DAY));
      if (rnd() < 0.3) state.retry = { attempts: 1, nextAt: iso(activeFrom + Math.floor(rnd() * 20 * DAY)), reason: "x" };
      if (rnd() < 0.1) state.gaveUpAt = iso(activeFrom + (rnd() < 0.5 ? -DAY : DAY));
      const next = nextDueAt(sub, state);
      for (let j = 0; j < 5; j++) {
        const now = activeFrom + Math.floor(rnd() * 25 * DAY);
        const due = dueSlot(sub, state, now) !== undefined;
        if (due !== (next !== undefined && next <= now)) mismatches.push(`case ${i} at ${iso(now)}: dueSlot says ${due}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
