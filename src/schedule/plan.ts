// What one slot of one channel posts. The latest closed list with papers that the channel has not had yet;
// empty days follow the weekend policy ("skip": nothing is posted for them; "monday": Friday–Sunday lists are
// merged into one roll-up); after downtime, ONE post for the latest list whose header names the missed dates.
// Pure apart from `lists`, which the delivery pass shares between channels (one fetch per date).
import { addDays, isWeekend, weekday } from "../time/dates.js";
import type { Paper } from "../paper.js";
import type { DeliveryState, Subscription } from "../store/subscriptions.js";
import { selectPapers } from "./filters.js";

/** How far back a post looks for lists the channel has not had. */
export const LOOKBACK_DAYS = 7;

export type ListSource = (date: string) => Promise<Paper[]>;

export interface PostPlan {
  /** The date the post is for (its header's date). */
  postDate: string;
  /** The dates merged (one, or a weekend roll-up). */
  dates: string[];
  missedDates: string[];
  papers: Paper[];
  /** Papers on the merged lists before this channel's filters. */
  totalBeforeFilter: number;
  /** Weekly and monthly posts: the first and last list dates covered. */
  range?: { first: string; last: string };
}

export type PlanOutcome =
  | { kind: "post"; plan: PostPlan; coveredDate: string }
  | { kind: "nothing"; reason: "already-had" | "empty"; coveredDate: string };

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The Friday on or before a Friday/Saturday/Sunday date. */
function weekendStart(date: string): string {
  return addDays(date, -((weekday(date) + 2) % 7));
}

/** The post for a scheduled slot, given the latest closed date at that slot. */
export async function planScheduledPost(
  sub: Subscription,
  state: DeliveryState,
  closedDate: string,
  lists: ListSource,
): Promise<PlanOutcome> {
  if (state.lastDate && state.lastDate >= closedDate) {
    return { kind: "nothing", reason: "already-had", coveredDate: state.lastDate };
  }
  const windowStart = state.lastDate
    ? maxDate(addDays(state.lastDate, 1), addDays(closedDate, -LOOKBACK_DAYS))
    : addDays(closedDate, -LOOKBACK_DAYS);

  let latest: string | undefined;
  for (let d = closedDate; d >= windowStart; d = addDays(d, -1)) {
    if ((await lists(d)).length > 0) {
      latest = d;
      break;
    }
  }
  if (!latest) return { kind: "nothing", reason: "empty", coveredDate: closedDate };

  const dates = [latest];
  if (sub.weekend === "monday" && (isWeekend(latest) || weekday(latest) === 5)) {
    for (let d = addDays(latest, -1); d >= maxDate(weekendStart(latest), windowStart); d = addDays(d, -1)) {
      if ((await lists(d)).length > 0) dates.unshift(d);
    }
  }

  // A channel that never had a post has missed nothing; otherwise name the lists with papers it skipped.
  const missedDates: string[] = [];
  if (state.lastDate) {
    for (let d = windowStart; d < (dates[0] ?? latest); d = addDays(d, 1)) {
      if ((await lists(d)).length > 0) missedDates.push(d);
    }
  }

  const merged = (await Promise.all(dates.map(lists))).flat();
  // Nothing matching the filters still posts the header ("none of the 40 papers match"), so the channel knows.
  const papers = selectPapers(merged, sub);
  return {
    kind: "post",
    plan: { postDate: latest, dates, missedDates, papers, totalBeforeFilter: merged.length },
    coveredDate: closedDate,
  };
}

/** The post for an explicit date (`npm run deliver -- --date D`): that list only, filtered. */
export async function planDatedPost(sub: Subscription, date: string, lists: ListSource): Promise<PlanOutcome> {
  const list = await lists(date);
  if (list.length === 0) return { kind: "nothing", reason: "empty", coveredDate: date };
  const papers = selectPapers(list, sub);
  return {
    kind: "post",
    plan: { postDate: date, dates: [date], missedDates: [], papers, totalBeforeFilter: list.length },
    coveredDate: date,
  };
}
