// Several paperboy processes on one real Redis: every channel's daily post is delivered by exactly one of them,
// so each message appears exactly once, and the channels are shared out between the processes.
import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./redis-server.js";
import { childInput, createWorld, PAPERS_PER_LIST, received, seed, spawnChild, subscription, type World } from "./world.js";

let world: World;
let redis: RedisServer | undefined;
beforeAll(async () => {
  world = await createWorld();
  // No redis-server fails this file: it never skips.
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  await world?.close();
});

type Outcome = { channelId: string; outcome: { status: string } };

describe("two instances on one Redis", () => {
  it("each post exactly once, whichever instance gets the channel", { timeout: 120_000 }, async () => {
    const url = redis!.url;
    const client = createClient({ url });
    client.on("error", () => {});
    await client.connect();
    await client.flushAll();
    await client.quit();
    const channels = [
      ...Array.from({ length: 6 }, () => ["discord", world.discordChannel()] as const),
      ...Array.from({ length: 6 }, () => ["slack", world.slackChannel()] as const),
    ];
    await seed(url, channels.map(([p, c]) => subscription(p, c)));
    // Three processes at once, each running the same scheduled tick.
    const children = [0, 1, 2].map(() => spawnChild(childInput(world, url)));
    const done = await Promise.all(children.map((c) => c.done));
    done.forEach((d, i) => expect(d, children[i]!.stderr()).toBeDefined());

    for (const [platform, channelId] of channels) {
      const got = received(world, platform, channelId);
      expect([...got.values()].every((n) => n === 1), `${platform}:${channelId}`).toBe(true);
      expect(got.size).toBe(PAPERS_PER_LIST + 1);
    }
    const postedBy = done.map((d) => ((d?.results ?? []) as Outcome[]).filter((r) => r.outcome.status === "posted").length);
    expect(postedBy.reduce((a, b) => a + b, 0)).toBe(channels.length);
    expect(world.discord.state.stats.rateLimited).toBe(0);
  });
});
