// A delivery process for the crash and multi-instance tests, run as its own OS process so a test can kill -9 it
// at any instant. Drivers: "engine" (the scheduler's pass, looped while channels are busy), "scheduler" (the
// bot's own scheduler: start() and its ticks) and "cli" (`npm run deliver`'s command). Crash points can be armed
// (crash-points.ts). Input: one JSON argument. Output: JSON lines ("ready", "frozen", then "done").
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { createApp } from "../../../src/app.js";
import { runDeliverCommand } from "../../../src/cli/deliver-command.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http-server.js";
import { createLogger } from "../../../src/log.js";
import type { PacingRules } from "../../../src/schedule/pacer.js";
import { dueSlot } from "../../../src/schedule/slots.js";
import { createCrashInjector, type ArmedPoint } from "./crash-points.js";

export interface ChildInput {
  env: Record<string, string>;
  mode: "scheduled" | "dated";
  /** For "dated". */
  date?: string;
  /** The fixed clock, ISO (not used by the "cli" driver, which runs on the real clock like the command). */
  now: string;
  pacing: { discord: PacingRules; slack: PacingRules };
  /** discord.js global requests per second (matches the scaled fake). */
  discordGlobalPerSecond: number;
  driver?: "engine" | "scheduler" | "cli";
  arm?: ArmedPoint[];
}

const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const injector = createCrashInjector(input.arm ?? [], (p) => say({ event: "frozen", ...p }));
const delivery = { pacing: input.pacing, listRetries: { retries: 1, minRetryMs: 50 }, leaseTtlMs: 3_000, wrapLedger: injector.wrapLedger };

if (input.driver === "cli") {
  say({ event: "ready" });
  const code = await runDeliverCommand(["--date", input.date ?? ""], { env: input.env, delivery, wrapAdapter: injector.wrapAdapter });
  say({ event: "done", results: [], code });
  process.exit(code);
}

const config = loadConfig(input.env);
const log = createLogger(config.LOG_LEVEL, process.stderr);
const now = () => new Date(input.now);
const app = await createApp(config, { log, commands: [], now, delivery });
const stack = app.delivery;
app.adapters.set(
  "discord",
  injector.wrapAdapter(
    createDiscordAdapter({
      config,
      core: app.core,
      log,
      restOptions: { globalRequestsPerSecond: input.discordGlobalPerSecond, retries: 1, timeout: 60_000 },
      waitGuildTimeoutMs: 2_000,
    }),
  ),
);
app.adapters.set(
  "slack",
  injector.wrapAdapter(
    createSlackAdapter({ config, core: app.core, http: createHttpServer({ isHealthy: () => true }), log, clientOptions: { retryConfig: { retries: 1, minTimeout: 50, maxTimeout: 200 } } }),
  ),
);
await Promise.all([...app.adapters.values()].map((a) => a.start()));
say({ event: "ready" });

const all: unknown[] = [];
if (input.driver === "scheduler") {
  // The bot's scheduler: start() ticks at once; further ticks (every minute in the bot) come faster here, so
  // channels a killed predecessor still holds (until its lease expires) are served as soon as they are free.
  const pending = async () => {
    const subs = await stack.subscriptions.list();
    const states = await Promise.all(subs.map((s) => stack.subscriptions.getState({ platform: s.platform, channelId: s.channelId })));
    return subs.filter((s, i) => dueSlot(s, states[i] ?? {}, now().getTime()) !== undefined).length;
  };
  stack.scheduler.start();
  for (let round = 0; round < 80 && (await pending()) > 0; round++) {
    await new Promise((r) => setTimeout(r, 250));
    await stack.scheduler.tick();
  }
  // The bot's next tick, with nothing due: seeds the 🔖 the last pass was still seeding when it finished.
  await stack.scheduler.tick();
} else {
  // A killed predecessor's lease stays until it expires: come back for channels that were busy, as the
  // scheduler's next tick would.
  const pass = () => (input.mode === "dated" ? stack.engine.deliverDate(input.date ?? "") : stack.engine.runDue());
  let results = await pass();
  all.push(...results);
  for (let round = 0; round < 40 && results.some((r) => r.outcome.status === "skipped" && r.outcome.reason === "busy"); round++) {
    await new Promise((r) => setTimeout(r, 250));
    results = await pass();
    all.push(...results);
  }
}
say({ event: "done", results: all });
await stack.close(2_000);
await app.close();
process.exit(0);
