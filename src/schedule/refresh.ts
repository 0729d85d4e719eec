// Live votes: every VOTES_REFRESH_MINUTES the paper messages of the last few days (store/live-votes.ts) are edited
// in place when their upvotes, GitHub stars or comments changed. Counts come once per list date per interval
// (PaperSource.votes, a short cache shared by every channel and process); a card is re-rendered from the stored
// paper with the new counts and edited only when what it shows changed. Edits never delay a post: none starts
// while this process is delivering, each waits for a low-priority turn of a fixed share of the rate
// (pacer.acquireEdit), and one process refreshes at a time (a lease). A deleted message (or a channel gone or
// closed to paperboy) leaves the index at once; a rate limit or outage leaves the rest for the next interval.
import { setMaxListeners } from "node:events";
import type { FailureReason } from "../errors.js";
import { failureReasonOf } from "../errors.js";
import { paperCard } from "../format/paper-card.js";
import type { PaperSource, PaperVotes } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { messageHash, type LiveEntry, type LiveVotesRepo } from "../store/live-votes.js";
import type { Lease, LockService } from "../store/lock.js";
import type { Pacer } from "./pacer.js";

const LEASE_KEY = "live-votes:refresh";
/** Cards rendered between two yields to the event loop. */
const RENDER_SLICE = 50;
/** Reasons that end a message's refresh for good: it, its channel or paperboy's access is gone. */
const GONE: ReadonlySet<FailureReason> = new Set(["channel_gone", "no_permission", "archived", "dm_closed"]);

export interface RefresherDeps {
  repo: LiveVotesRepo;
  papers: Pick<PaperSource, "votes">;
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  pacerFor: (platform: Platform) => Pacer;
  /** True while this process has a delivery pass in progress: no refresh starts, a running one stops. */
  delivering: () => boolean;
  locks: LockService;
  log: Logger;
  now: () => Date;
  /** Between two refreshes, ms. */
  intervalMs: number;
}

export interface RefreshResult {
  edited: number;
  unchanged: number;
  /** Messages deleted (or their channel gone / closed to paperboy): no longer refreshed. */
  dropped: number;
  /** Left for the next interval (rate limit, outage, a delivery starting, shutdown, no fresh counts). */
  left: number;
}

export interface Refresher {
  start(): void;
  /** One refresh now (tests, the bench); resolves with what it did. A call during one waits for it. */
  runOnce(): Promise<RefreshResult>;
  stop(): Promise<void>;
}

/** The stored paper with the fresh counts overlaid (every other field, whoever added it, kept). */
export function withVotes(paper: Paper, votes: PaperVotes): Paper {
  return {
    ...paper,
    ...(votes.upvotes !== undefined ? { upvotes: votes.upvotes } : {}),
    ...(votes.numComments !== undefined ? { numComments: votes.numComments } : {}),
    ...(votes.githubStars !== undefined ? { githubStars: votes.githubStars } : {}),
  };
}

/** The card a live entry shows for `paper`: the same paperCard as the post, with the same options. */
export function liveCard(entry: LiveEntry, paper: Paper): OutgoingMessage {
  const card = paperCard(paper, { ...(entry.date ? { date: entry.date } : {}), ...(entry.saveButton ? { actions: [{ kind: "save", paperId: paper.id }] } : {}) });
  // The mark as posted (a weekly post records its period), so Slack's metadata stays what delivery reconciles by.
  return entry.date ? { ...card, ref: { paperId: paper.id, date: entry.date } } : card;
}

const listDateOf = (e: LiveEntry) => [e.date, e.paper.listDate].find((d) => d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d));

