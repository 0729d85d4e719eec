// Slack fan-out: 1 header + 10 papers to N channels through the real Slack adapter (Bolt's WebClient) against
// the fake Slack behind a proxy that enforces chat.postMessage at 1 message per second per channel (429 +
// Retry-After, like Slack). Paced delivery vs a naive sequential loop; wall time against the bound, 429s.
import { createSlackAdapter } from "../adapters/slack/index.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer } from "../src/http-server.js";
import { silentLogger } from "../src/log.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { FAKE_BOT_TOKEN } from "../test/fakes/fake-slack.js";
import { startFakeProcess } from "./fake-process.js";
import { BENCH_DATE, benchSubscription, createBenchApp, naiveLoop } from "./harness.js";

export interface SlackFanoutFigures {
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

export async function benchSlackFanout(channels: number, naiveChannels: number): Promise<SlackFanoutFigures> {
  const perSecond = 1;
  const hf = await createFakeHf();
  hf.setDaily(BENCH_DATE, Array.from({ length: 10 }, (_, i) => makeDailyItem({ id: `2506.${30000 + i}`, title: `Bench paper ${i}`, upvotes: 50 - i, listDate: BENCH_DATE })));
  const fake = await startFakeProcess({ platform: "slack", channels: channels + naiveChannels, slackPerChannelPerSecond: perSecond });
  const ids = fake.info.channelIds;
  const env = {
    HF_API_URL: hf.url,
    ARXIV_API_URL: hf.arxivUrl,
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: "bench-secret",
    SLACK_API_URL: fake.info.apiUrl,
  };
  const bench = await createBenchApp({ env, pacing: { slack: { perChannel: { count: perSecond, perMs: 1000 } } } });
  const config = loadConfig({ ...env, STORE_URL: "memory://", LOG_LEVEL: "silent" });
  const adapter = createSlackAdapter({ config, core: bench.app.core, http: createHttpServer({ isHealthy: () => true }), log: silentLogger });
  bench.app.adapters.set("slack", adapter);
  await adapter.start();
  for (const id of ids.slice(0, channels)) await bench.stack.subscriptions.save(benchSubscription("slack", id));

  const list = await bench.app.deps.papers.daily(BENCH_DATE);
  const started = performance.now();
  const results = await bench.stack.engine.deliverDate(BENCH_DATE);
  const pacedMs = performance.now() - started;
  const failed = results.filter((r) => r.outcome.status !== "posted").length;
  if (failed > 0) throw new Error(`${failed} channels were not delivered`);
  const paced429 = (await fake.stats()).rateLimited;

  // Naive: one message after another; the WebClient waits out each 429's Retry-After and retries.
  const naiveMs = await naiveLoop(adapter, ids.slice(channels), BENCH_DATE, list);
  const naive429 = (await fake.stats()).rateLimited - paced429;

  await bench.close();
  fake.close();
  await hf.close();
  // Bound: every channel in parallel, 11 messages each at the per-channel rate.
  return { channels, messages: channels * 11, requests: channels * 11, boundMs: (11 / perSecond) * 1000, pacedMs, paced429, naiveChannels, naiveMs, naive429 };
}
