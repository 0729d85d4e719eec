// What one slot of a weekly, monthly or trending feed posts (daily feeds: plan.ts). Weekly: the latest ISO week
// whose last list has closed, best by upvotes, from HF's week list (a W53 week, which HF rejects, is built from
// its daily lists); monthly likewise per month; trending: HF's trending ranking now, minus every paper this
// destination was ever sent. After downtime ONE post for the latest period, its header naming the missed ones.
import type { Paper } from "../paper.js";
import type { DeliveryState, Subscription } from "../store/subscriptions.js";
import { latestClosedDate } from "../time/dates.js";
import { localParts } from "../time/zoned-time.js";
import { isoWeekDates, latestClosedMonth, latestClosedWeek, monthDates, previousPeriod } from "../time/periods.js";
import { createPaperPredicate, selectPapers } from "./filters.js";
import type { ListCache } from "./list-cache.js";
import type { PlanOutcome } from "./plan.js";

/** Missed weeks/months named in a catch-up header, at most. */
const MAX_MISSED = 5;

/** The papers of a week or month merged from its daily lists, one per id. */
async function fromDays(dates: string[], lists: ListCache): Promise<Paper[]> {
  const seen = new Set<string>();
  return (await Promise.all(dates.map(lists))).flat().filter((p) => !seen.has(p.id) && Boolean(seen.add(p.id)));
}

/** A week's papers: HF's week list when HF has one for it (W01–W52), else the week's daily lists. */
export async function weekPapers(week: string, lists: ListCache): Promise<Paper[]> {
  if (lists.week && !week.endsWith("W53")) return lists.week(week);
  return fromDays(isoWeekDates(week), lists);
}

export async function monthPapers(month: string, lists: ListCache): Promise<Paper[]> {
  return lists.month ? lists.month(month) : fromDays(monthDates(month), lists);
}

/** The period key of a trending post: the feed's local day at the slot. */
export const trendingPeriod = (slotMs: number, timezone: string) => `trending:${localParts(slotMs, timezone).date}`;

/** HF's trending ranking, or (a source without one, like the bundled sample) the latest closed list. */
export async function trendingPapers(lists: ListCache, period: string, now: Date): Promise<Paper[]> {
  return lists.trending ? lists.trending(period) : lists(latestClosedDate(now));
}

/** Trending papers this destination may get: filtered, never sent before, in HF's order, at most top. */
export function pickTrending(papers: readonly Paper[], sub: Subscription, sentBefore: ReadonlySet<string>): Paper[] {
  const keep = createPaperPredicate(sub);
  const seen = new Set(sentBefore);
  return papers.filter((p) => !seen.has(p.id) && keep(p) && Boolean(seen.add(p.id))).slice(0, sub.top);
}

export interface FeedPlanInput {
  sub: Subscription;
  state: DeliveryState;
  slotMs: number;
  lists: ListCache;
  /** Papers this destination's trending feed was already sent. */
  sentBefore: () => Promise<ReadonlySet<string>>;
}

export async function planFeedPost({ sub, state, slotMs, lists, sentBefore }: FeedPlanInput): Promise<PlanOutcome> {
  if (sub.kind === "trending") {
    const period = trendingPeriod(slotMs, sub.timezone);
    if (state.lastDate && state.lastDate >= period) return { kind: "nothing", reason: "already-had", coveredDate: state.lastDate };
    const all = await trendingPapers(lists, period, new Date(slotMs));
    const papers = pickTrending(all, sub, await sentBefore());
    if (papers.length === 0) return { kind: "nothing", reason: "empty", coveredDate: period };
    return {
      kind: "post",
      plan: { postDate: period, dates: [period], missedDates: [], papers, totalBeforeFilter: all.length },
      coveredDate: period,
    };
  }
  const closed = latestClosedDate(new Date(slotMs));
  const weekly = sub.kind === "weekly";
  const period = weekly ? latestClosedWeek(closed) : latestClosedMonth(closed);
  if (state.lastDate && state.lastDate >= period) return { kind: "nothing", reason: "already-had", coveredDate: state.lastDate };
  const all = weekly ? await weekPapers(period, lists) : await monthPapers(period, lists);
  if (all.length === 0) return { kind: "nothing", reason: "empty", coveredDate: period };
  const missedDates: string[] = [];
  for (let p = previousPeriod(period); state.lastDate && p > state.lastDate && missedDates.length < MAX_MISSED; p = previousPeriod(p)) {
    missedDates.unshift(p);
  }
  // The header's range: the first and last lists of the period that had papers (Mon–Fri, usually).
  const days = weekly ? isoWeekDates(period) : monthDates(period);
  const listed = all.map((p) => p.listDate).filter((d): d is string => d !== undefined && days.includes(d)).sort();
  const range = { first: listed[0] ?? days[0]!, last: listed.at(-1) ?? days.at(-1)! };
  return {
    kind: "post",
    plan: {
      postDate: period,
      dates: [period],
      missedDates,
      papers: selectPapers(all, sub),
      totalBeforeFilter: all.length,
      range,
    },
    coveredDate: period,
  };
}
