// Discord fan-out: 1 header + 10 papers to N channels through the real Discord adapter (discord.js) against the
// fake Discord enforcing Discord's limits scaled by `scale` (global 50·scale req/s; 5 messages and 5 🔖 reactions
// per 5/scale s per channel). Papers first: the time from the first to the last paper message against the
// message-only bound (messages / global rate), when the last 🔖 was seeded, and 429s; next to a plain
// @discordjs/rest client sending the same messages concurrently (its own queue and limits, no paperboy) to other
// channels of the same fake, in the same run; and a naive sequential loop.
import { REST, Routes } from "discord.js";
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { createActionCodec } from "../adapters/discord/custom-id.js";
import { renderMessage } from "../adapters/discord/render.js";
import { loadConfig } from "../src/config.js";
import { dailyHeader } from "../src/format/daily-list.js";
import { paperCard } from "../src/format/paper-card.js";
import { silentLogger } from "../src/log.js";
import { startFakeProcess, type Timeline } from "./fake-process.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { BENCH_DATE, benchSubscription, createBenchApp, naiveLoop } from "./harness.js";

export interface FanoutFigures {
  channels: number;
  messages: number;
  /** Message-only bound: messages / global rate (ms). */
  boundMs: number;
  paced: Timeline;
  /** Until deliverDate returned (every 🔖 seeded), ms. */
  passMs: number;
  baseline: Timeline;
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
  const fake = await startFakeProcess({ platform: "discord", channels: 2 * channels + naiveChannels, globalPerSecond, bucket });
  const ids = fake.info.channelIds;
  const pacedIds = ids.slice(0, channels);
  const baselineIds = ids.slice(channels, 2 * channels);
  const env = { HF_API_URL: hf.url, ARXIV_API_URL: hf.arxivUrl, DISCORD_TOKEN: fake.info.token ?? "", DISCORD_API_URL: fake.info.apiUrl };
  const bench = await createBenchApp({
    env,
    pacing: {
      discord: {
        global: { count: globalPerSecond, perMs: 1000 },
        perChannel: { count: bucket.limit, perMs: bucket.windowMs },
        reactionPerChannel: { count: bucket.limit, perMs: bucket.windowMs },
      },
    },
  });
  const config = loadConfig({ ...env, STORE_URL: "memory://", LOG_LEVEL: "silent" });
  const adapter = createDiscordAdapter({ config, core: bench.app.core, log: silentLogger, restOptions: { globalRequestsPerSecond: globalPerSecond } });
  bench.app.adapters.set("discord", adapter);
  await adapter.start();
  for (const id of pacedIds) await bench.stack.subscriptions.save(benchSubscription("discord", id));

  // Warm the list cache so the runs measure posting only.
  const list = await bench.app.deps.papers.daily(BENCH_DATE);
  const started = performance.now();
  const results = await bench.stack.engine.deliverDate(BENCH_DATE);
  const passMs = performance.now() - started;
  const failed = results.filter((r) => r.outcome.status !== "posted").length;
  if (failed > 0) throw new Error(`${failed} channels were not delivered`);
  const paced = await fake.timeline(pacedIds);

  // Baseline: @discordjs/rest alone, every message of every channel handed to it at once.
  const codec = createActionCodec();
  const body = (m: Parameters<typeof renderMessage>[0]) => {
    const { embeds, components, content } = renderMessage(m, { encode: codec.encode });
    return { embeds, components, ...(content ? { content } : {}), allowed_mentions: { parse: [] } };
  };
  const messages = [dailyHeader(BENCH_DATE, list), ...list.map((p) => paperCard(p, { date: BENCH_DATE }))].map(body);
  const rest = new REST({ api: fake.info.apiUrl, globalRequestsPerSecond: globalPerSecond }).setToken(fake.info.token ?? "");
  await Promise.all(baselineIds.flatMap((id) => messages.map((m) => rest.post(Routes.channelMessages(id), { body: m }))));
  const baseline = await fake.timeline(baselineIds);

  // Naive: one message after another, no pacing (discord.js still applies what it learns from headers).
  const before429 = (await fake.stats()).rateLimited;
  const naiveMs = await naiveLoop(adapter, ids.slice(2 * channels), BENCH_DATE, list);
  const naive429 = (await fake.stats()).rateLimited - before429;

  await bench.close();
  fake.close();
  await hf.close();
  const total = channels * 11;
  return { channels, messages: total, boundMs: (total / globalPerSecond) * 1000, paced, passMs, baseline, naiveChannels, naiveMs, naive429 };
}
