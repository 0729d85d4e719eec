// Prometheus metrics served on GET /metrics: daily-post deliveries and failures (from the delivery engine),
// Hugging Face latency (by wrapping the PaperSource) and command latency (the dispatcher's CommandObserver).
// One registry per process, created by the composition root; nothing here is global, so tests stay isolated.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CommandObserver } from "./dispatch/dispatcher.js";
import type { PaperSource } from "./hf/source.js";
import type { Platform } from "./ports.js";

export interface Metrics {
  readonly registry: Registry;
  /** A channel's delivery finished: "posted" (with how many messages went out) or "nothing" to post. */
  delivery(platform: Platform, outcome: "posted" | "nothing", messages: number): void;
  /** A channel's delivery failed; "permanent" marks the subscription failing, "transient" is retried. */
  failure(platform: Platform, kind: "permanent" | "transient"): void;
  /** One Hugging Face call (daily, search, paper) took `seconds`. */
  hf(operation: "daily" | "search" | "paper", seconds: number, outcome: "ok" | "error"): void;
  /** Pass as the dispatcher's observer: records every command's latency and outcome. */
  command: CommandObserver;
  /** The text exposition for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsConfig {
  /** Also collect Node's default process metrics (heap, event loop lag). Default true. */
  defaults?: boolean;
  /** The real subcommand names; anything else users type is counted as "other" (bounded label values). */
  commandNames?: readonly string[];
}

export function createMetrics(config: MetricsConfig = {}): Metrics {
  const registry = new Registry();
  if (config.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: "paperboy_" });

  const deliveries = new Counter({
    name: "paperboy_deliveries_total",
    help: "Channel deliveries finished, by platform and outcome (posted, nothing to post).",
    labelNames: ["platform", "outcome"] as const,
    registers: [registry],
  });
  const messages = new Counter({
    name: "paperboy_delivery_messages_total",
    help: "Messages sent by daily posts (headers and papers).",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: "paperboy_delivery_failures_total",
    help: "Channel deliveries that failed, by platform and kind (permanent, transient).",
    labelNames: ["platform", "kind"] as const,
    registers: [registry],
  });
  const hfLatency = new Histogram({
    name: "paperboy_hf_request_duration_seconds",
    help: "Hugging Face lookups (daily list, search, paper), including cache hits and retries.",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const commandLatency = new Histogram({
    name: "paperboy_command_duration_seconds",
    help: "Time to answer a /paper subcommand, by command and outcome (ok, user_error, error).",
    labelNames: ["command", "outcome"] as const,
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const known = config.commandNames ? new Set(config.commandNames) : undefined;
  return {
    registry,
    delivery(platform, outcome, count) {
      deliveries.inc({ platform, outcome });
      if (count > 0) messages.inc({ platform }, count);
    },
    failure: (platform, kind) => failures.inc({ platform, kind }),
    hf: (operation, seconds, outcome) => hfLatency.observe({ operation, outcome }, seconds),
    command: (name, ms, outcome) => {
      // Unknown names come from users; keep label cardinality bounded.
      const command = known ? (known.has(name) ? name : "other") : /^[a-z]{1,32}$/.test(name) ? name : "other";
      commandLatency.observe({ command, outcome }, ms / 1000);
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

/** The same PaperSource, timing every call into `metrics`. */
export function instrumentPaperSource(source: PaperSource, metrics: Metrics): PaperSource {
  const timed = <A extends unknown[], R>(operation: "daily" | "search" | "paper", fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await fn(...args);
        metrics.hf(operation, (performance.now() - started) / 1000, "ok");
        return result;
      } catch (err) {
        metrics.hf(operation, (performance.now() - started) / 1000, "error");
        throw err;
      }
    };
  return {
    ...source,
    daily: timed("daily", (date: string) => source.daily(date)),
    search: timed("search", (query: string, limit?: number) => source.search(query, limit)),
    paper: timed("paper", (id: string) => source.paper(id)),
  };
}
