// Pacing at a platform's rate-limit bound without crossing it, so a fan-out to hundreds of channels sees no 429.
// Sends are spread evenly (GCRA) at just under each published rate — bursts are what trip a platform's
// fixed-window counters once network latency reorders arrivals. Waiters are served in call order (FIFO, no
// polling). A send takes its channel's turn first and a global turn only once that wait is over, so a busy
// channel never holds global capacity idle. Seeded 🔖 reactions wait behind every paper message: a low-priority
// turn is given only while no message waits. Live-vote edits (refresh.ts) take the same low turns, capped at a
// fixed share of the rate on top. The global gate may be shared between processes (shared-budget.ts).
import type { Platform } from "../platforms.js";

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
  /** One budget per channel for paperboy's own 🔖 reactions (Discord: 1 per 250 ms, its own bucket). */
  reactionPerChannel?: RateRule;
  /** Edits of paperboy's own messages (live votes): at most this rate, whatever the global budget leaves. */
  editShare?: RateRule;
  /** One budget per channel for edits (Discord: PATCH …/messages/:id, 5 per 5 s per channel). */
  editPerChannel?: RateRule;
  /** Requests one paper message costs against the global budget (its 🔖 is paced on its own). Default 1. */
  paperMessageCost?: number;
  /**
   * How much later than its neighbours a request may reach the platform (event-loop lag, network), in ms.
   * The global window is stretched by it, so `count` sends never land inside one real window. Default 30.
   */
  jitterMs?: number;
}

export interface Pacer {
  /** Resolves when a message costing `cost` global requests may be sent to `channelId`. */
  acquire(channelId: string, cost?: number, signal?: AbortSignal): Promise<void>;
  /**
   * The platform has answered the send to `channelId`. The channel's next send is spaced from now: the answer
   * comes after the request arrived, so however long it queued in the SDK or on the wire, two sends never
   * reach the platform closer than the channel's limit allows.
   */
  completed(channelId: string): void;
  /**
   * Resolves when paperboy's own 🔖 may be added in `channelId`: after the channel's reaction turn, a global turn
   * given only while no message is waiting for one, so a reaction never delays a paper message.
   */
  acquireReaction(channelId: string, signal?: AbortSignal): Promise<void>;
  /**
   * Resolves when an edit of a message in `channelId` may be sent: after the channel's edit turn and a turn of the
   * edit share, a global turn given only while no message (and no 🔖) waits — an edit never goes ahead of a post.
   */
  acquireEdit(channelId: string, signal?: AbortSignal): Promise<void>;
  /** The platform has answered an edit in `channelId`: its next edit is spaced from now (like completed()). */
  editCompleted(channelId: string): void;
}

/** The global budget: a local gate, or one shared by every process on the same token (shared-budget.ts). */
export interface GlobalBudget {
  /** Resolves on this caller's turn; `low` turns go only while no normal one waits. */
  pass(cost: number, signal?: AbortSignal, low?: boolean): Promise<void>;
}

interface Waiter {
  cost: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * One limit as GCRA ("virtual scheduling"): sends are spaced `interval` apart (the published rate slowed by the
 * margin), with a small tolerance so a late timer is made up for instead of lost, but never enough to put more
 * than `count` sends in any `perMs` window. A FIFO of waiters is released one at a time by a pump.
 */
class Gate implements GlobalBudget {
  /** Theoretical arrival time of the next send. */
  tat = 0;
  private readonly waiters: Waiter[] = [];
  private readonly lowWaiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly interval: number;
  private readonly tolerance: number;

  constructor(
    rule: RateRule,
    jitterMs: number,
    private readonly clock: () => number,
  ) {
    this.interval = (rule.perMs + jitterMs) / rule.count;
    // Worst case in a window: perMs/interval + 1 + burst sends; the burst may use half of the headroom.
    const headroom = rule.count - rule.perMs / this.interval - 1;
    this.tolerance = Math.max(0, Math.floor(headroom / 2)) * this.interval;
  }

  get idle(): boolean {
    return this.waiters.length === 0 && this.lowWaiters.length === 0;
  }

  pass(cost: number, signal?: AbortSignal, low = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const queue = low ? this.lowWaiters : this.waiters;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        cost,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      this.pump();
    });
  }

  /** Records that a send really happened at `at` (later than its turn here): the next one is spaced from it. */
  sentAt(at: number): void {
    this.tat = Math.max(this.tat, at + this.interval);
  }

  private pump(): void {
    if (this.timer) return;
    for (;;) {
      const queue = this.waiters.length > 0 ? this.waiters : this.lowWaiters;
      const next = queue[0];
      if (!next) return;
      const now = this.clock();
      const eligibleAt = this.tat - this.tolerance;
      if (eligibleAt > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.max(1, Math.ceil(eligibleAt - now)));
        return;
      }
      queue.shift();
      this.tat = Math.max(this.tat, now) + this.interval * next.cost;
      next.resolve();
    }
  }
}

