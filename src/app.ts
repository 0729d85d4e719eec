// Assembles the platform-neutral half of paperboy from a Config: store → repositories → paper source → core.
// The bot (src/main.ts), `npm run deliver` and the tests all build it here, so they share state the same way.
// Adapters register themselves afterwards; `publish` finds them by platform.
import { healthOf } from "./adapter-outage.js";
import { createAlertJob, type AlertJob } from "./alerts/job.js";
import type { Config } from "./config.js";
import { createCore } from "./core.js";
import type { CoreDeps } from "./core-deps.js";
import type { CommandDefinition } from "./dispatch/define-command.js";
import { createHfClient } from "./hf/client.js";
import type { RetryOptions } from "./hf/http.js";
import type { PaperSource } from "./hf/source.js";
import type { Logger } from "./log.js";
import { createMetrics, instrumentPaperSource, type Metrics } from "./metrics.js";
import { createJournalClub } from "./dispatch/journal-club.js";
import { createClubRepo } from "./store/club.js";
import { createDeliveryStack, refreshIntervalOf, type DeliveryStack, type DeliveryStackConfig } from "./schedule/stack.js";
import type { BotCore, ChatAdapter, Platform } from "./ports.js";
import { createPublisher } from "./publish.js";
import { createStore } from "./store/create-store.js";
import { createRepos } from "./store/repos.js";
import type { Store } from "./store/types.js";

export interface AppOptions {
  log: Logger;
  commands: readonly CommandDefinition[];
  /** Replaces the Hugging Face client (the bundled sample). */
  papers?: PaperSource;
  /** Wraps the paper source the commands use (the console remembers a Hugging Face outage for a while). */
  wrapPapers?: (source: PaperSource) => PaperSource;
  now?: () => Date;
  /** Also collect Node process metrics (heap, event loop) on /metrics: the bot does, tests don't. */
  processMetrics?: boolean;
  /**
   * Delivery tuning for tests and benchmarks (scaled pacing, short leases, a wrapped ledger) and fast Hugging Face
   * retries: `listRetries` tunes the one HF retry layer (src/hf/http.ts), not a second one.
   */
  delivery?: Pick<DeliveryStackConfig, "pacing" | "leaseTtlMs" | "wrapLedger" | "refreshIntervalMs"> & { listRetries?: { retries?: number; minRetryMs?: number } };
  /** Journal-club claim length (tests shorten it to take over a crashed opener's claim). */
  clubClaimTtlMs?: number;
}

export interface App {
  deps: CoreDeps;
  core: BotCore;
  store: Store;
  adapters: Map<Platform, ChatAdapter>;
  /** Subscriptions, ledger, leases, delivery engine and the scheduler (started by the bot only). */
  delivery: DeliveryStack;
  /** The follow-alert pass (src/alerts/job.ts); the scheduler runs it on every tick. */
  alerts: AlertJob;
  metrics: Metrics;
  /** Stops delivery (between messages), then every registered adapter, then closes the store. */
  close(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const store = await createStore(config.STORE_URL, { log });
  const repos = createRepos(store, now);
  const metrics = createMetrics({
    commandNames: options.commands.map((c) => c.name),
    defaults: options.processMetrics ?? false,
  });
  const source =
    options.papers ??
    createHfClient({
      baseUrl: config.HF_API_URL,
      arxivUrl: config.ARXIV_API_URL,
      ...(config.HF_TOKEN ? { token: config.HF_TOKEN } : {}),
      timeoutMs: config.HF_TIMEOUT_MS,
      cache: store.namespace("cache"),
      now,
      // Live votes: fresh counts are shared for at most half a refresh interval, so every refresh sees new ones.
      votesTtlMs: Math.min(5 * 60_000, refreshIntervalOf(config, options.delivery?.refreshIntervalMs) / 2),
      log,
      ...(options.delivery?.listRetries ? { retry: hfRetry(options.delivery.listRetries) } : {}),
    });
  const papers = instrumentPaperSource(options.wrapPapers ? options.wrapPapers(source) : source, metrics);
  const adapters = new Map<Platform, ChatAdapter>();
  const alerts = createAlertJob({
    store,
    follows: repos.follows,
    notices: repos.dmClosed,
    papers,
    adapterFor: (platform) => adapters.get(platform),
    log,
    now,
  });
  const club = createJournalClub({
    repo: createClubRepo(store, now),
    leases: store.leases,
    papers,
    adapterFor: (platform) => adapters.get(platform),
    parentOf: async (platform, channelId) => {
      const kind = await adapters.get(platform)?.channelKind?.(channelId);
      return kind?.kind === "thread" ? (kind.forumId ?? kind.parentId) : undefined;
    },
    log,
    now,
    ...(options.clubClaimTtlMs ? { claimTtlMs: options.clubClaimTtlMs } : {}),
  });
  const delivery = createDeliveryStack({
    config,
    store,
    papers,
    posts: repos.posts,
    forYou: { bookmarks: repos.bookmarks, feedback: repos.feedback },
    log,
    now,
    adapterFor: (platform) => adapters.get(platform),
    metrics,
    onTick: () => Promise.all([alerts.run(), club.sweep()]),
    ...(options.delivery?.pacing ? { pacing: options.delivery.pacing } : {}),
    ...(options.delivery?.leaseTtlMs ? { leaseTtlMs: options.delivery.leaseTtlMs } : {}),
    ...(options.delivery?.wrapLedger ? { wrapLedger: options.delivery.wrapLedger } : {}),
    ...(options.delivery?.refreshIntervalMs ? { refreshIntervalMs: options.delivery.refreshIntervalMs } : {}),
  });
  const deps: CoreDeps = {
    config,
    papers,
    ...repos,
    subscriptions: delivery.subscriptions,
    log,
    now,
    adapterHealth: () => Object.fromEntries([...adapters].map(([platform, adapter]) => [platform, healthOf(adapter)])),
    publish: createPublisher((platform) => adapters.get(platform), repos.posts, now, delivery.liveVotes),
    channelKind: async (platform, channelId) => adapters.get(platform)?.channelKind?.(channelId),
    club,
  };
  const core = createCore(deps, options.commands, metrics.command);
  return {
    deps,
    core,
    store,
    adapters,
    delivery,
    alerts,
    metrics,
    async close() {
      // Delivery first: it stops between messages, so the ledger stays consistent while adapters still work.
      await Promise.all([delivery.close(4_000), alerts.stop()]);
      await Promise.allSettled([...adapters.values()].map((a) => a.stop()));
      await store.close();
    },
  };
}

function hfRetry(tuning: { retries?: number; minRetryMs?: number }): Partial<RetryOptions> {
  return {
    ...(tuning.retries !== undefined ? { retries: tuning.retries } : {}),
    ...(tuning.minRetryMs !== undefined ? { baseDelayMs: tuning.minRetryMs } : {}),
  };
}
