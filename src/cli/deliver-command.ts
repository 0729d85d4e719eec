// `npm run deliver -- --date YYYY-MM-DD [--channel discord:ID|slack:ID]`: one delivery pass now, through the same
// engine the scheduler runs, for every subscribed channel (or one). Idempotent through the ledger: a second run
// for the same date posts nothing that was already posted. Resolves to the exit code (1 when a channel failed or
// the store is down: store-watch.ts keeps every store step bounded, never a hang);
// deliver.ts is the process entry. Tests run it with wrapped adapters and ledger to crash it at a chosen step.
import { createApp, type AppOptions } from "../app.js";
import { ADAPTERS } from "../../adapters/index.js";
import { ConfigError, loadConfig } from "../config.js";
import { healthOf, startAdapters, type AdapterContext } from "../start-platforms.js";
import { parseCommandLine } from "./args.js";
import { bounded, storeDownMessage, watchStore } from "./store-watch.js";
import { platformSchema } from "../platforms.js";
import { isCalendarDate, isListClosed, latestClosedDate } from "../time/dates.js";
import { createHttpServer } from "../http-server.js";
import { createTerminalLogger, logFilePath } from "../log.js";
import type { ChatAdapter, Platform } from "../ports.js";
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

export interface DeliverCommandOptions {
  /** The environment to load the config from (default: this process's). */
  env?: Record<string, string | undefined>;
  /** Delivery tuning and the ledger seam, as createApp takes them. */
  delivery?: AppOptions["delivery"];
  /** Wraps each platform adapter once it is built (tests). */
  wrapAdapter?: (adapter: ChatAdapter) => ChatAdapter;
}

/** A usage or argument mistake: the message, the usage line, and the exit code. */
class UsageExit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function fail(message: string, code = 2): never {
  throw new UsageExit(message, code);
}

const SKIP_REASONS: Record<string, string> = {
  "no-adapter": "that platform is not configured or not connected",
  "not-connected": "its server's Discord shard is not run by this process, or is reconnecting",
};

function describe(r: PassResult): string {
  const o = r.outcome;
  const what =
    o.status === "posted"
      ? `posted ${o.postDate} (${o.sent} sent${o.reconciled ? `, ${o.reconciled} already there` : ""})`
      : o.status === "nothing"
        ? `nothing to post (${o.reason})`
        : o.status === "skipped"
          ? `skipped (${SKIP_REASONS[o.reason] ?? o.reason})`
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

/** Runs the command; resolves to the process exit code. */
export async function runDeliverCommand(argv: string[], options: DeliverCommandOptions = {}): Promise<number> {
  try {
    return await deliver(argv, options);
  } catch (err) {
    if (!(err instanceof UsageExit)) throw err;
    process.stderr.write(`${err.message}\n${USAGE.split("\n")[0]}\n`);
    return err.code;
  }
}

async function deliver(argv: string[], options: DeliverCommandOptions): Promise<number> {
  // --help and unknown flags are answered (and the process exits) before anything else runs.
  const { values } = parseCommandLine({ usage: USAGE, options: { date: { type: "string" }, channel: { type: "string" } } }, argv);
  const date = values.date ?? fail("--date is required");
  if (!isCalendarDate(date)) fail(`"${date}" is not a date like 2025-06-12`);
  let only: { platform: Platform; channelId: string } | undefined;
  if (values.channel !== undefined) {
    const m = /^([a-z]+):(\S+)$/.exec(values.channel);
    const platform = platformSchema.exclude(["console"]).safeParse(m?.[1]);
    if (!m || !platform.success) fail(`--channel must look like discord:ID or slack:ID, not "${values.channel}"`);
    only = { platform: platform.data, channelId: m[2]! };
  }

  let config;
  try {
    config = loadConfig(options.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(`paperboy can't start. ${err.message}`, 1);
    throw err;
  }
  const now = new Date();
  if (!isListClosed(date, now)) fail(`The list for ${date} is not final yet (latest final list: ${latestClosedDate(now)}).`, 1);

  // People read this output: log lines go to the log file, warnings also to stderr as plain lines.
  const log = createTerminalLogger(config.LOG_LEVEL, logFilePath(config.STORE_URL), process.stderr);
  const storeUrl = config.STORE_URL;
  // A store that is down or hung ends the command at once with one line (store-watch.ts), never a hang.
  const storeDown = (err: unknown): never => {
    process.stderr.write(storeDownMessage(storeUrl, err));
    process.exit(1);
  };
  const app = await bounded(
    createApp(config, { log, commands: [], ...(options.delivery ? { delivery: options.delivery } : {}) }),
    "opening the store",
  ).catch(storeDown);
  const stack = app.delivery;
  let stopping = false;
  const onSignal = () => {
    stopping = true;
    void bounded(app.close(), "closing the store").catch(() => undefined).then(() => process.exit(1));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  const shutdown = async (code: number) => {
    stopping = true;
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    // Bounded: closing a store that stopped answering must not hang the exit.
    await bounded(app.close(), "closing the store").catch(() => undefined);
    return code;
  };
  const wrap = options.wrapAdapter ?? ((a: ChatAdapter) => a);

  const listed = await bounded(stack.subscriptions.list(), "reading subscriptions").catch(storeDown);
  const subs = listed.filter((s) => !only || (s.platform === only.platform && s.channelId === only.channelId));
  if (only && subs.length === 0) {
    process.stderr.write(`${only.platform}:${only.channelId} is not subscribed.\n`);
    return shutdown(1);
  }
  const needed = new Set(subs.map((s) => s.platform));
  // Only the platforms with subscribed channels; the SDKs load lazily. Events are never served here.
  const registry = ADAPTERS.filter((e) => needed.has(e.platform)).map((e) => ({ ...e, create: async (ctx: AdapterContext) => wrap(await e.create(ctx)) }));
  await startAdapters(registry, app, { config, http: createHttpServer({ isHealthy: () => true }), log, receiveEvents: false });
  for (const adapter of app.adapters.values()) {
    const health = healthOf(adapter);
    if (health.state === "outage") process.stderr.write(`${adapter.platform} is unavailable (${health.reason}); its channels are not delivered in this pass.\n`);
  }

  const stopWatch = watchStore(
    () => stack.subscriptions.get({ platform: "console", channelId: "store-probe" }),
    (err) => {
      stopping = true;
      storeDown(err);
    },
  );
  const results = stopping ? [] : await deliverWaitingForBusy(stack, date, only);
  stopWatch();
  for (const r of results) process.stdout.write(`${describe(r)}\n`);
  if (results.length === 0) process.stdout.write("No subscribed channels.\n");
  const outage = [...app.adapters.values()].some((a) => healthOf(a).state === "outage");
  return shutdown(outage || results.some((r) => r.outcome.status === "failed") ? 1 : 0);
}
