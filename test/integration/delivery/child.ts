// A delivery process for the crash and multi-instance tests: the real composition (createApp, the real Discord
// and Slack adapters, the delivery stack createApp builds) with the limits scaled down, run as its own OS process so a test can
// kill -9 it at any instant. Input: one JSON argument. Output: JSON lines ("ready", then "done" with results).
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { createApp } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http-server.js";
import { createLogger } from "../../../src/log.js";
import type { PacingRules } from "../../../src/schedule/pacer.js";

export interface ChildInput {
  env: Record<string, string>;
  mode: "scheduled" | "dated";
  /** For "dated". */
  date?: string;
  /** The fixed clock, ISO. */
  now: string;
  pacing: { discord: PacingRules; slack: PacingRules };
  /** discord.js global requests per second (matches the scaled fake). */
  discordGlobalPerSecond: number;
}

const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const config = loadConfig(input.env);
const log = createLogger(config.LOG_LEVEL, process.stderr);
const now = () => new Date(input.now);
const app = await createApp(config, {
  log,
  commands: [],
  now,
  delivery: { pacing: input.pacing, listRetries: { retries: 1, minRetryMs: 50 }, leaseTtlMs: 1_500 },
});
const stack = app.delivery;
app.adapters.set(
  "discord",
  createDiscordAdapter({
    config,
    core: app.core,
    log,
    restOptions: { globalRequestsPerSecond: input.discordGlobalPerSecond, retries: 1, timeout: 5_000 },
    waitGuildTimeoutMs: 2_000,
  }),
);
app.adapters.set(
  "slack",
  createSlackAdapter({ config, core: app.core, http: createHttpServer({ isHealthy: () => true }), log, clientOptions: { retryConfig: { retries: 1, minTimeout: 50, maxTimeout: 200 } } }),
);
await Promise.all([...app.adapters.values()].map((a) => a.start()));
say({ event: "ready" });
// A killed predecessor's lease stays until it expires: come back for channels that were busy, as the
// scheduler's next tick would.
const pass = () => (input.mode === "dated" ? stack.engine.deliverDate(input.date ?? "") : stack.engine.runDue());
let results = await pass();
const all = [...results];
for (let round = 0; round < 40 && results.some((r) => r.outcome.status === "skipped" && r.outcome.reason === "busy"); round++) {
  await new Promise((r) => setTimeout(r, 250));
  results = await pass();
  all.push(...results);
}
say({ event: "done", results: all });
await stack.close(2_000);
await app.close();
process.exit(0);
