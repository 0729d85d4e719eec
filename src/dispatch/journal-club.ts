// Journal club: when K distinct people (the channel's threshold, default 3, 0 = off) have 🔖'd the same paper in a
// channel, paperboy opens a discussion on that paper message, once per paper per channel — across restarts and
// instances. The steps: claim the paper's lease (atomic, expiring) → re-read the record under it → write "pending"
// (which message, how many savers; indexed for the sweep) → adapter.openDiscussion (idempotent on the platform:
// it finds its own thread/message after a crash) → write "done". A crash after the claim leaves an expiring lease
// and a pending record: the next 🔖 or the scheduler's sweep takes it over and finishes on the same message. A
// platform refusal a human must fix (no permission, channel gone, archived) is recorded as failed, logged once,
// and tried again only on a 🔖 after FAILED_RETRY_MS; anything else stays pending for the next 🔖 or sweep, for up to
// PENDING_GIVE_UP_MS after the first claim.
import { randomUUID } from "node:crypto";
import { UpstreamError, failureReasonOf } from "../errors.js";
import { clubMessage, discussionTitle } from "../format/club.js";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Paper } from "../paper.js";
import type { ChatAdapter, Platform } from "../ports.js";
import type { LeaseOps } from "../store/backend.js";
import { clubLeaseKey, type ClubKey, type ClubRecord, type ClubRepo } from "../store/club.js";

/** How long a claim holds before another process may take it over (a crashed opener), ms. */
export const CLUB_CLAIM_TTL_MS = 60_000;
/** How long a refused discussion waits before a new 🔖 tries again (someone may have granted the permission). */
export const FAILED_RETRY_MS = 6 * 60 * 60 * 1000;
/** A pending discussion that keeps failing (5xx, rate limits) is given up this long after its first claim. */
export const PENDING_GIVE_UP_MS = 24 * 60 * 60 * 1000;
/** Pending discussions finished per sweep. */
const SWEEP_BATCH = 20;

export interface JournalClub {
  /** Each channel's threshold K (/paper club reads and changes it). */
  readonly settings: Pick<ClubRepo, "threshold" | "setting" | "setThreshold">;
  /** A person 🔖'd the paper shown by `messageId` (a recorded paper post). Never throws. */
  saved(key: ClubKey, messageId: string, userId: string, paper?: Paper): Promise<void>;
  /** A person took their 🔖 back: they no longer count. Never throws. */
  unsaved(key: ClubKey, userId: string): Promise<void>;
  /** Finishes pending discussions whose claim has expired (the scheduler runs it on every tick); how many it tried. */
  sweep(): Promise<number>;
}

export interface JournalClubConfig {
  repo: ClubRepo;
  leases: LeaseOps;
  papers: PaperSource;
  adapterFor: (platform: Platform) => ChatAdapter | undefined;
  log: Logger;
  now: () => Date;
  /**
   * The channel a thread or forum post belongs to (Discord thread/forum posting modes post papers inside threads):
   * a thread without its own /paper club setting follows its parent channel's or forum's. Absent: no parents.
   */
  parentOf?: (platform: Platform, channelId: string) => Promise<string | undefined>;
  /** Claim length (tests shorten it to simulate a crashed opener); default CLUB_CLAIM_TTL_MS. */
  claimTtlMs?: number;
  /** This process's lease owner id; default a random one. */
  owner?: string;
}

