// paperboy's delivery half in the test process: createApp + the real Discord and Slack adapters against the
// fakes + createDeliveryStack with scaled pacing and a clock the test moves. For behaviour over simulated days.
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { createApp, type App } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http-server.js";
import { silentLogger } from "../../../src/log.js";
import type { DeliveryStack } from "../../../src/schedule/stack.js";
import { childInput, type World } from "./world.js";

export interface Paperboy {
  app: App;
  stack: DeliveryStack;
  /** Moves the clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** `globalPerSecond`: pace Discord (paperboy and discord.js) at this global rate instead of the fake's. */
export async function startPaperboy(world: World, storeUrl: string, startAt: string, env: Record<string, string> = {}, opts: { globalPerSecond?: number; refreshIntervalMs?: number } = {}): Promise<Paperboy> {
  let now = new Date(startAt);
  const config = loadConfig({ ...world.env(storeUrl), ...env });
  const scaled = childInput(world, storeUrl);
  if (opts.globalPerSecond) {
    // A wider lateness allowance than the default 30 ms: two engines share this test process's event loop.
    scaled.pacing.discord = { ...scaled.pacing.discord, global: { count: opts.globalPerSecond, perMs: 1000 }, jitterMs: 50 };
    scaled.discordGlobalPerSecond = opts.globalPerSecond;
  }
  const app = await createApp(config, {
    log: silentLogger,
    commands: [],
    now: () => now,
    delivery: { pacing: scaled.pacing, listRetries: { retries: 1, minRetryMs: 10 }, leaseTtlMs: 2_000, ...(opts.refreshIntervalMs ? { refreshIntervalMs: opts.refreshIntervalMs } : {}) },
  });
  const stack = app.delivery;
    app.adapters.set(
    "discord",
    createDiscordAdapter({ config, core: app.core, log: silentLogger, restOptions: { globalRequestsPerSecond: scaled.discordGlobalPerSecond, retries: 0 }, waitGuildTimeoutMs: 2_000 }),
  );
  app.adapters.set(
    "slack",
    createSlackAdapter({ config, core: app.core, http: createHttpServer({ isHealthy: () => true }), log: silentLogger, clientOptions: { retryConfig: { retries: 0 } } }),
  );
  await Promise.all([...app.adapters.values()].map((a) => a.start()));
  return {
    app,
    stack,
    setNow(iso) {
      now = new Date(iso);
    },
    async close() {
      await stack.close(2_000);
      await app.close();
    },
  };
}
