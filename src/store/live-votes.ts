// Live votes: the paper messages whose counts (upvotes, GitHub stars, comments) are kept current by editing them.
// One record per message in the "live-votes" namespace (the paper as posted, the card's options, a hash of what the
// message shows now) and one member per message in a score index ordered by expiry, so a refresh reads the index
// once, expired entries leave it in order and the index stays bounded by the window. Each record is written by
// the delivery that posted it and afterwards only by the refresher holding the refresh lease: no shared blob, no
// read-modify-write across processes. Records also expire by TTL, so a crash between the two writes leaks nothing.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { OutgoingMessage } from "../message.js";
import { paperSchema, type Paper } from "../paper.js";
import { platformSchema } from "../platforms.js";
import type { PostedRef } from "../ports.js";
import { problemOf, reportBadRecord } from "./records.js";
import type { Store } from "./types.js";

export const LIVE_VOTES_NAMESPACE = "live-votes";
export const LIVE_VOTES_INDEX = "live-votes";
/** The window of a feed that says nothing (refresh_days absent), and of "Post to channel" messages. */
export const DEFAULT_REFRESH_DAYS = 3;
export const MAX_REFRESH_DAYS = 7;
const DAY_MS = 86_400_000;
/** Records read between two yields to the event loop (a post that starts meanwhile is not held up). */
const SLICE = 100;

export const liveEntrySchema = z.object({
  platform: platformSchema,
  channelId: z.string().min(1),
  messageId: z.string().min(1),
  /** The paper as last shown (the posted one with the counts of the last edit); every field is kept. */
  paper: paperSchema,
  /** The card's list date (paperCard's `date` option). */
  date: z.string().optional(),
  /** The card carried a Save button ("Post to channel"). */
  saveButton: z.boolean().optional(),
  /** sha256 of the message as shown: a refresh edits only when the new render differs. */
  shown: z.string(),
  /** Epoch ms after which the message is no longer refreshed. */
  expiresAt: z.number(),
});
export type LiveEntry = z.infer<typeof liveEntrySchema>;

/** What a refresh compares: the rendered message, not the counts, so a count the card does not show edits nothing. */
export function messageHash(message: OutgoingMessage): string {
  const { ref: _mark, ...shown } = message;
  return createHash("sha256").update(JSON.stringify(shown)).digest("base64url").slice(0, 22);
}

export interface LiveVotesRepo {
  /** Starts refreshing a posted paper message for `days` (0: not at all). Idempotent. */
  track(ref: PostedRef, card: { paper: Paper; date?: string; saveButton?: boolean }, message: OutgoingMessage, days: number, nowMs: number): Promise<void>;
  /**
   * Drops expired entries, then returns the live ones (at most `limit`), soonest expiry first. Reads in slices,
   * yielding to the event loop between them; when `stop()` turns true it returns undefined (a post started).
   */
  live(nowMs: number, options?: { limit?: number; stop?: () => boolean }): Promise<LiveEntry[] | undefined>;
  /** Records what the message shows after an edit. */
  shown(entry: LiveEntry): Promise<void>;
  /** Stops refreshing a message (deleted, channel gone, no access). */
  drop(entry: Pick<LiveEntry, "platform" | "channelId" | "messageId">): Promise<void>;
}

const memberOf = (e: Pick<LiveEntry, "platform" | "channelId" | "messageId">) => `${e.platform}|${e.channelId}|${e.messageId}`;

export function createLiveVotesRepo(store: Pick<Store, "namespace" | "index" | "log">): LiveVotesRepo {
  const keyv = store.namespace(LIVE_VOTES_NAMESPACE);
  // The record outlives its index entry by a day, so a refresh that reads the index never misses the record.
  const save = (entry: LiveEntry, nowMs: number) => keyv.set(memberOf(entry), liveEntrySchema.parse(entry), Math.max(1, entry.expiresAt - nowMs) + DAY_MS);
  const drop = async (member: string) => {
    await store.index.remove(LIVE_VOTES_INDEX, member);
    await keyv.delete(member);
  };

  return {
    async track(ref, card, message, days, nowMs) {
      // Counts are refreshed per list date: a paper with none (an arXiv fallback) has nothing to refresh from.
      const listed = [card.date, card.paper.listDate].some((d) => d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d));
      if (days <= 0 || !message.ref || !listed) return;
      const entry: LiveEntry = {
        platform: ref.platform,
        channelId: ref.channelId,
        messageId: ref.messageId,
        paper: card.paper,
        ...(card.date ? { date: card.date } : {}),
        ...(card.saveButton ? { saveButton: true } : {}),
        shown: messageHash(message),
        expiresAt: nowMs + Math.min(days, MAX_REFRESH_DAYS) * DAY_MS,
      };
      // Record first: an index member without its record is dropped by the next refresh, never the other way.
      await save(entry, nowMs);
      await store.index.put(LIVE_VOTES_INDEX, memberOf(entry), entry.expiresAt);
    },
    async live(nowMs, options = {}) {
      // One index read: soonest expiry first, so the expired ones lead and leave the index here.
      const all = await store.index.range(LIVE_VOTES_INDEX, { limit: options.limit ?? 50_000 });
      const found = all.filter((m) => m.score > nowMs);
      for (const gone of all.slice(0, all.length - found.length)) await drop(gone.member);
      const entries: LiveEntry[] = [];
      for (const [i, { member }] of found.entries()) {
        if (i % SLICE === SLICE - 1) {
          await new Promise((r) => setImmediate(r));
          if (options.stop?.()) return undefined;
        }
        const value: unknown = await keyv.get(member);
        const parsed = liveEntrySchema.safeParse(value);
        if (parsed.success) entries.push(parsed.data);
        else {
          if (value !== undefined && value !== null) reportBadRecord(store as Store, LIVE_VOTES_NAMESPACE, member, problemOf(value, parsed.error));
          await drop(member);
        }
      }
      return entries;
    },
    async shown(entry) {
      await save(entry, Date.now());
    },
    drop: (entry) => drop(memberOf(entry)),
  };
}
