// `npm run deliver -- --date YYYY-MM-DD [--channel discord:ID|slack:ID]`: one delivery pass now, through the same
// engine the scheduler runs, for every subscribed channel (or one), then exit. Idempotent through the ledger: a
// second run for the same date posts nothing that was already posted. Exit code 1 when a channel failed.
import { createApp } from "../app.js";
import { parseCommandLine } from "./args.js";
import { ConfigError, enabledPlatforms, loadConfig } from "../config.js";
import { isCalendarDate, isListClosed, latestClosedDate } from "../time/dates.js";
import { createHttpServer } from "../http-server.js";
import { createLogger } from "../log.js";
import type { Platform } from "../ports.js";
import type { PassResult } from "../schedule/engine.js";
import type { DeliveryStack } from "../schedule/stack.js";

const USAGE = `usage: npm run deliver -- --date YYYY-MM-DD [--channel discord:ID|slack:ID]

One delivery pass now, the same code path the scheduler runs, for every subscribed channel (or one), then
exit. Idempotent: a second run for the same date posts nothing that was already posted. Exit code 1 when a
channel failed. Reads the same configuration as npm start (environment and .env).

options:
  --date YYYY-MM-DD           the list to deliver (must be final: after ~21:30 America/New_York)
  --channel discord:ID|slack:ID  only this subscribed channel
  -h, --help                  show this help`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n${USAGE.split("\n")[0]}\n`);
  process.exit(code);
}

function describe(r: PassResult): string {
  const o = r.outcome;
  const what =
    o.status === "posted"
      ? `posted ${o.postDate} (${o.sent} sent${o.reconciled ? `, ${o.reconciled} already there` : ""})`
      : o.status === "nothing"
        ? `nothing to post (${o.reason})`
        : o.status === "skipped"
          ? `skipped (${o.reason === "no-adapter" ? "that platform is not configured" : o.reason})`
          : `FAILED (${o.kind}: ${o.error})`;
  return `${r.platform}:${r.channelId}  ${what}`;
}

/** How long to wait for a channel another process is delivering (its lease lasts at most 30 s after a crash). */
const BUSY_WAIT_MS = 45_000;

/** One pass; channels busy in another process (the bot, or a crashed run's lease) are retried until free. */
async function deliverWaitingForBusy(
  stack: DeliveryStack,
  date: string,
  only: { platform: Platform; channelId: string } | undefined,
): Promise<PassResult[]> {
  const final = new Map<string, PassResult>();
  const deadline = Date.now() + BUSY_WAIT_MS;
  let pending = await stack.engine.deliverDate(date, only);
  for (;;) {
    for (const r of pending) final.set(`${r.platform}:${r.channelId}`, r);
    const busy = pending.filter((r) => r.outcome.status === "skipped" && r.outcome.reason === "busy");
    if (busy.length === 0 || Date.now() > deadline) return [...final.values()];
    await new Promise((r) => setTimeout(r, 2_000));
    pending = (await Promise.all(busy.map((b) => stack.engine.deliverDate(date, b)))).flat();
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine({ usage: USAGE, options: { date: { type: "string" }, channel: { type: "string" } } });
  const date = values.date ?? fail("--date is required");
  if (!isCalendarDate(date)) fail(`"${date}" is not a date like 2025-06-12`);
  let only: { platform: Platform; channelId: string } | undefined;
  if (values.channel !== undefined) {
    const m = /^(discord|slack):(\S+)$/.exec(values.channel);
    if (!m) fail(`--channel must look like discord:ID or slack:ID, not "${values.channel}"`);
    only = { platform: m[1] as Platform, channelId: m[2]! };
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`paperboy can't start. ${err.message}`, 1);
    throw err;
  }
  const now = new Date();
  if (!isListClosed(date, now)) fail(`The list for ${date} is not final yet (latest final list: ${latestClosedDate(now)}).`, 1);

  const log = createLogger(config.LOG_LEVEL, process.stderr);
  const app = await createApp(config, { log, commands: [] });
  const stack = app.delivery;
  let stopping = false;
  const shutdown = async (code: number) => {
    stopping = true;
    await app.close();
    process.exit(code);
  };
  process.on("SIGTERM", () => void shutdown(1));
  process.on("SIGINT", () => void shutdown(1));

  const subs = (await stack.subscriptions.list()).filter(
    (s) => !only || (s.platform === only.platform && s.channelId === only.channelId),
  );
  if (only && subs.length === 0) {
    process.stderr.write(`${only.platform}:${only.channelId} is not subscribed.\n`);
    return shutdown(1);
  }
  const enabled = enabledPlatforms(config);
  const needed = new Set(subs.map((s) => s.platform));
  // Loaded only when needed: the SDKs are heavy, and argument mistakes should be answered at once.
  if (needed.has("discord") && enabled.discord) {
    const { createDiscordAdapter } = await import("../../adapters/discord/index.js");
    app.adapters.set("discord", createDiscordAdapter({ config, core: app.core, log }));
  }
  if (needed.has("slack") && enabled.slack) {
    const { createSlackAdapter } = await import("../../adapters/slack/index.js");
    // The events endpoint is never served here: deliver only posts.
    const http = createHttpServer({ isHealthy: () => true });
    app.adapters.set("slack", createSlackAdapter({ config, core: app.core, http, log, receiveEvents: false }));
  }
  for (const adapter of app.adapters.values()) await adapter.start();

  const results = stopping ? [] : await deliverWaitingForBusy(stack, date, only);
  for (const r of results) process.stdout.write(`${describe(r)}\n`);
  if (results.length === 0) process.stdout.write("No subscribed channels.\n");
  await shutdown(results.some((r) => r.outcome.status === "failed") ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`deliver stopped: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
