// The delivery ledger ("deliveries" namespace): what a daily post to one channel consists of (the run, fixed when
// first planned so a resumed post shows the same papers), and per message an intent written BEFORE sending and
// the platform's message id written after. A restart resumes from it: sent items are skipped, items with only
// an intent are reconciled against the platform before being sent again. Records expire after 45 days.
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import { paperSchema } from "../paper.js";
import type { Platform } from "../ports.js";
import { recordReader } from "./records.js";
import { feedKindSchema, postingModeSchema } from "./subscriptions.js";
import type { Store } from "./types.js";

export const DELIVERIES_NAMESPACE = "deliveries";
const TTL_MS = 45 * 86_400_000;

export const deliveryRunSchema = z.object({
  platform: platformSchema,
  channelId: z.string().min(1),
  /**
   * The period this post is for (the key of the run): a list date (daily), `2026-W48`, `2026-11` or
   * `trending:2026-12-05`, so the ledger is keyed by feed (destination + kind) and period.
   */
  postDate: z.string(),
  /** The feed kind; absent (runs of earlier versions) means daily. */
  kind: feedKindSchema.optional(),
  /** A weekly or monthly post: the first and last list dates it covers (for its header). */
  range: z.object({ first: z.string(), last: z.string() }).optional(),
  /** Every list date whose papers are merged in (more than one for a weekend roll-up). */
  dates: z.array(z.string()).min(1),
  /** Dates with papers the channel missed while paperboy was down, named in the header. */
  missedDates: z.array(z.string()),
  /** The papers, in posting order, exactly as planned. */
  papers: z.array(paperSchema),
  /** Papers on the merged lists before the channel's filters (shown in the header). */
  totalBeforeFilter: z.number().int().min(0),
  createdAt: z.string(),
  doneAt: z.string().optional(),
  /** The feed's posting mode when planned (a resumed post keeps it); absent means messages. */
  mode: postingModeSchema.optional(),
});
export type DeliveryRun = z.infer<typeof deliveryRunSchema>;

export const ledgerItemSchema = z.object({
  state: z.enum(["intent", "sent"]),
  /** When the intent was (last) written. */
  at: z.string(),
  attempts: z.number().int().min(1),
  messageId: z.string().optional(),
  /** Where the message is when that is not the run's channel (posting modes: a Discord thread or forum post). */
  channelId: z.string().optional(),
});
export type LedgerItem = z.infer<typeof ledgerItemSchema>;

export interface RunKey {
  platform: Platform;
  channelId: string;
  postDate: string;
}

export interface DeliveryLedger {
  getRun(key: RunKey): Promise<DeliveryRun | undefined>;
  saveRun(run: DeliveryRun): Promise<void>;
  getItem(key: RunKey, item: string): Promise<LedgerItem | undefined>;
  /** Records that `item` is about to be sent (or sent again). */
  markIntent(key: RunKey, item: string, previous?: LedgerItem): Promise<void>;
  /** `channelId`: where the message landed, when not in the run's channel (a Discord thread or forum post). */
  markSent(key: RunKey, item: string, messageId: string, attempts?: number, channelId?: string): Promise<void>;
}

const runKey = (k: RunKey) => `run:${k.platform}:${k.channelId}:${k.postDate}`;
const itemKey = (k: RunKey, item: string) => `item:${k.platform}:${k.channelId}:${k.postDate}:${item}`;

export function createDeliveryLedger(store: Store, now: () => Date = () => new Date()): DeliveryLedger {
  const keyv = store.namespace(DELIVERIES_NAMESPACE);

  const read = recordReader(store, DELIVERIES_NAMESPACE, keyv);

  return {
    getRun: (key) => read(runKey(key), deliveryRunSchema),
    async saveRun(run) {
      await keyv.set(runKey(run), deliveryRunSchema.parse(run), TTL_MS);
    },
    getItem: (key, item) => read(itemKey(key, item), ledgerItemSchema),
    async markIntent(key, item, previous) {
      const record: LedgerItem = { state: "intent", at: now().toISOString(), attempts: (previous?.attempts ?? 0) + 1 };
      await keyv.set(itemKey(key, item), record, TTL_MS);
    },
    async markSent(key, item, messageId, attempts = 1, channelId) {
      const elsewhere = channelId !== undefined && channelId !== key.channelId ? { channelId } : {};
      const record: LedgerItem = { state: "sent", at: now().toISOString(), attempts, messageId, ...elsewhere };
      await keyv.set(itemKey(key, item), record, TTL_MS);
    },
  };
}
