// The setup every Discord delivery bench shares: the fake Discord in its own process (its CPU must not slow paperboy
// down and distort the figures) with Discord's limits ×scale (global 50·scale req/s; 5 messages per 5/scale s per
// channel), a bench app paced to exactly those limits, and the real Discord adapter (discord.js) started on it.
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import type { PacingRules } from "../src/schedule/pacer.js";
import type { FakeHf } from "../test/fakes/fake-hf.js";
import { startFakeProcess } from "./fake-process.js";
import { createBenchApp } from "./harness.js";

export async function startDiscordBench(opts: { hf: FakeHf; channels: number; scale: number; pacing?: Partial<PacingRules> }) {
  const globalPerSecond = 50 * opts.scale;
  const bucket = { limit: 5, windowMs: 5000 / opts.scale };
  const fake = await startFakeProcess({ platform: "discord", channels: opts.channels, globalPerSecond, bucket });
  const env = { HF_API_URL: opts.hf.url, ARXIV_API_URL: opts.hf.arxivUrl, DISCORD_TOKEN: fake.info.token ?? "", DISCORD_API_URL: fake.info.apiUrl };
  const perChannel = { count: bucket.limit, perMs: bucket.windowMs };
  const bench = await createBenchApp({
    env,
    pacing: { discord: { global: { count: globalPerSecond, perMs: 1000 }, perChannel, reactionPerChannel: perChannel, ...opts.pacing } },
  });
  const config = loadConfig({ ...env, STORE_URL: "memory://", LOG_LEVEL: "silent" });
  const adapter = createDiscordAdapter({ config, core: bench.app.core, log: silentLogger, restOptions: { globalRequestsPerSecond: globalPerSecond } });
  bench.app.adapters.set("discord", adapter);
  await adapter.start();
  return {
    fake,
    bench,
    adapter,
    globalPerSecond,
    bucket,
    async close() {
      await bench.close();
      fake.close();
    },
  };
}
