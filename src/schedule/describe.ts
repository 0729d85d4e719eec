// Words for people about a subscription: its settings in one line each, a slot time in the channel's own zone
// ("Fri 13 Jun, 09:00 CEST, in 5 h"), and its delivery status. Used by /paper subscribe, settings and status.
import { formatListDate } from "../time/dates.js";
import type { DeliveryState, Subscription } from "../store/subscriptions.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US names the zone's abbreviation where one is common (EDT, PST), else a GMT offset (GMT+2).
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `ms` as "Fri 13 Jun, 09:00 GMT+2" in `timeZone`. */
export function formatInZone(ms: number, timeZone: string): string {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "in 5 h", "in 12 min", "3 days ago". */
export function relative(ms: number, nowMs: number): string {
  const diff = ms - nowMs;
  const abs = Math.abs(diff);
  const amount =
    abs < 3_600_000
      ? `${Math.max(1, Math.round(abs / 60_000))} min`
      : abs < 2 * 86_400_000
        ? `${Math.round(abs / 3_600_000)} h`
        : `${Math.round(abs / 86_400_000)} days`;
  return diff >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** The filter settings, one short phrase each. */
export function describeFilters(sub: Subscription): string[] {
  const positives = sub.keywords.filter((k) => !k.startsWith("-"));
  const negatives = sub.keywords.filter((k) => k.startsWith("-")).map((k) => k.slice(1));
  const lines = [`Top ${sub.top} paper${sub.top === 1 ? "" : "s"} by upvotes`];
  if (sub.minUpvotes > 0) lines.push(`at least ${sub.minUpvotes} upvote${sub.minUpvotes === 1 ? "" : "s"}`);
  if (positives.length > 0) lines.push(`matching any of: ${positives.join(", ")}`);
  if (negatives.length > 0) lines.push(`never: ${negatives.join(", ")}`);
  if (sub.organizations.length > 0) lines.push(`from: ${sub.organizations.join(", ")}`);
  return lines;
}

export function describeWeekend(sub: Subscription): string {
  return sub.weekend === "monday"
    ? "Weekends: no posts on Saturday and Sunday; Monday rolls up Friday–Sunday"
    : "Weekends: posts only when there is a list with papers (empty days are skipped)";
}

/** Last delivery and trouble, in plain words (status and settings). */
export function describeState(sub: Subscription, state: DeliveryState, nowMs: number, giveUpDays: number): string[] {
  const lines: string[] = [];
  if (state.lastPostedAt && state.lastPostedDate) {
    lines.push(
      `Last post: the list of ${formatListDate(state.lastPostedDate)}, ${formatInZone(Date.parse(state.lastPostedAt), sub.timezone)} (${relative(Date.parse(state.lastPostedAt), nowMs)})`,
    );
  } else lines.push("Last post: none yet");
  if (state.gaveUpAt && state.gaveUpAt >= sub.activeFrom) {
    lines.push(`Stopped: delivery kept failing for ${giveUpDays} days. Run /paper subscribe here to start again.`);
  }
  if (state.failing) {
    lines.push(
      `Failing since ${formatInZone(Date.parse(state.failing.since), sub.timezone)} (${state.failing.count} attempt${state.failing.count === 1 ? "" : "s"}): ${state.failing.lastError}`,
    );
  }
  if (state.retry) {
    lines.push(`Retrying ${relative(Date.parse(state.retry.nextAt), nowMs)} (attempt ${state.retry.attempts + 1}): ${state.retry.reason}`);
  }
  return lines;
}

/** Live votes in plain words (settings, subscribe). */
export function describeLiveVotes(sub: Pick<Subscription, "refreshDays">, defaultDays: number): string {
  const days = sub.refreshDays ?? defaultDays;
  return days === 0
    ? "Live votes: off — posted counts stay as sent (refresh_days=0)"
    : `Live votes: upvotes, GitHub stars and comments on posts of the last ${days} day${days === 1 ? "" : "s"} are kept current (refresh_days=${days})`;
}
