// Shared setup for the delivery benchmarks: a paperboy app over a fresh in-memory store with N subscribed
// channels and the real delivery stack, paced at the limits the fake platform enforces.
import { randomUUID } from "node:crypto";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { PaperSource } from "../src/hf/source.js";
import { silentLogger } from "../src/log.js";
import type { Platform } from "../src/ports.js";
import type { PacingRules } from "../src/schedule/pacer.js";
import { createDeliveryStack, type DeliveryStack } from "../src/schedule/stack.js";
import type { Subscription } from "../src/store/subscriptions.js";

export const BENCH_DATE = "2025-06-12";

export interface BenchApp {
  app: App;
  stack: DeliveryStack;
  close(): Promise<void>;
}

export async function createBenchApp(opts: {
  env: Record<string, string>;
  pacing?: Partial<Record<Platform, PacingRules>>;
  papers?: PaperSource;
}): Promise<BenchApp> {
  const config = loadConfig({ STORE_URL: `memory://${randomUUID()}`, LOG_LEVEL: "silent", ...opts.env });
  const now = () => new Date("2025-06-13T12:00:00Z");
  const app = await createApp(config, { log: silentLogger, commands: [], now, ...(opts.papers ? { papers: opts.papers } : {}) });
  const stack = createDeliveryStack({
    config,
    store: app.store,
    papers: app.deps.papers,
    posts: app.deps.posts,
    log: silentLogger,
    now,
    adapterFor: (p) => app.adapters.get(p),
    ...(opts.pacing ? { pacing: opts.pacing } : {}),
  });
  return {
    app,
    stack,
    async close() {
      await stack.close(2_000);
      await app.close();
    },
  };
}

export function benchSubscription(platform: Platform, channelId: string, top = 10): Subscription {
  return {
    platform,
    channelId,
    time: "09:00",
    timezone: "UTC",
    top,
    minUpvotes: 0,
    keywords: [],
    organizations: [],
    weekend: "skip",
    subscriberId: "U0",
    createdAt: "2025-06-01T00:00:00.000Z",
    activeFrom: "2025-06-01T00:00:00.000Z",
  };
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);
