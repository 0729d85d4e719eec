// The follow-alert pass, run from the scheduler's tick. For each daily list that closed since the last pass (at
// most CATCH_UP_DAYS back after downtime), it fetches the list once, matches every follower's follows against
// it and sends ONE DM per person per list. Exactly-once rests on the store, never on timing: one process at a
// time holds the pass lease, and each (person, list) is claimed with an atomic put-if-absent BEFORE the send
// (send-alert.ts: intent → send → sent, reconciled from the DM's history after a crash or an unanswered send).
// A list stays the cursor's next one while some alert of it is still owed (rate limited, outcome pending).
import { followAlert } from "../format/follow-alert.js";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { ChatAdapter, Platform } from "../ports.js";
import { createLockService, createStoreLockBackend, type Lease } from "../store/lock.js";
import type { Store } from "../store/types.js";
import { addDays, isListClosed, latestClosedDate } from "../time/dates.js";
import { ALERTS_NAMESPACE, type DmClosedNotices } from "../store/dm-closed.js";
import type { Follow, Follower, FollowRepo } from "../store/follows.js";
import type { Paper } from "../paper.js";
import { matchFollows } from "./match.js";
import { sendAlert, type AlertOutcome } from "./send-alert.js";

export type { AlertOutcome } from "./send-alert.js";

/** After downtime, only the lists of the last this-many days are alerted (one DM per missed list), never older ones. */
export const CATCH_UP_DAYS = 4;
const CURSOR_KEY = "cursor";
const PASS_LEASE = "alerts:pass";


export interface AlertJobConfig {
  store: Store;
  follows: FollowRepo;
  notices: DmClosedNotices;
  papers: PaperSource;
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  log: Logger;
  now: () => Date;
  /** Pass lease length (ms, default 60 s; renewed while the pass runs). */
  leaseTtlMs?: number;
}

export interface AlertPassResult {
  /** Dates whose lists were processed (and will not be again). */
  dates: string[];
  outcomes: Record<AlertOutcome, number>;
}

const emptyOutcomes = (): Record<AlertOutcome, number> => ({
  sent: 0, reconciled: 0, already: 0, pending: 0, dm_closed: 0, unknown: 0, failed: 0, retry: 0,
});

export interface AlertJob {
  /** One pass; resolves to undefined when another pass (here or in another process) is running. */
  run(): Promise<AlertPassResult | undefined>;
  /** Stops between two DMs (the claims stay consistent) and waits for a running pass to end. */
  stop(): Promise<void>;
}


export function createAlertJob(cfg: AlertJobConfig): AlertJob {
  const keyv = cfg.store.namespace(ALERTS_NAMESPACE);
  const log = cfg.log.child({ component: "alerts" });
  const locks = createLockService({ backend: createStoreLockBackend(cfg.store), ttlMs: cfg.leaseTtlMs ?? 60_000 });
  let current: Promise<AlertPassResult | undefined> | undefined;
  let stopped = false;

  /** The alert `who` gets for `date`, when their follows (made before the list closed) match anything. */
  async function deliver(who: Follower, adapter: ChatAdapter, date: string, follows: Follow[], papers: Paper[]): Promise<AlertOutcome | undefined> {
    const eligible = follows.filter((f) => !isListClosed(date, new Date(f.createdAt)));
    const matches = matchFollows(papers, eligible);
    if (matches.length === 0 || !adapter.sendDirect) return undefined;
    return sendAlert({ store: cfg.store, notices: cfg.notices, log, now: cfg.now }, who, adapter, date, followAlert(date, matches));
  }

  async function pass(lease: Lease): Promise<AlertPassResult> {
    const result: AlertPassResult = { dates: [], outcomes: emptyOutcomes() };
    const latest = latestClosedDate(cfg.now());
    const cursor: unknown = await keyv.get(CURSOR_KEY);
    const oldest = addDays(latest, -(CATCH_UP_DAYS - 1));
    let date = typeof cursor === "string" && cursor >= oldest ? addDays(cursor, 1) : oldest;
    if (date > latest) return result;
    const followers = await cfg.follows.followers();
    const followsOf = new Map<string, Follow[]>();
    for (; date <= latest; date = addDays(date, 1)) {
      const papers = followers.length > 0 ? await cfg.papers.daily(date) : [];
      let holdCursor = false;
      for (const who of papers.length > 0 ? followers : []) {
        // Stopping, or the pass lease lost (another process may be passing now): leave the rest to the next pass.
        if (stopped || !lease.valid()) return result;
        const adapter = cfg.adapterFor(who.platform);
        if (!adapter) continue;
        if (!adapter.isReady()) {
          holdCursor = true;
          continue;
        }
        const id = `${who.platform}:${who.userId}`;
        const follows = followsOf.get(id) ?? (await cfg.follows.list(who));
        followsOf.set(id, follows);
        const outcome = await deliver(who, adapter, date, follows, papers);
        if (outcome) result.outcomes[outcome] += 1;
        if (outcome === "retry" || outcome === "pending") holdCursor = true;
      }
      // Kept back while some alert of this list is still owed: the next tick tries again (the claims make it safe).
      if (holdCursor) break;
      await keyv.set(CURSOR_KEY, date);
      result.dates.push(date);
    }
    return result;
  }

  return {
    run() {
      if (current || stopped) return Promise.resolve(undefined);
      current = (async () => {
        // The usual tick: nothing newly closed. One read, no lease taken.
        const cursor: unknown = await keyv.get(CURSOR_KEY);
        if (typeof cursor === "string" && cursor >= latestClosedDate(cfg.now())) return { dates: [], outcomes: emptyOutcomes() };
        const lease = await locks.acquire(PASS_LEASE);
        if (!lease) return undefined;
        try {
          return await pass(lease);
        } finally {
          await lease.release();
        }
      })().finally(() => {
        current = undefined;
      });
      return current;
    },
    async stop() {
      stopped = true;
      await current?.catch(() => undefined);
    },
  };
}
