// Pacing at a platform's rate-limit bound without crossing it, so a fan-out to hundreds of channels sees no 429.
// Each limit is a sliding log mirroring how the platforms count ("at most `count` per `perMs`"): a send may go
// once the send `count` places back is older than the window plus a small margin for network jitter. Waiters
// are served in call order (FIFO, no polling). A send takes its channel's turn first and a global turn only
// once that wait is over, so a busy channel never holds global capacity idle.

export interface RateRule {
  /** Requests allowed … */
  count: number;
  /** … per this many milliseconds. */
  perMs: number;
}

export interface PacingRules {
  /** One budget across every channel (Discord: 50 requests/s per bot). */
  global?: RateRule;
  /** One budget per channel (Discord: 5 messages per 5 s; Slack chat.postMessage: ~1 per second). */
  perChannel?: RateRule;
  /**
   * Requests one paper message costs against the global budget. Discord: 2 (the post, then the 🔖 reaction the
   * adapter adds). Default 1.
   */
  paperMessageCost?: number;
  /** Extra fraction of each window to wait (absorbs timer and network jitter). Default 0.02. */
  margin?: number;
}

export interface Pacer {
  /** Resolves when a message costing `cost` global requests may be sent to `channelId`. */
  acquire(channelId: string, cost?: number, signal?: AbortSignal): Promise<void>;
}

interface Waiter {
  cost: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * One limit: a FIFO of waiters released one at a time by a pump. Eligibility is computed from ACTUAL release
 * times (the sliding log), so a late timer or a stalled event loop can only slow sends down, never bunch them.
 */
class Gate {
  /** Release times, oldest first; only the last `count` matter. */
  readonly log: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly rule: RateRule,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  get idle(): boolean {
    return this.waiters.length === 0;
  }

  pass(cost: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { cost: Math.min(cost, this.rule.count), resolve, reject };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      waiter.resolve = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.waiters.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    for (;;) {
      const next = this.waiters[0];
      if (!next) return;
      const now = this.clock();
      const blocker = this.log.length + next.cost > this.rule.count ? this.log[this.log.length + next.cost - 1 - this.rule.count] : undefined;
      const eligibleAt = blocker === undefined ? now : blocker + this.windowMs;
      if (eligibleAt > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(eligibleAt - now));
        return;
      }
      this.waiters.shift();
      for (let i = 0; i < next.cost; i++) this.log.push(now);
      if (this.log.length > this.rule.count) this.log.splice(0, this.log.length - this.rule.count);
      next.resolve();
    }
  }
}

export function createPacer(rules: PacingRules, clock: () => number = () => performance.now()): Pacer {
  const margin = rules.margin ?? 0.02;
  const gate = (rule: RateRule) => new Gate(rule, rule.perMs * (1 + margin), clock);
  const global = rules.global ? gate(rules.global) : undefined;
  const channels = new Map<string, Gate>();
  let sinceSweep = 0;

  // Forget idle channels now and then, so a long-running bot does not keep one entry per channel ever served.
  const sweep = () => {
    const idleBefore = clock() - (rules.perChannel?.perMs ?? 0) * (1 + margin) - 1000;
    for (const [id, g] of channels) if (g.idle && (g.log.at(-1) ?? 0) < idleBefore) channels.delete(id);
  };

  return {
    async acquire(channelId, cost = 1, signal) {
      let channel: Gate | undefined;
      if (rules.perChannel) {
        if (++sinceSweep >= 1000) {
          sinceSweep = 0;
          sweep();
        }
        channel = channels.get(channelId);
        if (!channel) {
          channel = gate(rules.perChannel);
          channels.set(channelId, channel);
        }
        await channel.pass(1, signal);
      }
      if (global) {
        await global.pass(cost, signal);
        // The channel's send really happens now: count it here, or a long global wait could let it burst.
        if (channel && channel.log.length > 0) channel.log[channel.log.length - 1] = clock();
      }
    },
  };
}

/**
 * Published limits (docs/delivery.md): Discord 50 requests/s global and 5 messages per 5 s per channel;
 * Slack chat.postMessage about 1 message per second per channel.
 */
export const DEFAULT_PACING: Record<"discord" | "slack" | "console", PacingRules> = {
  discord: { global: { count: 50, perMs: 1000 }, perChannel: { count: 5, perMs: 5000 }, paperMessageCost: 2 },
  slack: { perChannel: { count: 1, perMs: 1000 } },
  console: {},
};
