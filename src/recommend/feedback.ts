// "Not for me" feedback: one record per dismissed paper (`dismissed:PLATFORM:USER:PAPER` in the "feedback"
// namespace, with a snapshot of the paper so ranking needs no network) plus the per-user set of dismissed ids.
// Both writes are per item, so two processes dismissing different papers for one user never lose either.
import { z } from "zod";
import { paperSchema, type Paper } from "../paper.js";
import { problemOf, reportBadRecord } from "../store/records.js";
import type { BookmarkOwner, Store } from "../store/types.js";

export const FEEDBACK_NAMESPACE = "feedback";

const dismissalSchema = z.object({ paperId: z.string().min(1), dismissedAt: z.string(), paper: paperSchema });

export interface FeedbackRepo {
  /** Records that `owner` does not want papers like `paper`; true when it was new. */
  dismiss(owner: BookmarkOwner, paper: Paper): Promise<boolean>;
  /** The papers `owner` dismissed (snapshots), newest first. */
  dismissed(owner: BookmarkOwner): Promise<Paper[]>;
}

const setName = (owner: BookmarkOwner) => `dismissed:${owner.platform}:${owner.userId}`;
const itemKey = (owner: BookmarkOwner, paperId: string) => `${setName(owner)}:${paperId}`;

export function createFeedbackRepo(store: Store, now: () => Date = () => new Date()): FeedbackRepo {
  const keyv = store.namespace(FEEDBACK_NAMESPACE);
  return {
    async dismiss(owner, paper) {
      const record = { paperId: paper.id, dismissedAt: now().toISOString(), paper };
      // Record first, then the set: a reader only follows set members, so it never sees a member without a record.
      const isNew = await store.putIfAbsent(FEEDBACK_NAMESPACE, itemKey(owner, paper.id), record);
      await store.sets.add(setName(owner), paper.id);
      return isNew;
    },
    async dismissed(owner) {
      const ids = await store.sets.members(setName(owner));
      const found = await Promise.all(
        ids.map(async (id) => {
          const key = itemKey(owner, id);
          const value: unknown = await keyv.get(key);
          const parsed = dismissalSchema.safeParse(value);
          if (parsed.success) return [parsed.data];
          if (value !== undefined) reportBadRecord(store, FEEDBACK_NAMESPACE, key, problemOf(value, parsed.error));
          return [];
        }),
      );
      return found
        .flat()
        .sort((a, b) => b.dismissedAt.localeCompare(a.dismissedAt))
        .map((d) => d.paper);
    },
  };
}