export function createRefresher(deps: RefresherDeps): Refresher {
  const log = deps.log.child({ component: "live-votes" });
  const abort = new AbortController();
  // Every edit waiting for its turn listens for shutdown; thousands of them are expected.
  setMaxListeners(0, abort.signal);
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<RefreshResult> | undefined;

  /** Fresh counts per list date, one source call each; a date that fails is left for the next interval. */
  const freshCounts = async (entries: LiveEntry[]) => {
    const byDate = new Map<string, Map<string, PaperVotes> | undefined>();
    for (const e of entries) {
      const date = listDateOf(e);
      if (!date || byDate.has(date)) continue;
      try {
        byDate.set(date, new Map((await deps.papers.votes!(date)).map((v) => [v.id, v])));
      } catch (err) {
        log.warn({ date, err: err instanceof Error ? err.message : String(err) }, "live votes: no fresh counts for a list; tried next interval");
        byDate.set(date, undefined);
      }
    }
    return (e: LiveEntry) => byDate.get(listDateOf(e) ?? "")?.get(e.paper.id);
  };

  const editChannel = async (edits: { entry: LiveEntry; paper: Paper; message: OutgoingMessage }[], lease: Lease, result: RefreshResult) => {
    for (const [i, { entry, paper, message }] of edits.entries()) {
      const adapter = deps.adapterFor(entry.platform);
      const pacer = deps.pacerFor(entry.platform);
      const stop = () => abort.signal.aborted || deps.delivering() || !lease.valid() || !adapter?.editPost || !adapter.isReady();
      if (stop()) return void (result.left += edits.length - i);
      try {
        await pacer.acquireEdit(entry.channelId, abort.signal);
        if (stop()) return void (result.left += edits.length - i);
        await adapter!.editPost!(entry.channelId, entry.messageId, message);
        pacer.editCompleted(entry.channelId);
      } catch (err) {
        pacer.editCompleted(entry.channelId);
        const reason = failureReasonOf(err);
        if (!abort.signal.aborted && GONE.has(reason)) {
          log.info({ platform: entry.platform, channel: entry.channelId, message: entry.messageId, reason }, "live votes: message no longer editable; stopped refreshing it");
          await deps.repo.drop(entry);
          result.dropped += 1;
          continue;
        }
        // A rate limit, an outage, a 5xx or shutdown: this channel waits for the next interval.
        return void (result.left += edits.length - i);
      }
      await deps.repo.shown({ ...entry, paper, shown: messageHash(message) });
      result.edited += 1;
    }
  };

  const refresh = async (): Promise<RefreshResult> => {
    const result: RefreshResult = { edited: 0, unchanged: 0, dropped: 0, left: 0 };
    if (!deps.papers.votes || deps.delivering()) return result;
    // One index read when nothing is live: the idle cost of a tick. A post starting meanwhile ends the refresh:
    // its CPU work (reading, rendering thousands of cards) must not slow the post down either.
    const entries = await deps.repo.live(deps.now().getTime(), { stop: deps.delivering });
    if (!entries || entries.length === 0) return result;
    const lease = await deps.locks.acquire(LEASE_KEY);
    if (!lease) return { ...result, left: entries.length };
    try {
      const countsOf = await freshCounts(entries);
      const byChannel = new Map<string, { entry: LiveEntry; paper: Paper; message: OutgoingMessage }[]>();
      for (const [i, entry] of entries.entries()) {
        if (i % RENDER_SLICE === RENDER_SLICE - 1) {
          await new Promise((r) => setImmediate(r));
          if (deps.delivering() || abort.signal.aborted) return { ...result, left: result.left + entries.length - i };
        }
        const votes = countsOf(entry);
        if (!votes) {
          result.left += 1;
          continue;
        }
        const paper = withVotes(entry.paper, votes);
        const message = liveCard(entry, paper);
        if (messageHash(message) === entry.shown) {
          result.unchanged += 1;
          continue;
        }
        const key = `${entry.platform}:${entry.channelId}`;
        const edits = byChannel.get(key) ?? [];
        edits.push({ entry, paper, message });
        byChannel.set(key, edits);
      }
      await Promise.all([...byChannel.values()].map((edits) => editChannel(edits, lease, result)));
    } finally {
      await lease.release().catch(() => undefined);
    }
    if (result.edited + result.dropped + result.left > 0) log.info({ ...result }, "live votes refreshed");
    return result;
  };

  const runOnce = (): Promise<RefreshResult> => {
    running ??= refresh()
      .catch((err: unknown) => {
        log.warn({ err: err instanceof Error ? err.message : String(err) }, "live votes: refresh failed; tried next interval");
        return { edited: 0, unchanged: 0, dropped: 0, left: 0 };
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    start() {
      if (timer || abort.signal.aborted) return;
      timer = setInterval(() => void runOnce(), deps.intervalMs);
      timer.unref();
    },
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      abort.abort();
      await running;
    },
  };
}
