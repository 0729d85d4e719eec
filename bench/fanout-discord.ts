// Discord fan-out: 1 header + 10 papers to N channels through the real Discord adapter (discord.js) against the
// fake Discord enforcing Discord's limits scaled by `scale` (global 50·scale req/s; 5 messages and 🔖 reactions
// per 5/scale s per channel). Paced delivery vs a naive sequential loop, wall time against the bound, 429s.
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import { startFakeProcess } from "./fake-process.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { BENCH_DATE, benchSubscription, createBenchApp, naiveLoop } from "./harness.js";

export interface FanoutFigures {
  channels: number;
  messages: number;
  requests: number;
  boundMs: number;
  pacedMs: number;
  paced429: number;
  naiveChannels: number;
  naiveMs: number;
  naive429: number;
}

export async function benchDiscordFanout(channels: number, scale: number, naiveChannels: number): Promise<FanoutFigures> {
  const globalPerSecond = 50 * scale;
  const bucket = { limit: 5, windowMs: 5000 / scale };
  const hf = await createFakeHf();
  hf.setDaily(BENCH_DATE, Array.from({ length: 10 }, (_, i) => makeDailyItem({ id: `2506.${20000 + i}`, title: `Bench paper ${i}`, upvotes: 50 - i, listDate: BENCH_DATE })));
  // The fake runs in its own process: its CPU must not slow paperboy down and distort the figures.
  const fake = await startFakeProcess({ platform: "discord", channels: channels + naiveChannels, globalPerSecond, bucket });
  const ids = fake.info.channelIds;
  const env = { HF_API_URL: hf.url, ARXIV_API_URL: hf.arxivUrl, DISCORD_TOKEN: fake.info.token ?? "", DISCORD_API_URL: fake.info.apiUrl };
  const bench = await createBenchApp({
    env,
    pacing: {
      discord: { global: { count: globalPerSecond, perMs: 1000 }, perChannel: { count: bucket.limit, perMs: bucket.windowMs }, paperMessageCost: 2 },
    },
  });
  const config = loadConfig({ ...env, STORE_URL: "memory://", LOG_LEVEL: "silent" });
  const adapter = createDiscordAdapter({ config, core: bench.app.core, log: silentLogger, restOptions: { globalRequestsPerSecond: globalPerSecond } });
  bench.app.adapters.set("discord", adapter);
  await adapter.start();
  for (const id of ids.slice(0, channels)) await bench.stack.subscriptions.save(benchSubscription("discord", id));

  // Warm the list cache so both runs measure posting only.
  const list = await bench.app.deps.papers.daily(BENCH_DATE);
  const started = performance.now();
  const startedAt = Date.now();
  const results = await bench.stack.engine.deliverDate(BENCH_DATE);
  const pacedMs = performance.now() - started;
  if (process.env.BENCH_DEBUG) console.log({ startedAt, endedAt: Date.now() });
  const failed = results.filter((r) => r.outcome.status !== "posted").length;
  if (failed > 0) throw new Error(`${failed} channels were not delivered`);
  const pacedStats = await fake.stats();
  const paced429 = pacedStats.rateLimited;
  if (process.env.BENCH_DEBUG) console.log(pacedStats);

  // Naive: one message after another, no pacing (discord.js still applies what it learns from headers).
  const naiveMs = await naiveLoop(adapter, ids.slice(channels), BENCH_DATE, list);
  const naive429 = (await fake.stats()).rateLimited - paced429;

  await bench.close();
  fake.close();
  await hf.close();
  const messages = channels * 11;
  const requests = channels * (1 + 10 * 2);
  return { channels, messages, requests, boundMs: (requests / globalPerSecond) * 1000, pacedMs, paced429, naiveChannels, naiveMs, naive429 };
}
