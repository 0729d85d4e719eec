// Everything delivery needs, assembled once over the opened store: leases (on the store's connection), the
// subscription repository (its due index scored by slots.ts's nextDueAt) (also handed to the commands via CoreDeps.subscriptions), the ledger, the engine and the
// scheduler. The bot starts the scheduler; `npm run deliver` calls engine.deliverDate and closes.
import type { RankForUserDeps } from "../recommend/for-user.js";
import type { Config } from "../config.js";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { createDeliveryLedger, type DeliveryLedger } from "../store/deliveries.js";
import { createLockService, createStoreLockBackend, type LockService } from "../store/lock.js";
import { createSubscriptionRepo, type SubscriptionRepo } from "../store/subscriptions.js";
import type { PostRepo, Store } from "../store/types.js";
import { createDeliveryEngine, type DeliveryEngine } from "./engine.js";
import type { PacingRules, RateRule } from "./pacer.js";
import { createScheduler, type Scheduler } from "./scheduler.js";
import { createSharedBudgets } from "./shared-budget.js";
import { nextDueAt } from "./slots.js";
import { createLiveVotesRepo, type LiveVotesRepo } from "../store/live-votes.js";
import { createRefresher, type Refresher } from "./refresh.js";

export interface DeliveryStackConfig {
  config: Pick<Config, "DELIVERY_GIVE_UP_DAYS"> & Partial<Pick<Config, "STORE_URL" | "VOTES_REFRESH_MINUTES">>;
  store: Store;
  papers: PaperSource;
  posts: PostRepo;
  /** Bookmarks and feedback that rank `rank=foryou` DM digests (absent: those digests go by upvotes). */
  forYou?: RankForUserDeps;
  log: Logger;
  now: () => Date;
  /** Looked up at send time, so adapters may be registered after the stack is built. */
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  metrics?: Metrics;
  pacing?: Partial<Record<Platform, PacingRules>>;
  /** Lease length for a channel (ms, default 30 s): after a crash, the channel waits at most this long. */
  leaseTtlMs?: number;
  /** Wraps the delivery ledger (the crash-point tests stop a process at a step of the send protocol). */
  wrapLedger?: (ledger: DeliveryLedger) => DeliveryLedger;
  /** Runs on every scheduler tick alongside delivery (the follow-alert pass). */
  onTick?: () => Promise<unknown>;
  /** Live votes: between two refreshes (ms); default VOTES_REFRESH_MINUTES. Tests shorten it. */
  refreshIntervalMs?: number;
}

/** The live-vote refresh interval a configuration asks for, ms. */
export const refreshIntervalOf = (cfg: Partial<Pick<Config, "VOTES_REFRESH_MINUTES">>, override?: number): number =>
  override ?? (cfg.VOTES_REFRESH_MINUTES ?? 30) * 60_000;

export interface DeliveryStack {
  subscriptions: SubscriptionRepo;
  ledger: DeliveryLedger;
  locks: LockService;
  engine: DeliveryEngine;
  /** Starts the refresher with the scheduler. */
  scheduler: Scheduler;
  /** Live votes: edits recent paper messages as their counts change (started with the scheduler). */
  refresher: Refresher;
  liveVotes: LiveVotesRepo;
  /** Stops the scheduler and the engine (within `timeoutMs`); the store stays open (its owner closes it). */
  close(timeoutMs?: number): Promise<void>;
}

export function createDeliveryStack(cfg: DeliveryStackConfig): DeliveryStack {
  const log = cfg.log.child({ component: "delivery" });
  const locks = createLockService({
    backend: createStoreLockBackend(cfg.store),
    ...(cfg.leaseTtlMs ? { ttlMs: cfg.leaseTtlMs } : {}),
    onLost: (key, err) => log.warn({ key, err: err instanceof Error ? err.message : undefined }, "lease lost"),
  });
  const subscriptions = createSubscriptionRepo({ store: cfg.store, nextDue: nextDueAt });
  // On Redis every process on the same token shares its global rate budget; elsewhere pacing is per process.
  const shared = cfg.store.kind === "redis" && cfg.config.STORE_URL ? createSharedBudgets(cfg.config.STORE_URL, log) : undefined;
  const baseLedger = createDeliveryLedger(cfg.store, cfg.now);
  const liveVotes = createLiveVotesRepo(cfg.store);
  const ledger = cfg.wrapLedger ? cfg.wrapLedger(baseLedger) : baseLedger;
  const engine = createDeliveryEngine({
    adapterFor: cfg.adapterFor,
    papers: cfg.papers,
    posts: cfg.posts,
    subscriptions,
    ledger,
    locks,
    log,
    now: cfg.now,
    giveUpDays: cfg.config.DELIVERY_GIVE_UP_DAYS,
    store: cfg.store,
    liveVotes,
    ...(cfg.forYou ? { forYou: cfg.forYou } : {}),
    ...(shared ? { sharedBudget: (platform: Platform, rule: RateRule, jitterMs?: number) => shared.budgetFor(platform, rule, jitterMs) } : {}),
    ...(cfg.metrics ? { metrics: cfg.metrics } : {}),
    ...(cfg.pacing ? { pacing: cfg.pacing } : {}),
  });
  const ticking = createScheduler({ engine, log, ...(cfg.onTick ? { onTick: cfg.onTick } : {}) });
  const refresher = createRefresher({
    repo: liveVotes,
    papers: cfg.papers,
    adapterFor: cfg.adapterFor,
    pacerFor: (platform) => engine.pacerFor(platform),
    delivering: () => engine.busyChannels() > 0,
    locks,
    log,
    now: cfg.now,
    intervalMs: refreshIntervalOf(cfg.config, cfg.refreshIntervalMs),
  });
  const scheduler: Scheduler = {
    ...ticking,
    start() {
      ticking.start();
      refresher.start();
    },
    async stop(timeoutMs) {
      await refresher.stop();
      await ticking.stop(timeoutMs);
    },
  };
  let closing: Promise<void> | undefined;
  return {
    subscriptions,
    ledger,
    locks,
    engine,
    scheduler,
    refresher,
    liveVotes,
    close(timeoutMs = 5_000) {
      closing ??= (async () => {
        await scheduler.stop(timeoutMs);
        await shared?.close().catch(() => undefined);
        await locks.close();
      })();
      return closing;
    },
  };
}
