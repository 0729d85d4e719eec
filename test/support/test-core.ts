// Builds the real paperboy core for tests: real config parsing, a real store (memory:// by default, or a
// SQLite file to test restarts), the real HF client pointed at a fake Hugging Face, the real command registry.
// Adapters under test register themselves so "Post to channel" and daily posts go through them.
import { commands } from "../../commands/index.js";
import { createApp, type App } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { PaperSource } from "../../src/hf/source.js";
import { silentLogger, type Logger } from "../../src/log.js";
import type { ChatAdapter } from "../../src/ports.js";

export interface TestCoreOptions {
  hfUrl?: string;
  arxivUrl?: string;
  /** Defaults to memory:// (fresh per call). Use `sqlite://<tmp>/x.sqlite` to survive a simulated restart. */
  storeUrl?: string;
  now?: () => Date;
  /** Extra environment, e.g. SLACK_* or DISCORD_* values the adapter reads from Config. */
  env?: Record<string, string>;
  papers?: PaperSource;
  log?: Logger;
}

export interface TestCore extends App {
  config: Config;
  registerAdapter(adapter: ChatAdapter): void;
}

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const config = loadConfig({
    HF_API_URL: options.hfUrl ?? "http://127.0.0.1:9",
    ARXIV_API_URL: options.arxivUrl ?? "http://127.0.0.1:9/arxiv/api/query",
    STORE_URL: options.storeUrl ?? "memory://",
    HF_TIMEOUT_MS: "2000",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const app = await createApp(config, {
    log: options.log ?? silentLogger,
    commands,
    ...(options.papers ? { papers: options.papers } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...app,
    config,
    registerAdapter(adapter) {
      app.adapters.set(adapter.platform, adapter);
    },
  };
}