export function createJournalClub(cfg: JournalClubConfig): JournalClub {
  const { repo, leases, log } = cfg;
  const owner = cfg.owner ?? `club-${randomUUID()}`;
  const ttl = cfg.claimTtlMs ?? CLUB_CLAIM_TTL_MS;
  const nowMs = () => cfg.now().getTime();
  // Claims expire on the store's clock (leases use the wall clock), so the sweep's due times do too.
  const wallMs = () => Date.now();

  /** Whether the record leaves nothing to do now. */
  const settled = (rec: ClubRecord | undefined) =>
    rec?.state === "done" || (rec?.state === "failed" && nowMs() - Date.parse(rec.at) < FAILED_RETRY_MS);

  async function paperOf(paperId: string, known?: Paper): Promise<Paper> {
    if (known) return known;
    try {
      return await cfg.papers.paper(paperId);
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      return { id: paperId, title: `arXiv ${paperId}`, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf" };
    }
  }

  /** One attempt to open (or finish opening) the discussion; `candidate` is where a new claim opens it. */
  async function attempt(key: ClubKey, candidate?: { messageId: string; savers: number; paper?: Paper }): Promise<void> {
    const adapter = cfg.adapterFor(key.platform);
    if (!adapter?.openDiscussion) return;
    if (settled(await repo.record(key))) return;
    const leaseKey = clubLeaseKey(key);
    // Someone else holds the claim: they finish, or their claim expires and a later 🔖 or the sweep does.
    if (!(await leases.tryAcquire(leaseKey, owner, ttl))) return;
    // A slow platform (rate-limit waits) must not let the claim lapse mid-open and another process take it over.
    const renewal = setInterval(() => void leases.renew(leaseKey, owner, ttl).catch(() => undefined), Math.max(1, Math.floor(ttl / 3)));
    renewal.unref();
    let pending: ClubRecord | undefined;
    try {
      const rec = await repo.record(key);
      if (settled(rec)) return;
      // A claim that was already made keeps its message: a thread may exist there already.
      const messageId = rec?.state === "pending" ? rec.messageId : candidate?.messageId;
      if (!messageId) return;
      const savers = Math.max(candidate?.savers ?? 0, rec?.savers ?? 0);
      const at = cfg.now().toISOString();
      const since = rec?.state === "pending" ? (rec.since ?? rec.at) : at;
      pending = { state: "pending", messageId, savers, at, since };
      if (nowMs() - Date.parse(since) > PENDING_GIVE_UP_MS) {
        await repo.write(key, { state: "failed", messageId, savers, at, reason: "transient" });
        log.warn({ ...key, messageId, since }, "journal club: still failing a day after the claim; not retrying for a while");
        return;
      }
      await repo.write(key, pending, wallMs() + ttl);
      const paper = await paperOf(key.paperId, candidate?.paper);
      const ref = await adapter.openDiscussion(key.channelId, messageId, clubMessage(paper, savers), {
        title: discussionTitle(paper),
        paperId: key.paperId,
      });
      await repo.write(key, { state: "done", messageId, savers, at: cfg.now().toISOString(), threadId: ref.threadId });
      log.info({ ...key, messageId, savers, threadId: ref.threadId, created: ref.created }, "journal club: discussion opened");
    } catch (err) {
      const reason = failureReasonOf(err);
      if (pending && err instanceof UpstreamError && err.permanent && reason !== "auth") {
        // Logged once per refusal: the record stops every retry until the cool-down is over.
        await repo.write(key, { ...pending, state: "failed", reason, at: cfg.now().toISOString() }).catch(() => undefined);
        log.warn({ ...key, messageId: pending.messageId, reason }, "journal club: the platform refused the discussion; not retrying for a while");
      } else {
        log.warn({ err, ...key, reason }, "journal club: could not open the discussion yet; a later 🔖 or the sweep retries");
      }
    } finally {
      clearInterval(renewal);
      await leases.release(leaseKey, owner).catch(() => undefined);
    }
  }

  /** The channel's own threshold, else (a thread with no setting of its own) its parent's. */
  async function thresholdFor(platform: Platform, channelId: string): Promise<number> {
    if (cfg.parentOf && !(await repo.setting(platform, channelId))) {
      const parent = await cfg.parentOf(platform, channelId).catch(() => undefined);
      if (parent) return repo.threshold(platform, parent);
    }
    return repo.threshold(platform, channelId);
  }

  return {
    settings: repo,
    async saved(key, messageId, userId, paper) {
      try {
        const savers = await repo.addSaver(key, userId);
        const threshold = await thresholdFor(key.platform, key.channelId);
        if (threshold === 0 || savers < threshold) return;
        await attempt(key, { messageId, savers, ...(paper ? { paper } : {}) });
      } catch (err) {
        log.error({ err, ...key, messageId, userId }, "journal club: could not count the 🔖");
      }
    },
    async unsaved(key, userId) {
      try {
        await repo.removeSaver(key, userId);
      } catch (err) {
        log.error({ err, ...key, userId }, "journal club: could not uncount the 🔖");
      }
    },
    async sweep() {
      // Entries of platforms this process does not run (a Slack-only instance) are left to the others.
      const due = (await repo.due(wallMs(), SWEEP_BATCH * 5)).filter((k) => cfg.adapterFor(k.platform)?.openDiscussion).slice(0, SWEEP_BATCH);
      for (const key of due) {
        const rec = await repo.record(key);
        // Index entries outlive their record only after a crash between the two writes: drop them.
        if (rec?.state === "pending") await attempt(key);
        else await repo.unindex(key);
      }
      return due.length;
    },
  };
}
