// The newest Daily Papers list worth showing: the latest closed date with papers, looking back past empty days.
// Lives with the paper source (not in src/time/, which stays the lowest layer and knows no source).
import type { Paper } from "../paper.js";
import { addDays, ARCHIVE_START_DATE, latestClosedDate } from "../time/dates.js";
import { UserError } from "../errors.js";
import type { PaperSource } from "./source.js";

/**
 * The latest closed list that has papers, looking back past empty lists (weekends, holidays) at most
 * `maxLookbackDays` days before the latest closed date. When every list in that window is empty, the latest
 * closed date is returned with no papers. Upstream errors propagate.
 */
export async function latestClosedDateWithPapers(
  now: Date,
  source: PaperSource,
  maxLookbackDays = 7,
): Promise<{ date: string; papers: Paper[] }> {
  const latest = latestClosedDate(now);
  for (let back = 0; back <= maxLookbackDays; back++) {
    const date = addDays(latest, -back);
    if (date < ARCHIVE_START_DATE) break;
    const papers = await source.daily(date);
    if (papers.length > 0) return { date, papers };
  }
  return { date: latest, papers: [] };
}

/** Hugging Face's trending list right now, or a plain answer when this paper source has none. */
export async function trendingList(source: PaperSource): Promise<Paper[]> {
  if (!source.trending) throw new UserError("no_trending", "Trending papers aren't available here. Try /paper today for the latest daily list.");
  return source.trending();
}
