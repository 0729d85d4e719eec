// Sends one planned daily post (a DeliveryRun) to its channel, exactly once, resumable at any instant. Per
// message: ledger intent → pace → send (Discord: deterministic nonce + enforce_nonce, so a resend returns the
// first message) → record the post for 🔖 → ledger "sent". An intent found without "sent" after a crash is first
// looked up on the platform (Slack: `paperboy_paper` metadata via recentPaperPosts) and only resent if absent.
import { createHash } from "node:crypto";
import { formatListDate } from "../time/dates.js";
import { dailyHeader } from "../format/daily-list.js";
import { paperCard } from "../format/paper-card.js";
import type { OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import type { ChatAdapter } from "../ports.js";
import type { DeliveryLedger, DeliveryRun, RunKey } from "../store/deliveries.js";
import type { Lease } from "../store/lock.js";
import type { PostRepo } from "../store/types.js";
import type { Pacer } from "./pacer.js";

export const HEADER_ITEM = "header";

export interface SendRunDeps {
  adapter: ChatAdapter;
  posts: PostRepo;
  ledger: DeliveryLedger;
  pacer: Pacer;
  /** Global requests a paper message costs on this platform (Discord: post + 🔖 reaction). */
  paperMessageCost: number;
  /** Checked before every send: a lost lease stops the run (another process may have taken the channel). */
  lease?: Lease;
  /** Aborted on shutdown: the run stops between messages, leaving the ledger consistent. */
  signal?: AbortSignal;
  /** The run was planned just now by this caller, so the ledger holds no items for it yet (saves a read each). */
  fresh?: boolean;
  now: () => Date;
}

export interface SendRunResult {
  sent: number;
  /** Messages found already posted (after a crash) and recorded instead of being sent again. */
  reconciled: number;
}

/** ≤ 25 chars (Discord's nonce limit), the same for the same (channel, date, item) in every process. */
export function deliveryNonce(key: RunKey, item: string): string {
  return createHash("sha256").update(`${key.platform}:${key.channelId}:${key.postDate}:${item}`).digest("hex").slice(0, 25);
}

/** The header of a run: dailyHeader plus, for a weekend roll-up, a line naming the merged lists. */
export function runHeader(run: DeliveryRun): OutgoingMessage {
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

const paperItem = (paper: Paper) => `paper:${paper.id}`;
const paperDate = (run: DeliveryRun, paper: Paper) =>
  paper.listDate && run.dates.includes(paper.listDate) ? paper.listDate : run.postDate;

export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
}

export async function sendRun(run: DeliveryRun, deps: SendRunDeps): Promise<SendRunResult> {
  const { adapter, ledger } = deps;
  const key: RunKey = { platform: run.platform, channelId: run.channelId, postDate: run.postDate };
  const result: SendRunResult = { sent: 0, reconciled: 0 };
  let onPlatform: Map<string, string> | undefined;

  // What the platform already shows for this run, read once and only when an unfinished intent needs it.
  const alreadyPosted = async (item: string, since: string): Promise<string | undefined> => {
    if (!adapter.recentPaperPosts) return undefined;
    if (!onPlatform) {
      const sinceMs = Math.min(Date.parse(since), Date.parse(run.createdAt)) - 60_000;
      const found = await adapter.recentPaperPosts(run.channelId, sinceMs);
      onPlatform = new Map();
      for (const post of found) {
        if (post.date !== undefined && !run.dates.includes(post.date) && post.date !== run.postDate) continue;
        onPlatform.set(post.paperId === HEADER_ITEM ? HEADER_ITEM : `paper:${post.paperId}`, post.messageId);
      }
    }
    return onPlatform.get(item);
  };

  // Where sends are reconciled from the platform's history (Slack), the header carries the same metadata as the
  // papers (paper_id "header") so a crash right after posting it cannot lead to a second header. It is never
  // recorded as a paper post, so 🔖 on it does nothing.
  const header = runHeader(run);
  const items: { item: string; message: OutgoingMessage; paper?: Paper }[] = [
    { item: HEADER_ITEM, message: adapter.recentPaperPosts ? { ...header, ref: { paperId: HEADER_ITEM, date: run.postDate } } : header },
    ...run.papers.map((paper) => ({
      item: paperItem(paper),
      paper,
      message: { ...paperCard(paper, { date: paperDate(run, paper) }), ref: { paperId: paper.id, date: paperDate(run, paper) } },
    })),
  ];

  for (const { item, message, paper } of items) {
    deps.signal?.throwIfAborted();
    const previous = deps.fresh ? undefined : await ledger.getItem(key, item);
    if (previous?.state === "sent") continue;
    const record = async (messageId: string, attempts: number) => {
      if (paper) {
        const ref = { platform: run.platform, channelId: run.channelId, messageId };
        await deps.posts.record(ref, { paperId: paper.id, date: paperDate(run, paper), postedAt: deps.now().toISOString() });
      }
      await ledger.markSent(key, item, messageId, attempts);
    };
    if (previous?.state === "intent") {
      const existing = await alreadyPosted(item, previous.at);
      if (existing) {
        await record(existing, previous.attempts);
        result.reconciled += 1;
        continue;
      }
    }
    await deps.pacer.acquire(run.channelId, paper ? deps.paperMessageCost : 1, deps.signal);
    // Checked after the wait for our turn, which can be long: another process may have taken the channel.
    if (deps.lease && !deps.lease.valid()) throw new LeaseLostError(`lease on ${deps.lease.key} lost`);
    await ledger.markIntent(key, item, previous);
    let ref;
    try {
      ref = await adapter.post(run.channelId, message, { nonce: deliveryNonce(key, item) });
    } finally {
      deps.pacer.completed(run.channelId);
    }
    await record(ref.messageId, (previous?.attempts ?? 0) + 1);
    result.sent += 1;
  }
  return result;
}
