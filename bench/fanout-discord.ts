// Discord fan-out: 1 header + 10 papers to N channels through the real Discord adapter (discord.js) against the
// fake Discord enforcing Discord's limits scaled by `scale` (global 50·scale req/s; 5 messages and 5 🔖 reactions
// per 5/scale s per channel). Papers first: the time from the first to the last paper message against the
// message-only bound (messages / global rate), when the last 🔖 was seeded, and 429s; next to a plain
// @discordjs/rest client sending the same messages concurrently (its own queue and limits, no paperboy) to other
// channels of the same fake, in the same run; and a naive sequential loop.
import { REST, Routes } from "discord.js";
import { createActionCodec } from "../adapters/discord/custom-id.js";
import { renderMessage } from "../adapters/discord/render.js";
import { dailyHeader } from "../src/format/daily-list.js";
import { paperCard } from "../src/format/paper-card.js";
import type { Timeline } from "./fake-process.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { startDiscordBench } from "./discord-bench.js";
import { BENCH_DATE, benchSubscription, naiveLoop } from "./harness.js";

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
  const hf = await createFakeHf();
  hf.setDaily(BENCH_DATE, Array.from({ length: 10 }, (_, i) => makeDailyItem({ id: `2506.${20000 + i}`, title: `Bench paper ${i}`, upvotes: 50 - i, listDate: BENCH_DATE })));
  const run = await startDiscordBench({ hf, channels: 2 * channels + naiveChannels, scale });
  const { fake, bench, adapter, globalPerSecond } = run;
  const ids = fake.info.channelIds;
  const pacedIds = ids.slice(0, channels);
  const baselineIds = ids.slice(channels, 2 * channels);
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

  await run.close();
  await hf.close();
  const total = channels * 11;
  return { channels, messages: total, boundMs: (total / globalPerSecond) * 1000, paced, passMs, baseline, naiveChannels, naiveMs, naive429 };
}
