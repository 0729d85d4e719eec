// Two delivery engines on one Discord token and one real redis-server share the token's global rate budget:
// together they stay within the fake Discord's global limit (counted per second at the fake) with no 429, each
// pacing at the full rate on its own. Fails, never skips, without redis-server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPaperboy } from "./in-process.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";
import { createWorld, LIST_DATE, received, SCALED, seed, subscription, type World } from "./world.js";

let world: World;
let redis: RedisServer;
beforeAll(async () => {
  world = await createWorld();
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  await world?.close();
});

/** The most requests the fake saw in any one-second window. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe("several processes on one Discord token (STORE_URL=redis://)", () => {
  it("share its global budget: together within the global rate, no 429", async () => {
    const channels = Array.from({ length: 60 }, () => world.discordChannel());
    await seed(redis.url, channels.map((c) => subscription("discord", c, { top: 3 })));
    const a = await startPaperboy(world, redis.url, "2025-06-13T07:00:30.000Z");
    const b = await startPaperboy(world, redis.url, "2025-06-13T07:00:30.000Z");
    const since = Date.now();
    let results;
    try {
      results = await Promise.all([a.stack.engine.deliverDate(LIST_DATE), b.stack.engine.deliverDate(LIST_DATE)]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // Both delivered (the channel leases split the channels between them).
    const posted = results.map((r) => r.filter((x) => x.outcome.status === "posted").length);
    expect(Math.min(...posted)).toBeGreaterThan(0);
    for (const c of channels) expect([...received(world, "discord", c).values()]).toEqual([1, 1, 1, 1]);

    const requests = world.discord.state.requests.filter((r) => r.at >= since && !r.path.startsWith("/interactions/"));
    // 240 messages and 180 🔖: longer than a second at the global rate, so the budget is really contended.
    expect(requests.filter((r) => r.method !== "GET").length).toBeGreaterThanOrEqual(420);
    expect(peakPerSecond(requests.map((r) => r.at))).toBeLessThanOrEqual(SCALED.discordGlobalPerSecond);
    expect(world.discord.state.stats.rateLimited).toBe(0);
  }, 60_000);
});
