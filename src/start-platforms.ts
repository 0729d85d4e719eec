// Starts the chat adapters the config enables, from the registry in adapters/index.ts (passed in: src/ never
// imports adapters/), next to the one HTTP server. Each adapter starts on its own: one that cannot connect (a
// revoked token, an unreachable platform) reports an outage and retries, and the others serve regardless.
import type { App } from "./app.js";
import { publicUrl, type Config } from "./config.js";
import { createHttpServer, type HttpServer } from "./http-server.js";
import type { Logger } from "./log.js";
import { healthOf } from "./adapter-outage.js";
import type { BotCore, ChatAdapter, Platform } from "./ports.js";
import type { Store } from "./store/types.js";
import { createFeedsHandler, FEEDS_PREFIX } from "./syndication/feeds-handler.js";

export { healthOf };

export interface AdapterContext {
  config: Config;
  core: BotCore;
  http: HttpServer;
  log: Logger;
  /** False for processes that only post (`npm run deliver`). */
  receiveEvents: boolean;
  /** The store (Slack distribution keeps its installations there). */
  store: Store;
  /** A channel's workspace from its subscription (Slack distribution: which workspace's token posts there). */
  workspaceOfChannel(platform: Platform, channelId: string): Promise<string | undefined>;
  /** Backoff while a platform refuses paperboy (tests shrink it). */
  outageRetry?: { minDelayMs?: number; maxDelayMs?: number };
}

/** One line per platform in adapters/index.ts. */
export interface AdapterEntry {
  platform: Platform;
  enabled(config: Config): boolean;
  create(ctx: AdapterContext): Promise<ChatAdapter>;
}

/** Creates and starts every enabled adapter; a start that throws is logged and leaves the others running. */
export async function startAdapters(
  registry: readonly AdapterEntry[],
  app: App,
  ctx: Omit<AdapterContext, "core" | "store" | "workspaceOfChannel">,
): Promise<void> {
  const workspaceOfChannel = async (platform: Platform, channelId: string) =>
    (await app.delivery.subscriptions.feedsOf(platform, channelId))[0]?.workspaceId;
  for (const entry of registry) {
    if (entry.enabled(ctx.config)) {
      app.adapters.set(entry.platform, await entry.create({ ...ctx, core: app.core, store: app.store, workspaceOfChannel }));
    }
  }
  const started = await Promise.allSettled([...app.adapters.values()].map((a) => a.start()));
  started.forEach((result, i) => {
    const adapter = [...app.adapters.values()][i];
    if (result.status === "rejected" && adapter) {
      ctx.log.error({ platform: adapter.platform, err: result.reason instanceof Error ? result.reason.message : String(result.reason) }, "adapter failed to start; the others keep running");
    }
  });
}

/** The bot: HTTP server (health, metrics, Slack events) and every enabled adapter; resolves to a closer. */
export async function startPlatforms(registry: readonly AdapterEntry[], config: Config, app: App, log: Logger): Promise<() => Promise<void>> {
  const adapters = () => [...app.adapters.values()];
  const http = createHttpServer({
    isHealthy: () => adapters().length > 0 && adapters().every((a) => a.isReady()),
    details: () => Object.fromEntries(adapters().map((a) => [a.platform, healthOf(a)])),
    metrics: () => app.metrics.render(),
  });
  http.mount(FEEDS_PREFIX, createFeedsHandler({ ...app.deps, baseUrl: publicUrl(config) }));
  // Slack mounts /slack/events on the shared server when it is created, so the server is created first.
  const pending = registry.filter((e) => e.enabled(config)).map((e) => e.platform);
  const port = await http.listen(config.PORT);
  log.info({ port, platforms: pending }, "http server listening; starting platforms");
  await startAdapters(registry, app, { config, http, log, receiveEvents: true });
  const out = adapters().filter((a) => !a.isReady()).map((a) => a.platform);
  log.info({ ready: adapters().filter((a) => a.isReady()).map((a) => a.platform), out }, "paperboy is running");
  return () => http.close();
}
