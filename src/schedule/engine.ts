// The delivery engine: one pass over the subscriptions, shared by the scheduler's tick and `npm run deliver`.
// Lists are fetched once per date for every channel (ListCache), channels are served concurrently, each platform
// is paced at its rate-limit bound, and a channel that is already being served (here or, via its lease, in
// another process) is left alone. Stop() aborts between messages so the ledger stays consistent. Papers first:
// the 🔖 of every paper message is seeded only once every channel of the pass has been sent (reaction-queue.ts).
import type { RankForUserDeps } from "../recommend/for-user.js";
import { setMaxListeners } from "node:events";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { ChatAdapter, Platform } from "../ports.js";
import type { DeliveryLedger } from "../store/deliveries.js";
import type { LockService } from "../store/lock.js";
import { feedKind, subscriptionId, type Subscription, type SubscriptionRepo } from "../store/subscriptions.js";
import type { LiveVotesRepo } from "../store/live-votes.js";
import type { PostRepo, Store } from "../store/types.js";
import { runChannelJob, type ChannelJobDeps, type JobMode, type JobOutcome } from "./channel-job.js";
import { createArtifactEnricher } from "./enrich-artifacts.js";
import { createListCache } from "./list-cache.js";
import { createPacer, DEFAULT_PACING, type GlobalBudget, type Pacer, type PacingRules, type RateRule } from "./pacer.js";
import { createReactionQueue, type ReactionQueue } from "./reaction-queue.js";
import { dueSlot } from "./slots.js";

export interface DeliveryEngineConfig {
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  papers: PaperSource;
  posts: PostRepo;
  subscriptions: SubscriptionRepo;
  ledger: DeliveryLedger;
  locks: LockService;
  log: Logger;
  now: () => Date;
  /** DELIVERY_GIVE_UP_DAYS. */
  giveUpDays: number;
  /** Ranks `rank=foryou` DM digests (channel-job.ts). */
  forYou?: RankForUserDeps;
  /** Per-platform pacing; defaults to the published limits (DEFAULT_PACING). */
  pacing?: Partial<Record<Platform, PacingRules>>;
  metrics?: Metrics;
  /** Where pending 🔖 reactions are kept; absent: each is seeded right after its message (no papers-first). */
  store?: Pick<Store, "index">;
  /** A global budget shared with other processes on the same token (shared-budget.ts); absent: per process. */
  sharedBudget?: (platform: Platform, rule: RateRule, jitterMs?: number) => GlobalBudget | undefined;
  /** Where delivered paper messages are tracked for live votes (refresh.ts); absent: none are. */
  liveVotes?: LiveVotesRepo;
}

export interface PassResult {
  platform: Platform;
  channelId: string;
  outcome: JobOutcome;
}

export interface DeliveryEngine {
  /** Serves every subscription due now; resolves when those channels are done. */
  runDue(): Promise<PassResult[]>;
  /** Posts `date`'s list to every subscribed channel (or the one given) that has not had it. */
  deliverDate(date: string, only?: { platform: Platform; channelId: string }): Promise<PassResult[]>;
  /** Channels being served by this process right now. */
  busyChannels(): number;
  /** The platform's pacer (live-vote edits take their low-priority turns on the same budget as the posts). */
  pacerFor(platform: Platform): Pacer;
  /** Stops taking work, interrupts runs between messages, and waits for them (at most `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Channels preparing (lease, state, plan, ledger) at once; sending is not limited by it. */
const PREPARE_CONCURRENCY = 16;

/**
 * Runs at most `limit` tasks at a time; waiting tasks go lowest `priority` first, so a job that started
 * earlier finishes preparing (and starts sending) before later jobs take their first step.
 */
function createSemaphore(limit: number): <T>(work: () => Promise<T>, priority: number) => Promise<T> {
  let active = 0;
  const queue: { priority: number; resume: () => void }[] = [];
  return async (work, priority) => {
    if (active >= limit) {
      await new Promise<void>((resume) => {
        const at = queue.findIndex((w) => w.priority > priority);
        queue.splice(at < 0 ? queue.length : at, 0, { priority, resume });
      });
    }
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      queue.shift()?.resume();
    }
  };
}

