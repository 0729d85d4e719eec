// kill -9 at random instants: a delivery process is killed mid-post (several times), restarted, and every channel
// on both platforms ends up with exactly one header and each paper exactly once — on SQLite and on Redis — and
// every paper message is recorded so 🔖 works on it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { createPostRepo } from "../../../src/store/posts.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";
import { childInput, createWorld, PAPERS_PER_LIST, received, seed, spawnChild, subscription, type World } from "./world.js";

const TRIALS = 6;
/** How often a kill left a channel half-posted, and how many messages the final runs found already sent. */
const stats = { killedMidPost: 0, reconciled: 0 };
const KILLS_PER_TRIAL = 2;

let world: World;
let redis: RedisServer | undefined;
beforeAll(async () => {
  world = await createWorld();
  redis = await startRedisServer();
});
afterAll(async () => {
  console.info(`crash trials: ${stats.killedMidPost} kills left a channel half-posted; final runs reconciled ${stats.reconciled} sent-but-unrecorded messages`);
  await redis?.stop();
  await world?.close();
});

/** A small deterministic PRNG so a failing trial can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function crashTrial(storeUrl: string, random: () => number): Promise<void> {
  const channels = [
    ...Array.from({ length: 3 }, () => ["discord", world.discordChannel()] as const),
    ...Array.from({ length: 3 }, () => ["slack", world.slackChannel()] as const),
  ];
  await seed(storeUrl, channels.map(([p, c]) => subscription(p, c)));
  for (let kill = 0; kill < KILLS_PER_TRIAL; kill++) {
    const child = spawnChild(childInput(world, storeUrl));
    await child.ready;
    await new Promise((r) => setTimeout(r, random() * 1800));
    child.proc.kill("SIGKILL");
    await child.done;
    for (const [p, c] of channels) {
      const size = received(world, p, c).size;
      if (size > 0 && size < PAPERS_PER_LIST + 1) stats.killedMidPost += 1;
    }
  }
  const last = spawnChild(childInput(world, storeUrl));
  const done = await last.done;
  expect(done, last.stderr()).toBeDefined();
  for (const r of done?.results ?? []) stats.reconciled += (r as { outcome: { reconciled?: number } }).outcome.reconciled ?? 0;

  const store = await createStore(storeUrl, { log: silentLogger });
  const posts = createPostRepo(store);
  for (const [platform, channelId] of channels) {
    const got = received(world, platform, channelId);
    const where = `${platform}:${channelId}`;
    expect([...got.entries()].filter(([, n]) => n !== 1), `duplicates in ${where}`).toEqual([]);
    expect(got.size, `missing in ${where}: ${[...got.keys()].join(",")}`).toBe(PAPERS_PER_LIST + 1);
    expect(got.has("unknown")).toBe(false);
  }
  for (const m of world.discord.state.messages.values()) {
    if (!channels.some(([p, c]) => p === "discord" && c === m.channelId) || !(m.body.embeds as { url?: string }[])?.[0]?.url?.includes("/papers/2506")) continue;
    expect(await posts.lookup("discord", m.channelId, m.id), `post record for ${m.id}`).toBeDefined();
  }
  for (const m of world.slack.state.messages) {
    const paperId = m.metadata?.event_payload.paper_id;
    if (!channels.some(([p, c]) => p === "slack" && c === m.channel) || paperId === "header") continue;
    expect((await posts.lookup("slack", m.channel, m.ts))?.paperId).toBe(paperId);
  }
  await store.close();
  expect(world.discord.state.stats.rateLimited).toBe(0);
}

describe("kill -9 during delivery, then restart", () => {
  it(`SQLite: ${TRIALS} trials × ${KILLS_PER_TRIAL} kills → no duplicate, nothing missing`, { timeout: 240_000 }, async () => {
    const seedValue = Date.now();
    const random = rng(seedValue);
    for (let t = 0; t < TRIALS; t++) {
      const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-crash-")), "s.sqlite")}`;
      await crashTrial(url, random).catch((err: unknown) => {
        throw new Error(`trial ${t} (seed ${seedValue}) failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    // The kills must really land mid-post, or this test proves nothing.
    expect(stats.killedMidPost).toBeGreaterThan(0);
  });

  it(`Redis: ${TRIALS} trials × ${KILLS_PER_TRIAL} kills → no duplicate, nothing missing`, { timeout: 240_000 }, async () => {
    const seedValue = Date.now();
    const random = rng(seedValue);
    const client = createClient({ url: redis!.url });
    client.on("error", () => {});
    await client.connect();
    try {
      for (let t = 0; t < TRIALS; t++) {
        await client.flushAll();
        await crashTrial(redis!.url, random).catch((err: unknown) => {
          throw new Error(`trial ${t} (seed ${seedValue}) failed: ${err instanceof Error ? err.message : String(err)}`);
        });
      }
    } finally {
      await client.quit();
    }
  });
});
