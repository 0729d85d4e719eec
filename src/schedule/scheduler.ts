// The scheduler: ONE node-cron task ticking every minute (never a cron job per channel). Each tick asks the
// engine for the subscriptions due now and starts them without waiting for the previous tick's channels, which
// keep going in the background; the engine skips channels still being served. It also ticks once at start, so
// a slot missed while paperboy was down is caught up right away.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../log.js";
import type { DeliveryEngine } from "./engine.js";

export interface SchedulerConfig {
  engine: DeliveryEngine;
  log: Logger;
  /** Also run on every tick, without waiting (the follow-alert pass); its failures are its own. */
  onTick?: () => Promise<unknown>;
  /** Cron expression of the tick; default every minute. */
  expression?: string;
}

export interface Scheduler {
  start(): void;
  /** Stops ticking and stops the engine (interrupting runs between messages) within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** Runs one tick now (tests, `start`). */
  tick(): Promise<void>;
}

export function createScheduler(config: SchedulerConfig): Scheduler {
  const { engine, log } = config;
  let task: ScheduledTask | undefined;
  let stopped = false;

  const tick = async () => {
    if (stopped) return;
    config.onTick?.().catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, "tick hook failed"));
    try {
      const results = await engine.runDue();
      const posted = results.filter((r) => r.outcome.status === "posted").length;
      const failed = results.filter((r) => r.outcome.status === "failed").length;
      if (results.length > 0) log.info({ channels: results.length, posted, failed }, "delivery tick done");
    } catch (err) {
      // The next tick tries again; a store outage must not kill the scheduler.
      log.error({ err: err instanceof Error ? err.message : String(err) }, "delivery tick failed");
    }
  };

  return {
    start() {
      if (task || stopped) return;
      task = cron.schedule(config.expression ?? "* * * * *", () => void tick(), { name: "paperboy-delivery" });
      void tick();
    },
    async stop(timeoutMs = 5_000) {
      stopped = true;
      await task?.stop();
      await task?.destroy();
      task = undefined;
      await engine.stop(timeoutMs);
    },
    tick,
  };
}
