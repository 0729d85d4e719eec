// Composition root (the one file in src/ allowed to import adapters): config → app (store, HF, core) →
// adapters → HTTP server. With no platform credentials it runs the console adapter in the terminal.
import { commands } from "../commands/index.js";
import { createConsoleAdapter } from "../adapters/console/index.js";
import { createDiscordAdapter } from "../adapters/discord/index.js";
import { createSlackAdapter } from "../adapters/slack/index.js";
import { createApp, type App } from "./app.js";
import { parseStartArgs } from "./cli/start-args.js";
import { ConfigError, enabledPlatforms, loadConfig, type Config } from "./config.js";
import { latestClosedDateWithPapers } from "./time/dates.js";
import { UpstreamError } from "./errors.js";
import { createSampleSource } from "./hf/sample.js";
import { createLogger } from "./log.js";
import { createHttpServer } from "./http-server.js";
import type { Logger } from "./log.js";

/** CONTRACT.md: on SIGTERM paperboy exits within 8 seconds. */
const SHUTDOWN_BUDGET_MS = 7_500;

async function main(): Promise<void> {
  const flags = parseStartArgs();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`paperboy can't start. ${err.message}\n`);
    process.exit(1);
  }
  const platforms = enabledPlatforms(config);
  if (platforms.discord || platforms.slack) return runBot(config);
  return runConsole(config, flags.sample);
}

async function runBot(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, { log, commands, processMetrics: true });
  const stopHttp = await startPlatforms(config, app, log);
  app.delivery.scheduler.start();
  onShutdown(log, async () => {
    await app.close();
    await stopHttp();
  });
}

async function runConsole(config: Config, sample: boolean): Promise<void> {
  // Logs go to stderr at warn or above so they don't interleave with the answers on stdout.
  const level = ["fatal", "error", "silent"].includes(config.LOG_LEVEL) ? config.LOG_LEVEL : "warn";
  const log = createLogger(level, process.stderr);
  const interactive = Boolean(process.stdin.isTTY);
  let app: App;
  if (sample) {
    app = await sampleApp(config, log);
  } else {
    app = await createApp(config, { log, commands });
    try {
      await latestClosedDateWithPapers(app.deps.now(), app.deps.papers);
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      const where = new URL(config.HF_API_URL).host;
      process.stdout.write(`Hugging Face (${where}) can't be reached right now. `);
      if (interactive && (await askYesNo("Use the bundled sample papers instead? [Y/n] "))) {
        await app.close();
        app = await sampleApp(config, log);
      } else {
        process.stdout.write("Try again later, or run `npm start -- --sample` to explore the bundled sample.\n");
      }
    }
  }
  const adapter = createConsoleAdapter({
    core: app.core,
    input: process.stdin,
    output: process.stdout,
    interactive,
    greeting: ["/paper today"],
  });
  app.adapters.set("console", adapter);
  if (interactive) process.stdout.write("paperboy — type /paper help for commands, exit to quit.\n\n");
  await adapter.start();
  await adapter.finished;
  await app.close();
}

/** The bundled sample, with the clock set just after its newest list closed so "today" shows it. */
async function sampleApp(config: Config, log: Logger): Promise<App> {
  const papers = createSampleSource();
  const newest = papers.listDates()[0] ?? "2025-09-08";
  const now = () => new Date(`${newest}T23:59:00-05:00`);
  process.stdout.write(`Showing the bundled sample of real Hugging Face papers (lists up to ${newest}).\n\n`);
  return createApp({ ...config, STORE_URL: config.STORE_URL }, { log, commands, papers, now });
}

/** Starts the enabled platforms and the HTTP server; resolves to a function that closes the server. */
async function startPlatforms(config: Config, app: App, log: Logger): Promise<() => Promise<void>> {
  const enabled = enabledPlatforms(config);
  const http = createHttpServer({
    isHealthy: () => app.adapters.size > 0 && [...app.adapters.values()].every((a) => a.isReady()),
    metrics: () => app.metrics.render(),
  });
  // Slack mounts /slack/events on the shared server when it is created, so the server comes first.
  if (enabled.slack) app.adapters.set("slack", createSlackAdapter({ config, core: app.core, http, log }));
  if (enabled.discord) app.adapters.set("discord", createDiscordAdapter({ config, core: app.core, log }));
  const port = await http.listen(config.PORT);
  log.info({ port, discord: enabled.discord, slack: enabled.slack }, "http server listening; starting platforms");
  for (const adapter of app.adapters.values()) await adapter.start();
  log.info("paperboy is ready");
  return () => http.close();
}

function askYesNo(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    process.stdin.once("data", (chunk) => resolve(!/^\s*n/i.test(String(chunk))));
  });
}

function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS).unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "error while shutting down");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => handler("SIGTERM"));
  process.on("SIGINT", () => handler("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`paperboy stopped: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
