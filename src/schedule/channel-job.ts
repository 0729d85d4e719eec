// One channel's delivery, start to finish, under that channel's lease (so across every process sharing the
// store, exactly one delivers to it). Plans what is due, finishes a half-sent post only when it IS that post (or
// nothing newer is due: one post per slot, never two lists), sends, and records the outcome in the channel's
// delivery state. Every failure stays inside this channel and is handled per neutral reason (failures.ts).
import { latestClosedDate } from "../time/dates.js";
import type { Logger } from "../log.js";
import type { ChatAdapter, Platform } from "../ports.js";
import type { DeliveryLedger, DeliveryRun } from "../store/deliveries.js";
import type { LockService } from "../store/lock.js";
import { feedKind, type DeliveryState, type Subscription, type SubscriptionRepo } from "../store/subscriptions.js";
import type { BookmarkOwner, PostRepo } from "../store/types.js";
import { endChannelSubscription } from "./end-subscriptions.js";
import { clearFailures, decideFailure, describeFailure, failureNotice, markFailing, retryDelayMs } from "./failures.js";
import type { FailureReason } from "../errors.js";
import type { ListCache } from "./list-cache.js";
import type { Pacer } from "./pacer.js";
import type { ReactionQueue } from "./reaction-queue.js";
import { planDatedPost, planScheduledPost, type PlanOutcome } from "./plan.js";
import { planFeedPost } from "./plan-feeds.js";
import { LeaseLostError, sendRun } from "./send-run.js";
import { dueSlot } from "./slots.js";
import { rankForUser, type RankForUserDeps } from "../recommend/for-user.js";
import type { Paper } from "../paper.js";
import { DEFAULT_REFRESH_DAYS, type LiveVotesRepo } from "../store/live-votes.js";

export interface ChannelJobDeps {
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  subscriptions: SubscriptionRepo;
  ledger: DeliveryLedger;
  posts: PostRepo;
  locks: LockService;
  lists: ListCache;
  pacerFor: (platform: Platform) => { pacer: Pacer; paperMessageCost: number; reactions?: Pick<ReactionQueue, "add"> };
  log: Logger;
  now: () => Date;
  giveUpDays: number;
  signal?: AbortSignal;
  onDelivered?: (platform: Platform, outcome: "posted" | "nothing", messages: number) => void;
  onFailed?: (platform: Platform, kind: "permanent" | "transient") => void;
  /**
   * Runs a job's store-and-planning steps with bounded concurrency, so that when hundreds of channels start at
   * once the first ones reach the platform right away instead of all preparing before any sends. Default: direct.
   */
  preparing?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Bookmarks and feedback behind `rank=foryou` DM digests; absent: they go by upvotes. */
  forYou?: RankForUserDeps;
  /** Adds linked models/datasets/Spaces to a new run's papers before it is frozen (enrich-artifacts.ts). */
  enrich?: (papers: Paper[]) => Promise<Paper[]>;
  /** Where paper messages are tracked for live votes; absent: none are. */
  liveVotes?: LiveVotesRepo;
}

export type JobMode = { kind: "scheduled" } | { kind: "dated"; date: string };

export type JobOutcome =
  | { status: "posted"; postDate: string; sent: number; reconciled: number }
  | { status: "nothing"; reason: string }
  | { status: "skipped"; reason: "busy" | "not-due" | "no-adapter" | "not-connected" }
  | { status: "failed"; kind: "permanent" | "transient" | "outage"; reason: FailureReason; error: string };

const laterOf = (a: string | undefined, b: string) => (a && a > b ? a : b);

/** A `rank=foryou` digest's papers: the reader's best `top` by rankForUser (the most upvoted on a cold start). */
async function rankDigest(outcome: PlanOutcome, forYou: RankForUserDeps, owner: BookmarkOwner, top: number): Promise<PlanOutcome> {
  if (outcome.kind !== "post") return outcome;
  const ranked = await rankForUser(forYou, owner, outcome.plan.papers, top);
  return { ...outcome, plan: { ...outcome.plan, papers: ranked.recommendations.map((r) => r.paper) } };
}

