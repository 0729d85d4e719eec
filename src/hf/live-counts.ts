// A single paper's comment count (and fresh upvotes) for its card. Hugging Face's paper detail has no numComments —
// only the daily list's entries do — so `/paper get` and "Post to channel" read the paper's list through the
// short-cached votes() path (the one live votes uses: one request per list date per few minutes). The UTC date of
// submittedOnDailyAt can be a day ahead of the New York list date, so the day before is tried too. Never fails.
import { addDays } from "../time/dates.js";
import type { Logger } from "../log.js";
import type { Paper } from "../paper.js";
import type { PaperSource } from "./source.js";

export async function withLiveCounts(source: Pick<PaperSource, "votes">, paper: Paper, log?: Logger): Promise<Paper> {
  if (paper.numComments !== undefined || !paper.listDate || !source.votes) return paper;
  for (const date of [paper.listDate, addDays(paper.listDate, -1)]) {
    try {
      const found = (await source.votes(date)).find((v) => v.id === paper.id);
      if (found) {
        return {
          ...paper,
          ...(found.numComments !== undefined ? { numComments: found.numComments } : {}),
          ...(found.upvotes !== undefined ? { upvotes: found.upvotes } : {}),
        };
      }
    } catch (err) {
      log?.debug({ err, paperId: paper.id, date }, "comment count not available; the card shows the discussion link alone");
      return paper;
    }
  }
  return paper;
}
