// An adapter's outage: the platform refused paperboy itself (token invalid or revoked), or could not be reached at
// start. The adapter keeps running in this state — its channels are not marked failing and the other platforms
// carry on — and retries connecting with backoff. Operators get ONE clear log line per outage (retries log at
// debug) and one line when it is over; /healthz and /paper status read health().
import type { FailureReason } from "./errors.js";
import { failureReasonOf } from "./errors.js";
import type { Logger } from "./log.js";
import type { AdapterHealth, ChatAdapter } from "./ports.js";

/** What /healthz and /paper status show for one adapter. */
export function healthOf(adapter: ChatAdapter): AdapterHealth {
  return adapter.health?.() ?? { state: adapter.isReady() ? "ready" : "starting" };
}

export interface OutageConfig {
  log: Logger;
  /** e.g. "slack"; names the platform in the log line. */
  name: string;
  /** What an operator should do, appended to the log line (e.g. "check SLACK_BOT_TOKEN or reinstall the app"). */
  hint: string;
  /** One reconnect attempt: resolves when the platform accepts paperboy again, throws otherwise. */
  reconnect: () => Promise<void>;
  /** First retry delay, doubling up to `maxDelayMs` (defaults 5 s and 5 min). */
  minDelayMs?: number;
  maxDelayMs?: number;
  now?: () => Date;
}

export interface Outage {
  /** Enters the outage (idempotent while one is running) and starts the retry loop. */
  begin(err: unknown): void;
  active(): boolean;
  health(ready: boolean): AdapterHealth;
  /** Stops retrying (adapter stop()). */
  stop(): void;
}

export function createOutage(config: OutageConfig): Outage {
  const minDelay = config.minDelayMs ?? 5_000;
  const maxDelay = config.maxDelayMs ?? 300_000;
  const now = config.now ?? (() => new Date());
  let current: { reason: FailureReason; since: string; attempts: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const schedule = () => {
    if (!current || stopped) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** current.attempts);
    timer = setTimeout(() => void attempt(), delay);
    timer.unref();
  };
  const attempt = async () => {
    if (!current || stopped) return;
    try {
      await config.reconnect();
      if (stopped) return;
      config.log.warn({ reason: current.reason, since: current.since }, `${config.name}: connected again; the outage is over`);
      current = undefined;
    } catch (err) {
      if (!current) return;
      current.attempts += 1;
      config.log.debug({ reason: failureReasonOf(err), attempts: current.attempts }, `${config.name}: still refused; retrying with backoff`);
      schedule();
    }
  };

  return {
    begin(err) {
      if (current || stopped) return;
      const reason = failureReasonOf(err);
      current = { reason, since: now().toISOString(), attempts: 0 };
      const what = reason === "auth" ? "refused paperboy's token (invalid or revoked)" : "could not be reached";
      config.log.error(
        { outage: config.name, reason },
        `${config.name} ${what}: ${config.name} is paused and retried with backoff, other platforms keep running — ${config.hint}`,
      );
      schedule();
    },
    active: () => current !== undefined,
    health(ready) {
      if (current) return { state: "outage", reason: current.reason, since: current.since };
      if (stopped) return { state: "stopped" };
      return { state: ready ? "ready" : "starting" };
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
