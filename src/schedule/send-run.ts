// Sends one planned daily post (a DeliveryRun) to its channel, exactly once, resumable at any instant. Per
// message: ledger intent → pace → publish (the same path as "Post to channel": post with a deterministic nonce,
// then record the paper post for 🔖) → ledger "sent". Whenever the outcome of an earlier send is unknown — an
// intent found without "sent" after a crash, or a 5xx / lost answer just now — the channel's history is read
// first (adapter.ownPosts: paperboy's own marked messages since the run began) and the item is only sent again
// when it is not there. Discord's nonce stays the first defence, but correctness never rests on its window.
// Posting modes (the run's `mode`, fixed when planned): `thread` adds a "thread" item between the header and the
// papers — opened idempotently from the header, so it needs no history — and posts the papers as replies, which are
// reconciled from the thread (adapter.ownReplies); `forum` has no header and one forum post per paper, reconciled
// from the forum's posts (adapter.ownPosts on a forum). A paper is recorded where its reactions will name it.
// Papers first: a paper message's 🔖 is not seeded here but queued durably (reaction-queue.ts) before the item
// is marked sent; the engine seeds the queue once every paper message of the pass is out.
import { createHash } from "node:crypto";
import { UpstreamError } from "../errors.js";
import { formatListDate } from "../time/dates.js";
import { dailyHeader } from "../format/daily-list.js";
import { feedHeader } from "../format/feed-header.js";
import { paperCard } from "../format/paper-card.js";
import type { OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import type { ChatAdapter, OwnPost, PostedRef } from "../ports.js";
import { createPublisher, recordPost } from "../publish.js";
import type { DeliveryLedger, DeliveryRun, LedgerItem, RunKey } from "../store/deliveries.js";
import type { Lease } from "../store/lock.js";
import type { LiveVotesRepo } from "../store/live-votes.js";
import type { PostRepo } from "../store/types.js";
import { threadNameOf, wantedTags } from "../format/forum-tags.js";
import type { Pacer } from "./pacer.js";
import { requireMode, runThreadName, THREAD_ITEM } from "./posting-modes.js";
import type { ReactionQueue } from "./reaction-queue.js";

export const HEADER_ITEM = "header";
/** Sends of one item inside a run when the platform's answer is unknown and history does not show it. */
const SEND_ATTEMPTS = 3;
/** History is read from this long before the run was planned (clock skew between us and the platform). */
const CLOCK_SKEW_MS = 60_000;

export interface SendRunDeps {
  adapter: ChatAdapter;
  posts: PostRepo;
  ledger: DeliveryLedger;
  pacer: Pacer;
  /** Global requests a paper message costs on this platform (default 1). */
  paperMessageCost?: number;
  /** Where the 🔖 of each paper message goes to be seeded after the pass; absent: seeded right after posting. */
  reactions?: Pick<ReactionQueue, "add">;
  /** Checked before every send: a lost lease stops the run (another process may have taken the channel). */
  lease?: Lease;
  /** Aborted on shutdown: the run stops between messages, leaving the ledger consistent. */
  signal?: AbortSignal;
  /** The run was planned just now by this caller, so the ledger holds no items for it yet (saves a read each). */
  fresh?: boolean;
  now: () => Date;
  /** Wait before sending again after an unknown outcome, ms (× attempt; default 1,000). */
  retryDelayMs?: number;
  /** Live votes: each paper message is tracked for `days` (the feed's refresh_days; 0 = not at all). */
  liveVotes?: { repo: LiveVotesRepo; days: number };
}

export interface SendRunResult {
  sent: number;
  /** Messages found already posted (after a crash or a lost answer) and recorded instead of being sent again. */
  reconciled: number;
}

/** ≤ 25 chars (Discord's nonce limit), the same for the same (channel, date, item) in every process. */
export function deliveryNonce(key: RunKey, item: string): string {
  return createHash("sha256").update(`${key.platform}:${key.channelId}:${key.postDate}:${item}`).digest("hex").slice(0, 25);
}

/** The header of a run: dailyHeader plus, for a weekend roll-up, a line naming the merged lists. */
export function runHeader(run: DeliveryRun): OutgoingMessage {
  if (run.kind && run.kind !== "daily") {
    return feedHeader({ kind: run.kind, period: run.postDate, papers: run.papers, totalBeforeFilter: run.totalBeforeFilter, range: run.range, missed: run.missedDates });
  }
  const header = dailyHeader(run.postDate, run.papers, {
    missedDates: run.missedDates,
    totalBeforeFilter: run.totalBeforeFilter,
  });
  if (run.dates.length < 2) return header;
  const line = `Weekend roll-up of the lists of ${run.dates.map(formatListDate).join(", ")}.`;
  return {
    ...header,
    blocks: [...header.blocks, { kind: "context", spans: [{ text: line }] }],
    fallbackText: `${header.fallbackText}\n${line}`,
  };
}

/** One message (or the thread) of a run: its ledger item, what it shows, and how it goes out in the run's mode. */
interface Step {
  item: string;
  message: OutgoingMessage;
  /** The paper a paper message shows (tracked for live votes). */
  paper?: Paper;
  send: () => Promise<PostedRef>;
}

const paperItem = (paperId: string) => `paper:${paperId}`;
const paperDate = (run: DeliveryRun, paper: Paper) =>
  paper.listDate && run.dates.includes(paper.listDate) ? paper.listDate : run.postDate;

/**
 * A send whose effect is unknown: a transient failure (5xx, the answer never came, network, timeout) may hide a
 * stored message. A rate limit is not one: the platform refused before storing anything.
 */
function outcomeUnknown(err: unknown): boolean {
  return err instanceof UpstreamError && err.reason === "transient";
}

export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
}

