// Shared setup for the delivery benchmarks: a paperboy app over a fresh in-memory store with N subscribed
// channels and the real delivery stack, paced at the limits the fake platform enforces.
import { randomUUID } from "node:crypto";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { dailyHeader } from "../src/format/daily-list.js";
import { paperCard } from "../src/format/paper-card.js";
import type { PaperSource } from "../src/hf/source.js";
import { silentLogger } from "../src/log.js";
import type { Paper } from "../src/paper.js";
import type { ChatAdapter, Platform } from "../src/ports.js";
import type { PacingRules } from "../src/schedule/pacer.js";
import type { DeliveryStack } from "../src/schedule/stack.js";
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
  const app = await createApp(config, {
    log: silentLogger,
    commands: [],
    now,
    ...(opts.papers ? { papers: opts.papers } : {}),
    ...(opts.pacing ? { delivery: { pacing: opts.pacing } } : {}),
  });
  const stack = app.delivery;
    return {
    app,
    stack,
    async close() {
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

/** The naive baseline: every channel in turn, one message after another, no pacing. Returns elapsed ms. */
export async function naiveLoop(adapter: ChatAdapter, channelIds: readonly string[], date: string, list: readonly Paper[]): Promise<number> {
  const started = performance.now();
  for (const id of channelIds) {
    await adapter.post(id, dailyHeader(date, list));
    for (const paper of list) await adapter.post(id, paperCard(paper, { date }));
  }
  return performance.now() - started;
}