export async function runChannelJob(sub: Subscription, mode: JobMode, deps: ChannelJobDeps): Promise<JobOutcome> {
  // The feed's records (settings, state) are keyed by destination + kind; its runs by the channel posted in.
  const key = { platform: sub.platform, channelId: sub.channelId, kind: feedKind(sub) };
  const log = deps.log.child({ platform: sub.platform, channel: sub.channelId, kind: key.kind });
  const adapter = deps.adapterFor(sub.platform);
  if (!adapter) return { status: "skipped", reason: "no-adapter" };
  // A DM feed posts in the user's DM channel, resolved once the adapter is up.
  if (sub.userId && (!adapter.directChannel || !adapter.isReady())) return { status: "skipped", reason: "no-adapter" };
  // A sharded adapter answers per channel (is its guild's shard here and connected?), the others per platform.
  const reachable = sub.userId ? true : adapter.canDeliver ? await adapter.canDeliver(sub.channelId, sub.workspaceId) : adapter.isReady();
  if (!reachable) return { status: "skipped", reason: adapter.canDeliver ? "not-connected" : "no-adapter" };
  const preparing = deps.preparing ?? ((work) => work());
  // One lease per destination, not per feed: a channel's daily and weekly posts never interleave their messages.
  const lease = await preparing(() => deps.locks.acquire(`delivery:${sub.platform}:${sub.channelId}`));
  if (!lease) return { status: "skipped", reason: "busy" };
  let dest = { platform: sub.platform, channelId: sub.channelId };

  let state: DeliveryState = {};
  let slot: number | undefined;
  try {
    if (sub.userId) dest = { platform: sub.platform, channelId: await adapter.directChannel!(sub.userId) };
    // Read under the lease: another process may have just delivered this slot.
    state = await preparing(() => deps.subscriptions.getState(key));
    // Failures recorded before the latest /paper subscribe belong to the old subscription.
    if ((state.failing && state.failing.since < sub.activeFrom) || (state.gaveUpAt && state.gaveUpAt < sub.activeFrom)) {
      state = clearFailures(state);
    }
    const now = deps.now();
    if (mode.kind === "scheduled") {
      slot = dueSlot(sub, state, now.getTime());
      if (slot === undefined) return { status: "skipped", reason: "not-due" };
    }
    const pacing = deps.pacerFor(sub.platform);
    const send = async (run: DeliveryRun, fresh = false) => {
      const liveVotes = deps.liveVotes ? { liveVotes: { repo: deps.liveVotes, days: sub.refreshDays ?? DEFAULT_REFRESH_DAYS } } : {};
      const result = await sendRun(run, { adapter, posts: deps.posts, ledger: deps.ledger, ...pacing, lease, now: deps.now, fresh, ...liveVotes, ...(deps.signal ? { signal: deps.signal } : {}) });
      await deps.ledger.saveRun({ ...run, doneAt: deps.now().toISOString() });
      state = { ...state, lastDate: laterOf(state.lastDate, run.postDate), lastPostedAt: deps.now().toISOString(), lastPostedDate: run.postDate, pendingDate: undefined };
      await deps.subscriptions.saveState(key, state);
      return result;
    };

    const forYou = sub.userId && sub.rank === "foryou" ? deps.forYou : undefined;
    // A foryou digest plans every paper that passes its filters, then keeps the reader's best `top`.
    const planSub = forYou ? { ...sub, top: Number.MAX_SAFE_INTEGER } : sub;
    const planned: PlanOutcome = await preparing(() =>
      mode.kind === "dated"
        ? planDatedPost(planSub, mode.date, deps.lists)
        : key.kind === "daily"
          ? planScheduledPost(planSub, state, latestClosedDate(new Date(slot ?? now.getTime())), deps.lists)
          : planFeedPost({ sub: planSub, state, slotMs: slot ?? now.getTime(), lists: deps.lists, sentBefore: () => deps.subscriptions.sentPapers(key) }),
    );
    const outcome = forYou && sub.userId ? await rankDigest(planned, forYou, { platform: sub.platform, userId: sub.userId }, sub.top) : planned;

    // A post interrupted by a crash, a shutdown or a refusal. When it is the post planned now, the ledger
    // continues it below (same papers). A stale one from an earlier slot is finished only when nothing newer is
    // due; otherwise it is dropped and the new post's header names the missed list — never two lists in a slot.
    let finished: { postDate: string; sent: number; reconciled: number } | undefined;
    if (state.pendingDate) {
      const pending = await deps.ledger.getRun({ ...dest, postDate: state.pendingDate });
      const current = outcome.kind === "post" ? outcome.plan.postDate : undefined;
      if (pending && !pending.doneAt && current === undefined) {
        finished = { postDate: pending.postDate, ...(await send(pending)) };
      } else if (pending && !pending.doneAt && current !== pending.postDate) {
        log.warn({ pending: pending.postDate, current }, "unfinished post from an earlier slot dropped; posting the newer list instead");
      }
      state = { ...state, pendingDate: undefined };
    }

    let result: JobOutcome;
    if (outcome.kind === "post") {
      const runKey = { ...dest, postDate: outcome.plan.postDate };
      const prepared = await preparing(async () => {
        const existing = await deps.ledger.getRun(runKey);
        if (existing?.doneAt) return undefined;
        const mode = sub.userId || !sub.mode || sub.mode === "messages" ? {} : { mode: sub.mode };
        const papers = existing || !deps.enrich ? outcome.plan.papers : await deps.enrich(outcome.plan.papers);
        const run: DeliveryRun = existing ?? { ...dest, ...(key.kind === "daily" ? {} : { kind: key.kind }), ...mode, ...outcome.plan, papers, createdAt: deps.now().toISOString() };
        if (!existing) {
          // Trending: recorded as sent when planned, so no later day can pick them again even if this run stops.
          if (key.kind === "trending") await deps.subscriptions.addSentPapers(key, run.papers.map((p) => p.id));
          await deps.ledger.saveRun(run);
        }
        state = { ...state, pendingDate: run.postDate };
        await deps.subscriptions.saveState(key, state);
        return { run, fresh: !existing };
      });
      if (!prepared) {
        result = { status: "nothing", reason: "already-posted" };
      } else {
        const { run, fresh } = prepared;
        const sent = await send(run, fresh);
        result = { status: "posted", postDate: run.postDate, ...sent };
        deps.onDelivered?.(sub.platform, "posted", sent.sent);
        log.info({ date: run.postDate, sent: sent.sent, reconciled: sent.reconciled }, "daily post delivered");
      }
    } else if (finished) {
      result = { status: "posted", ...finished };
      deps.onDelivered?.(sub.platform, "posted", finished.sent);
    } else {
      result = { status: "nothing", reason: outcome.reason };
      deps.onDelivered?.(sub.platform, "nothing", 0);
    }
    state = {
      ...state,
      lastDate: laterOf(state.lastDate, outcome.coveredDate),
      ...(slot !== undefined ? { lastSlot: new Date(slot).toISOString() } : {}),
      retry: undefined,
      failing: undefined,
    };
    await deps.subscriptions.saveState(key, state);
    return result;
  } catch (err) {
    return await handleFailure(err);
  } finally {
    await lease.release().catch((err: unknown) => log.warn({ err: describeFailure(err) }, "could not release lease"));
  }

  async function handleFailure(err: unknown): Promise<JobOutcome> {
    if (err instanceof LeaseLostError || deps.signal?.aborted) {
      log.warn({ reason: err instanceof Error ? err.name : "aborted" }, "delivery interrupted; it resumes later");
      return { status: "failed", kind: "transient", reason: "transient", error: "interrupted" };
    }
    const { reason, decision } = decideFailure(err);
    const error = describeFailure(err);
    const now = deps.now();
    if (decision === "adapter-outage") {
      // Not this channel's fault: nothing is recorded, so the slot stays due and is served once the adapter
      // (which reports and logs the outage itself) is back.
      return { status: "failed", kind: "outage", reason, error };
    }
    const kind = decision === "retry" ? "transient" : "permanent";
    deps.onFailed?.(sub.platform, kind);
    if (decision === "end-subscription") {
      await endChannelSubscription(deps.subscriptions, key, "the channel no longer exists", log).catch((endErr: unknown) =>
        log.error({ err: describeFailure(endErr) }, "could not end the subscription of a deleted channel"),
      );
      return { status: "failed", kind, reason, error };
    }
    if (decision === "fail-channel") {
      log.warn({ err: error }, "delivery failed permanently; marking the subscription failing");
      state = markFailing(state, err, now, deps.giveUpDays);
      // Wait for the next slot: a permission someone must fix will not appear in a minute.
      if (slot !== undefined) state.lastSlot = new Date(slot).toISOString();
      if (!state.failing?.notified && adapter?.sendDirect) {
        try {
          await adapter.sendDirect(sub.subscriberId, failureNotice(sub, err, deps.giveUpDays));
          state = { ...state, failing: { ...state.failing!, notified: true } };
        } catch (notifyErr) {
          log.warn({ err: describeFailure(notifyErr), user: sub.subscriberId }, "could not tell the subscriber");
        }
      }
    } else {
      log.error({ err: error, cause: err instanceof Error ? err.message : String(err) }, "delivery failed; will retry");
      const attempts = (state.retry?.attempts ?? 0) + 1;
      const nextAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      state = { ...state, retry: { attempts, nextAt, reason: error } };
    }
    if (lease?.valid()) {
      await deps.subscriptions.saveState(key, state).catch((saveErr: unknown) => log.error({ err: describeFailure(saveErr) }, "could not save delivery state"));
    }
    return { status: "failed", kind, reason, error };
  }
}