/** Which item of `run` an own message found in history is, if any (a header or paper of another day is not). */
function itemOf(run: DeliveryRun, post: OwnPost): string | undefined {
  const { mark } = post;
  if (mark.kind === "header") return mark.date === undefined || mark.date === run.postDate ? HEADER_ITEM : undefined;
  const ours = mark.date === undefined || mark.date === run.postDate || run.dates.includes(mark.date);
  return ours ? paperItem(mark.paperId) : undefined;
}

/** Where a message of the run was found or posted: its id, and the channel its reactions name. */
interface Placed {
  messageId: string;
  channelId: string;
}

export async function sendRun(run: DeliveryRun, deps: SendRunDeps): Promise<SendRunResult> {
  const { adapter, ledger } = deps;
  const publish = createPublisher(() => adapter, deps.posts, deps.now);
  const key: RunKey = { platform: run.platform, channelId: run.channelId, postDate: run.postDate };
  const result: SendRunResult = { sent: 0, reconciled: 0 };
  const mode = run.mode ?? "messages";
  requireMode(adapter, mode);
  /** Thread mode: the header's message id, which names its thread (known once the header is out). */
  let headerId: string | undefined;
  const onPlatform = new Map<"channel" | "replies", Map<string, Placed>>();
  const since = () => Date.parse(run.createdAt) - CLOCK_SKEW_MS;

  // What the platform shows for this run; read when an unknown outcome needs it, and again after each new one.
  // Thread mode's papers are replies, read from the header's thread; a forum's posts come from its threads.
  const findPosted = async (item: string, reread: boolean): Promise<Placed | undefined> => {
    if (item === THREAD_ITEM) return undefined; // startThread is idempotent: it answers with the existing thread.
    const where = mode === "thread" && item !== HEADER_ITEM ? "replies" : "channel";
    if (!onPlatform.has(where) || reread) {
      let found: OwnPost[];
      if (where === "replies") {
        if (!adapter.ownReplies || headerId === undefined) return undefined;
        found = await adapter.ownReplies(run.channelId, headerId, since());
      } else {
        if (!adapter.ownPosts) return undefined;
        found = await adapter.ownPosts(run.channelId, since());
      }
      const map = new Map<string, Placed>();
      for (const post of found) {
        const it = itemOf(run, post);
        if (it && !map.has(it)) map.set(it, { messageId: post.messageId, channelId: post.channelId ?? run.channelId });
      }
      onPlatform.set(where, map);
    }
    return onPlatform.get(where)?.get(item);
  };

  // Before the item is marked sent: a crash in between leaves an intent, reconciled (and queued) on restart.
  const needsReaction = async (at: Placed, message: OutgoingMessage) => {
    if (!message.ref) return;
    if (deps.reactions) await deps.reactions.add(run.platform, at.channelId, at.messageId, run.channelId);
    else await adapter.seedReaction?.(at.channelId, at.messageId).catch(() => undefined);
  };

  const header = runHeader(run);
  // Live votes: recorded with the post, before the item is marked sent (a crash in between re-tracks it; idempotent).
  // Where the message is (a thread or forum post in those modes) is where it is edited.
  const track = async (at: Placed, message: OutgoingMessage, paper?: Paper) => {
    if (!deps.liveVotes || !paper) return;
    const ref = { platform: run.platform, channelId: at.channelId, messageId: at.messageId };
    await deps.liveVotes.repo.track(ref, { paper, ...(message.ref?.date ? { date: message.ref.date } : {}) }, message, deps.liveVotes.days, deps.now().getTime());
  };

  const steps: Step[] = [];
  if (mode !== "forum") {
    steps.push({ item: HEADER_ITEM, message: header, send: () => publish(run.platform, run.channelId, header, { nonce: deliveryNonce(key, HEADER_ITEM), header: { date: run.postDate } }) });
  }
  // No papers (a header saying none matched): no thread to open.
  if (mode === "thread" && run.papers.length > 0) {
    steps.push({
      item: THREAD_ITEM,
      message: header,
      send: async () => {
        const { threadId } = await adapter.startThread!(run.channelId, await knownHeader(), runThreadName(run));
        return { platform: run.platform, channelId: threadId, messageId: threadId };
      },
    });
  }
  for (const paper of run.papers) {
    const item = paperItem(paper.id);
    const date = paperDate(run, paper);
    const message: OutgoingMessage = { ...paperCard(paper, { date }), ref: { paperId: paper.id, date } };
    const nonce = deliveryNonce(key, item);
    steps.push({
      item,
      message,
      paper,
      send: async () => {
        if (mode === "thread") return publish(run.platform, run.channelId, message, { nonce, replyTo: await knownHeader(), deferReaction: true });
        if (mode !== "forum") return publish(run.platform, run.channelId, message, { nonce, deferReaction: true });
        const ref = await adapter.postForum!(run.channelId, message, { name: threadNameOf(paper.title), tags: wantedTags(paper) });
        await recordPost(deps.posts, ref, message, deps.now());
        return ref;
      },
    });
  }

  // The header's id for thread mode: this run sent or found it; else (a ledger without it) history says.
  async function knownHeader(): Promise<string> {
    headerId ??= (await findPosted(HEADER_ITEM, true))?.messageId;
    if (headerId === undefined) throw new Error(`thread mode: the header of ${run.postDate} is nowhere to be found`);
    return headerId;
  }

  for (const { item, message, send, paper } of steps) {
    deps.signal?.throwIfAborted();
    const previous = deps.fresh ? undefined : await ledger.getItem(key, item);
    if (previous?.state === "sent") {
      if (item === HEADER_ITEM && previous.messageId) headerId = previous.messageId;
      continue;
    }
    let attempts = previous?.attempts ?? 0;
    const adopt = async (at: Placed) => {
      if (item === HEADER_ITEM) headerId = at.messageId;
      await needsReaction(at, message);
      await recordPost(deps.posts, { platform: run.platform, ...at }, message, deps.now());
      await track(at, message, paper);
      await ledger.markSent(key, item, at.messageId, Math.max(1, attempts), at.channelId);
      result.reconciled += 1;
    };
    // An intent without "sent": the last send's outcome is unknown. Look before sending again.
    if (previous?.state === "intent") {
      const existing = await findPosted(item, false);
      if (existing) {
        await adopt(existing);
        continue;
      }
    }
    for (let tries = 1; ; tries++) {
      await deps.pacer.acquire(run.channelId, message.ref ? (deps.paperMessageCost ?? 1) : 1, deps.signal);
      // Checked after the wait for our turn, which can be long: another process may have taken the channel.
      if (deps.lease && !deps.lease.valid()) {
        deps.pacer.completed(run.channelId);
        throw new LeaseLostError(`lease on ${deps.lease.key} lost`);
      }
      const intent: LedgerItem | undefined = attempts > 0 ? { state: "intent", at: deps.now().toISOString(), attempts } : undefined;
      let ref;
      try {
        await ledger.markIntent(key, item, intent);
        attempts += 1;
        ref = await send();
      } catch (err) {
        if (!outcomeUnknown(err)) throw err;
        // The platform may have stored it: history decides, never a blind resend.
        const existing = await findPosted(item, true);
        if (existing) {
          await adopt(existing);
          break;
        }
        if (tries >= SEND_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, (deps.retryDelayMs ?? 1_000) * tries));
        deps.signal?.throwIfAborted();
        continue;
      } finally {
        deps.pacer.completed(run.channelId);
      }
      if (item === HEADER_ITEM) headerId = ref.messageId;
      await needsReaction(ref, message);
      await track(ref, message, paper);
      await ledger.markSent(key, item, ref.messageId, attempts, ref.channelId);
      result.sent += 1;
      break;
    }
  }
  return result;
}