/** A local global budget (one process), exported for the shared one's fallback and for tests. */
export function createLocalBudget(rule: RateRule, jitterMs = 30, clock: () => number = () => performance.now()): GlobalBudget {
  return new Gate(rule, jitterMs, clock);
}

/**
 * `sharedGlobal` replaces the local global gate (several processes on one token); per-channel gates stay local:
 * a channel is served by one process at a time (its lease).
 */
export function createPacer(rules: PacingRules, clock: () => number = () => performance.now(), sharedGlobal?: GlobalBudget): Pacer {
  const jitterMs = rules.jitterMs ?? 30;
  const global: GlobalBudget | undefined = sharedGlobal ?? (rules.global ? new Gate(rules.global, jitterMs, clock) : undefined);
  const channels = new Map<string, Gate>();
  const reactionGates = new Map<string, Gate>();
  const editGates = new Map<string, Gate>();
  const editShare = rules.editShare ? new Gate(rules.editShare, jitterMs, clock) : undefined;
  let sinceSweep = 0;

  // Forget idle channels now and then, so a long-running bot does not keep one entry per channel ever served.
  const sweep = () => {
    const now = clock();
    for (const gates of [channels, reactionGates, editGates]) for (const [id, g] of gates) if (g.idle && g.tat < now) gates.delete(id);
  };
  const gateOf = (gates: Map<string, Gate>, channelId: string, rule: RateRule, jitter: number) => {
    if (++sinceSweep >= 1000) {
      sinceSweep = 0;
      sweep();
    }
    let gate = gates.get(channelId);
    if (!gate) {
      gate = new Gate(rule, jitter, clock);
      gates.set(channelId, gate);
    }
    return gate;
  };

  return {
    async acquire(channelId, cost = 1, signal) {
      let channel: Gate | undefined;
      if (rules.perChannel) {
        // No jitter allowance per channel: its sends are spaced from the previous answer (completed()), which
        // comes after that request arrived, so the platform always sees them at least one interval apart.
        channel = gateOf(channels, channelId, rules.perChannel, 0);
        await channel.pass(1, signal);
      }
      if (global) {
        await global.pass(cost, signal);
        // The channel's send really happens now: space its next one from here, or it could burst.
        channel?.sentAt(clock());
      }
    },
    async acquireReaction(channelId, signal) {
      const gate = rules.reactionPerChannel ? gateOf(reactionGates, channelId, rules.reactionPerChannel, jitterMs) : undefined;
      await gate?.pass(1, signal);
      if (global) {
        await global.pass(1, signal, true);
        gate?.sentAt(clock());
      }
    },
    async acquireEdit(channelId, signal) {
      const gate = rules.editPerChannel ? gateOf(editGates, channelId, rules.editPerChannel, jitterMs) : undefined;
      await gate?.pass(1, signal);
      await editShare?.pass(1, signal);
      if (global) await global.pass(1, signal, true);
      gate?.sentAt(clock());
    },
    editCompleted(channelId) {
      editGates.get(channelId)?.sentAt(clock());
    },
    completed(channelId) {
      channels.get(channelId)?.sentAt(clock());
    },
  };
}

/**
 * Published limits (README "Daily delivery"): Discord 50 requests/s global, 5 messages per 5 s and one reaction
 * per 250 ms per channel; Slack chat.postMessage about 1 message per second per channel.
 */
export const DEFAULT_PACING: Record<Platform, PacingRules> = {
  discord: {
    global: { count: 50, perMs: 1000 },
    perChannel: { count: 5, perMs: 5000 },
    reactionPerChannel: { count: 1, perMs: 250 },
    // A tenth of the global rate at most; PATCH …/messages/:id has the 5 per 5 s channel bucket of a send.
    editShare: { count: 5, perMs: 1000 },
    editPerChannel: { count: 5, perMs: 5000 },
  },
  // chat.update is Tier 3 (about 50 a minute per workspace): edits keep to 20 a minute, one per second per channel.
  slack: { perChannel: { count: 1, perMs: 1000 }, editShare: { count: 20, perMs: 60_000 }, editPerChannel: { count: 1, perMs: 1000 } },
  console: {},
};
