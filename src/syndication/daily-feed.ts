// The public daily feed: the latest closed Daily Papers lists that have papers, each cut by the query's filters
// exactly as a channel subscription would cut it. Only CLOSED dates are read, through the same PaperSource the
// delivery path uses, whose store cache keeps closed lists for 30 days: a feed poll costs Hugging Face nothing
// after the first fetch of each date, however many readers poll.
import { paperUrl } from "../format/paper-card.js";
import type { PaperSource } from "../hf/source.js";
import { selectPapers, type PaperFilter } from "../schedule/filters.js";
import { ARCHIVE_START_DATE, LIST_CLOSE_MINUTES, LIST_TIME_ZONE, addDays, latestClosedDate } from "../time/dates.js";
import { zonedInstant } from "../time/zoned-time.js";
import { FEED_MAX_TOP } from "./feed-query.js";
import type { FeedDocument, FeedEntry } from "./render-feed.js";

/** Lists with papers a daily feed carries: about a working week. */
export const DAILY_FEED_LISTS = 5;
/** How far back from the latest closed date the feed looks for them (holidays, long weekends). */
export const DAILY_FEED_LOOKBACK_DAYS = 14;

export interface DailyFeedDeps {
  papers: PaperSource;
  now: () => Date;
}

/** When date D's list closed: the instant its entries became final. */
export function listClosedAt(date: string): Date {
  return new Date(zonedInstant(date, LIST_CLOSE_MINUTES, LIST_TIME_ZONE));
}

/** The newest closed lists with papers, newest first, at most DAILY_FEED_LISTS. */
async function latestLists(deps: DailyFeedDeps): Promise<{ date: string; papers: FeedEntry["paper"][] }[]> {
  const latest = latestClosedDate(deps.now());
  const lists: { date: string; papers: FeedEntry["paper"][] }[] = [];
  for (let back = 0; back <= DAILY_FEED_LOOKBACK_DAYS && lists.length < DAILY_FEED_LISTS; back++) {
    const date = addDays(latest, -back);
    if (date < ARCHIVE_START_DATE) break;
    const papers = await deps.papers.daily(date);
    if (papers.length > 0) lists.push({ date, papers });
  }
  return lists;
}

/** The filters in words, for the feed's description. */
function describeFilter(filter: PaperFilter): string {
  const positives = filter.keywords.filter((k) => !k.startsWith("-"));
  const negatives = filter.keywords.filter((k) => k.startsWith("-")).map((k) => k.slice(1));
  const parts = [Number.isFinite(filter.top) && filter.top < FEED_MAX_TOP ? `Top ${filter.top} per list` : "Every paper"];
  if (filter.minUpvotes > 0) parts.push(`at least ${filter.minUpvotes} upvotes`);
  if (positives.length > 0) parts.push(`matching any of: ${positives.join(", ")}`);
  if (negatives.length > 0) parts.push(`never: ${negatives.join(", ")}`);
  if (filter.organizations.length > 0) parts.push(`from: ${filter.organizations.join(", ")}`);
  return parts.join("; ");
}

/** What `/feeds/daily.*` shows for these filters; selfUrl is the URL the reader asked for. */
export async function buildDailyFeed(filter: PaperFilter, selfUrl: string, deps: DailyFeedDeps): Promise<FeedDocument> {
  const lists = await latestLists(deps);
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  for (const { date, papers } of lists) {
    for (const paper of selectPapers(papers, filter)) {
      // One entry per paper (ids must be unique in a feed): the newest list it was on wins.
      const id = paperUrl(paper);
      if (seen.has(id)) continue;
      seen.add(id);
      entries.push({ paper, listDate: date, published: new Date(`${date}T00:00:00Z`) });
    }
  }
  const newest = lists[0]?.date ?? latestClosedDate(deps.now());
  return {
    title: "Hugging Face Daily Papers",
    description: `The latest closed Hugging Face Daily Papers lists, served by paperboy. ${describeFilter(filter)}.`,
    selfUrl,
    homeUrl: "https://huggingface.co/papers",
    updated: listClosedAt(newest),
    entries,
  };
}
