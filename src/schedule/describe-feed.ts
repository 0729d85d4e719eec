// Feeds for people: what kind of post, on which schedule, and when the next one comes. Used by /paper
// subscribe, settings, digest and preview so every command says the same thing the same way.
import type { FeedKind, Subscription } from "../store/subscriptions.js";
import { nextSlotAfter } from "./slots.js";

/** Weekday names as typed in commands, 0 = Sunday (like Date#getUTCDay). */
export const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

export const FEED_LABELS: Record<FeedKind, string> = {
  daily: "the Hugging Face Daily Papers",
  weekly: "Best of the week",
  monthly: "Best of the month",
  trending: "Trending papers",
};

/** "every Monday at 09:00 (Europe/Berlin): the best of the week before". */
export function describeSchedule(sub: Subscription): string {
  const at = `at ${sub.time} (${sub.timezone})`;
  switch (sub.kind ?? "daily") {
    case "weekly":
      return `every ${capital(WEEKDAY_NAMES[sub.weekday ?? 1] ?? "monday")} ${at}: the most upvoted papers of the week before`;
    case "monthly":
      return `${at} on the 1st of each month (the 2nd or 3rd if the month's last list has not closed yet): the most upvoted papers of the month`;
    case "trending":
      return `every day ${at}: Hugging Face's trending papers that were never sent here before`;
    default:
      return `every day ${at}`;
  }
}

/** The next post's instant: the first slot after now (and after the feed was last (re)made). */
export function nextPostAt(sub: Subscription, nowMs: number): number {
  return nextSlotAfter(Math.max(nowMs, Date.parse(sub.activeFrom)), sub);
}