export function createDeliveryEngine(config: DeliveryEngineConfig): DeliveryEngine {
  const lists = createListCache({ papers: config.papers });
  let reactions: ReactionQueue | undefined;
  const pacers = new Map<Platform, { pacer: Pacer; paperMessageCost: number; reactions?: ReactionQueue }>();
  const pacerFor = (platform: Platform) => {
    let entry = pacers.get(platform);
    if (!entry) {
      const rules = config.pacing?.[platform] ?? DEFAULT_PACING[platform];
      const shared = rules.global ? config.sharedBudget?.(platform, rules.global, rules.jitterMs) : undefined;
      entry = { pacer: createPacer(rules, undefined, shared), paperMessageCost: rules.paperMessageCost ?? 1, ...(reactions ? { reactions } : {}) };
      pacers.set(platform, entry);
    }
    return entry;
  };
  if (config.store) {
    reactions = createReactionQueue({ store: config.store, locks: config.locks, adapterFor: config.adapterFor, pacerFor, log: config.log });
  }
  const preparing = createSemaphore(PREPARE_CONCURRENCY);
  const abort = new AbortController();
  // Every message waiting for its turn listens for shutdown; hundreds of them are expected.
  setMaxListeners(0, abort.signal);
  const inFlight = new Map<string, Promise<JobOutcome>>();
  const jobDeps: ChannelJobDeps = {
    adapterFor: config.adapterFor,
    subscriptions: config.subscriptions,
    ledger: config.ledger,
    posts: config.posts,
    locks: config.locks,
    lists,
    pacerFor,
    log: config.log,
    now: config.now,
    giveUpDays: config.giveUpDays,
    signal: abort.signal,
    enrich: createArtifactEnricher({ papers: config.papers, log: config.log }),
    ...(config.forYou ? { forYou: config.forYou } : {}),
    ...(config.liveVotes ? { liveVotes: config.liveVotes } : {}),
    ...(config.metrics
      ? { onDelivered: config.metrics.delivery.bind(config.metrics), onFailed: config.metrics.failure.bind(config.metrics) }
      : {}),
  };

  // The reaction phase: after the sends of a pass, and on a tick with nothing due (one index read).
  const seedReactions = async () => {
    if (!reactions || abort.signal.aborted) return;
    try {
      await reactions.drain(abort.signal);
    } catch (err) {
      if (!abort.signal.aborted) config.log.warn({ err: err instanceof Error ? err.message : String(err) }, "🔖 reactions not seeded; the next pass tries again");
    }
  };

  let jobs = 0;
  const serve = async (subs: Subscription[], mode: JobMode): Promise<PassResult[]> => {
    const results = await Promise.all(
      subs.map(async (sub): Promise<PassResult> => {
        const order = jobs++;
        const id = subscriptionId({ platform: sub.platform, channelId: sub.channelId, kind: sub.kind });
        const base = { platform: sub.platform, channelId: sub.channelId };
        if (abort.signal.aborted || inFlight.has(id)) return { ...base, outcome: { status: "skipped", reason: "busy" } };
        const job = runChannelJob(sub, mode, { ...jobDeps, preparing: (work) => preparing(work, order) }).catch((err: unknown): JobOutcome => {
          // runChannelJob handles delivery failures itself; this is the store failing under it.
          config.log.error({ ...base, err: err instanceof Error ? err.message : String(err) }, "delivery job crashed");
          return { status: "failed", kind: "transient", reason: "transient", error: "internal" };
        });
        inFlight.set(id, job);
        try {
          return { ...base, outcome: await job };
        } finally {
          inFlight.delete(id);
        }
      }),
    );
    await seedReactions();
    return results;
  };

  return {
    async runDue() {
      if (abort.signal.aborted) return [];
      const now = config.now().getTime();
      // The store's due index: one query when nothing is due. A cheap pre-check outside any lease; the job
      // checks again under the lease.
      const candidates = await config.subscriptions.due(now);
      const due = candidates.filter((c) => dueSlot(c.subscription, c.state, now) !== undefined).map((c) => c.subscription);
      if (due.length > 0) return serve(due, { kind: "scheduled" });
      // A tick with nothing due seeds what earlier passes left (a crash, a shutdown, a channel that was busy).
      await seedReactions();
      return [];
    },
    async deliverDate(date, only) {
      // A dated pass posts a day's list: daily feeds only (a week or month is posted by its own slot).
      const subs = (await config.subscriptions.list()).filter(
        (s) => feedKind(s) === "daily" && (!only || (s.platform === only.platform && s.channelId === only.channelId)),
      );
      return serve(subs, { kind: "dated", date });
    },
    busyChannels: () => inFlight.size,
    pacerFor: (platform) => pacerFor(platform).pacer,
    async stop(timeoutMs = 5_000) {
      abort.abort();
      const deadline = new Promise((r) => setTimeout(r, timeoutMs).unref());
      await Promise.race([Promise.allSettled([...inFlight.values()]), deadline]);
    },
  };
}
