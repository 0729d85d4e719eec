// Calendar periods of the feeds: ISO weeks (`2026-W48`, Monday–Sunday, week 1 holds the year's first
// Thursday, so 2026 has a week 53: 28 Dec 2026 – 3 Jan 2027) and months (`2026-11`), with the latest period
// whose every daily list has closed. Pure string/UTC arithmetic like dates.ts, independent of the process zone.
import { addDays, weekday } from "./dates.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const pad = (n: number) => String(n).padStart(2, "0");

/** The Monday of the ISO week holding `date`. */
export function isoWeekStart(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** `2026-W48` for a date in that ISO week. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(isoWeekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(isoWeekStart(`${year}-01-04`), 3);
  const week = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${pad(week)}`;
}

/** The seven dates (Monday first) of an ISO week like `2026-W53`. */
export function isoWeekDates(week: string): string[] {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const monday = addDays(isoWeekStart(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The number of an ISO week (48 for `2026-W48`). */
export const isoWeekNumber = (week: string) => Number(week.slice(6));

/** `2026-11` for a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every date of a month like `2026-11`. */
export function monthDates(month: string): string[] {
  const dates: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** "November 2026"-style short label: "Nov 2026". */
export function formatMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "24–28 Nov 2026", "28 Dec 2026 – 3 Jan 2027": a date range for people. */
export function formatDateRange(first: string, last: string): string {
  const day = (d: string) => Number(d.slice(8, 10));
  const mon = (d: string) => MONTHS[Number(d.slice(5, 7)) - 1];
  if (first === last) return `${day(first)} ${mon(first)} ${first.slice(0, 4)}`;
  if (first.slice(0, 7) === last.slice(0, 7)) return `${day(first)}–${day(last)} ${mon(last)} ${last.slice(0, 4)}`;
  if (first.slice(0, 4) === last.slice(0, 4)) return `${day(first)} ${mon(first)} – ${day(last)} ${mon(last)} ${last.slice(0, 4)}`;
  return `${day(first)} ${mon(first)} ${first.slice(0, 4)} – ${day(last)} ${mon(last)} ${last.slice(0, 4)}`;
}

/** The latest ISO week whose last list (its Sunday) is closed when `closedDate` is the latest closed list date. */
export function latestClosedWeek(closedDate: string): string {
  return weekday(closedDate) === 0 ? isoWeekOf(closedDate) : isoWeekOf(addDays(isoWeekStart(closedDate), -1));
}

/** The latest month whose last list is closed, given the latest closed list date. */
export function latestClosedMonth(closedDate: string): string {
  return monthOf(addDays(closedDate, 1)) !== monthOf(closedDate) ? monthOf(closedDate) : monthOf(addDays(`${monthOf(closedDate)}-01`, -1));
}

/** The period before `period` of the same shape (week or month). */
export function previousPeriod(period: string): string {
  if (/W\d{2}$/.test(period)) return isoWeekOf(addDays(isoWeekDates(period)[0]!, -1));
  return monthOf(addDays(`${period}-01`, -1));
}
