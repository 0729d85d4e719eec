// Everything delivery needs, assembled once over the opened store: leases (from STORE_URL), the subscription
// repository (also handed to the commands via CoreDeps.subscriptions), the ledger, the engine and the
// scheduler. The bot starts the scheduler; `npm run deliver` calls engine.deliverDate and closes.
import type { Config } from "../config.js";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { createDeliveryLedger, type DeliveryLedger } from "../store/deliveries.js";
import { createLockBackend, createLockService, type LockService } from "../store/lock.js";
import { createSubscriptionRepo, type SubscriptionRepo } from "../store/subscriptions.js";
import type { PostRepo, Store } from "../store/types.js";
import { createDeliveryEngine, type DeliveryEngine } from "./engine.js";
import type { PacingRules } from "./pacer.js";
import { createScheduler, type Scheduler } from "./scheduler.js";

export interface DeliveryStackConfig {
  config: Pick<Config, "STORE_URL" | "DELIVERY_GIVE_UP_DAYS">;
  store: Store;
  papers: PaperSource;
  posts: PostRepo;
  log: Logger;
  now: () => Date;
  /** Looked up at send time, so adapters may be registered after the stack is built. */
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  metrics?: Metrics;
  pacing?: Partial<Record<Platform, PacingRules>>;
  /** Working directory for relative sqlite:// paths (defaults to the process's). */
  cwd?: string;
  /** Lease length for a channel (ms, default 30 s): after a crash, the channel waits at most this long. */
  leaseTtlMs?: number;
}

export interface DeliveryStack {
  subscriptions: SubscriptionRepo;
  ledger: DeliveryLedger;
  locks: LockService;
  engine: DeliveryEngine;
  scheduler: Scheduler;
  /** Stops the scheduler and the engine (within `timeoutMs`), then closes the lease connection. */
  close(timeoutMs?: number): Promise<void>;
}

export function createDeliveryStack(cfg: DeliveryStackConfig): DeliveryStack {
  const log = cfg.log.child({ component: "delivery" });
  const locks = createLockService({
    backend: createLockBackend(cfg.config.STORE_URL, cfg.cwd),
    ...(cfg.leaseTtlMs ? { ttlMs: cfg.leaseTtlMs } : {}),
    onLost: (key, err) => log.warn({ key, err: err instanceof Error ? err.message : undefined }, "lease lost"),
  });
  const subscriptions = createSubscriptionRepo({ store: cfg.store, locks });
  const ledger = createDeliveryLedger(cfg.store, cfg.now);
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
    ...(cfg.metrics ? { metrics: cfg.metrics } : {}),
    ...(cfg.pacing ? { pacing: cfg.pacing } : {}),
  });
  const scheduler = createScheduler({ engine, log });
  let closing: Promise<void> | undefined;
  return {
    subscriptions,
    ledger,
    locks,
    engine,
    scheduler,
    close(timeoutMs = 5_000) {
      closing ??= (async () => {
        await scheduler.stop(timeoutMs);
        await locks.close();
      })();
      return closing;
    },
  };
}
