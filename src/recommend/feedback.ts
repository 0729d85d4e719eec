// "Not for me" feedback: one record per dismissed paper (`dismissed:PLATFORM:USER:PAPER` in the "feedback"
// namespace, with a snapshot of the paper so ranking needs no network) plus the per-user set of dismissed ids.
// Both writes are per item, so two processes dismissing different papers for one user never lose either.
import { z } from "zod";
import { paperSchema, type Paper } from "../paper.js";
import { problemOf, reportBadRecord } from "../store/records.js";
import type { BookmarkOwner, Store } from "../store/types.js";

export const FEEDBACK_NAMESPACE = "feedback";

const dismissalSchema = z.object({ paperId: z.string().min(1), dismissedAt: z.string(), paper: paperSchema });
export type Dismissal = z.infer<typeof dismissalSchema>;

export interface FeedbackRepo {
  /** Records that `owner` does not want papers like `paper`; true when it was new. */
  dismiss(owner: BookmarkOwner, paper: Paper): Promise<boolean>;
  /** The papers `owner` dismissed (snapshots), newest first. */
  dismissed(owner: BookmarkOwner): Promise<Paper[]>;
  /** The records behind `dismissed`, newest first (what a link merges). */
  dismissals(owner: BookmarkOwner): Promise<Dismissal[]>;
  /** Adds a dismissal as it is (its date kept); an existing one for the same paper stays. */
  merge(owner: BookmarkOwner, dismissal: Dismissal): Promise<void>;
}

const setName = (owner: BookmarkOwner) => `dismissed:${owner.platform}:${owner.userId}`;
const itemKey = (owner: BookmarkOwner, paperId: string) => `${setName(owner)}:${paperId}`;

export function createFeedbackRepo(store: Store, now: () => Date = () => new Date()): FeedbackRepo {
  const keyv = store.namespace(FEEDBACK_NAMESPACE);
  const put = async (owner: BookmarkOwner, record: Dismissal) => {
    // Record first, then the set: a reader only follows set members, so it never sees a member without a record.
    const isNew = await store.putIfAbsent(FEEDBACK_NAMESPACE, itemKey(owner, record.paperId), record);
    await store.sets.add(setName(owner), record.paperId);
    return isNew;
  };
  const repo: FeedbackRepo = {
    dismiss: (owner, paper) => put(owner, { paperId: paper.id, dismissedAt: now().toISOString(), paper }),
    merge: async (owner, dismissal) => void (await put(owner, dismissal)),
    dismissed: async (owner) => (await repo.dismissals(owner)).map((d) => d.paper),
    async dismissals(owner) {
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
      return found.flat().sort((a, b) => b.dismissedAt.localeCompare(a.dismissedAt));
    },
  };
  return repo;
}
