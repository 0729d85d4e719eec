// Composition root (the one file in src/ allowed to import adapters): config → app (store, HF, core) →
// adapters → HTTP server. With no platform credentials it runs the console adapter in the terminal.
import { commands } from "../commands/index.js";
import { runConsoleSession } from "../adapters/console/session.js";
import { ADAPTERS } from "../adapters/index.js";
import { createApp } from "./app.js";
import { parseStartArgs } from "./cli/start-args.js";
import { ConfigError, enabledPlatforms, loadConfig, type Config } from "./config.js";
import { createLogger } from "./log.js";
import { startPlatforms } from "./start-platforms.js";
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
  return runConsole(config, flags.sample, flags.output);
}

async function runBot(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, { log, commands, processMetrics: true });
  const stopHttp = await startPlatforms(ADAPTERS, config, app, log);
  app.delivery.scheduler.start();
  onShutdown(log, async () => {
    await app.close();
    await stopHttp();
  });
}

async function runConsole(config: Config, sample: boolean, output: string | undefined): Promise<void> {
  const { stdin, stdout, stderr } = process;
  process.exitCode = await runConsoleSession({ config, sample, stdin, stdout, stderr, ...(output ? { outputFile: output } : {}) });
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
