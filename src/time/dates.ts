// Which Daily Papers date is which. Hugging Face's list for date D fills up during D (America/New_York) and
// is final after 21:30 New York time on D (HF's own MCP server rolls its feed date at 21:30 ET, matching
// arXiv's 20:00 ET announcements). Dates are plain `YYYY-MM-DD` strings throughout paperboy. Nothing here
// depends on the process time zone: instants go in, New York calendar dates come out.
import { UserError } from "../errors.js";
import { localParts } from "./zoned-time.js";

export const LIST_TIME_ZONE = "America/New_York";
/** Minutes after local midnight at which date D's list closes. */
export const LIST_CLOSE_MINUTES = 21 * 60 + 30;

/** The calendar date and minute-of-day of `instant` in `timeZone`. */
export function localDateTime(instant: Date, timeZone: string): { date: string; minutes: number } {
  const { date, minutes } = localParts(instant.getTime(), timeZone);
  return { date, minutes };
}

/** `date` shifted by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** True once the list for `date` can no longer change (after 21:30 New York time on that date). */
export function isListClosed(date: string, now: Date): boolean {
  const ny = localDateTime(now, LIST_TIME_ZONE);
  if (date < ny.date) return true;
  return date === ny.date && ny.minutes >= LIST_CLOSE_MINUTES;
}

/** The most recent date whose list is closed (it may be empty: a weekend). */
export function latestClosedDate(now: Date): string {
  const ny = localDateTime(now, LIST_TIME_ZONE);
  return ny.minutes >= LIST_CLOSE_MINUTES ? ny.date : addDays(ny.date, -1);
}

/** The first date of the Hugging Face Daily Papers archive. */
export const ARCHIVE_START_DATE = "2023-05-04";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** True for a `YYYY-MM-DD` string naming a real calendar day (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** Day of the week of a `YYYY-MM-DD` date: 0 = Sunday … 6 = Saturday (like Date#getUTCDay). */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Saturday or Sunday: days whose Daily Papers list is usually empty. */
export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** A list date for people: `2025-09-08` → "Mon 8 Sep 2025". Independent of locale and process time zone. */
export function formatListDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function badDate(message: string): UserError {
  return new UserError("bad_date", message);
}

/**
 * Reads a list date typed by a user: `YYYY-MM-DD`, `today` or `yesterday` (New York calendar days, the
 * days Hugging Face files its lists under). Rejects impossible dates, dates after New York's today and
 * dates before the archive starts, with a UserError("bad_date") that says what would work.
 */
export function parseListDate(input: string, now: Date): string {
  const text = input.trim().toLowerCase();
  const nyToday = localDateTime(now, LIST_TIME_ZONE).date;
  const example = latestClosedDate(now);
  if (text === "today") return nyToday;
  if (text === "yesterday") return addDays(nyToday, -1);
  if (!isCalendarDate(text)) {
    // eslint-disable-next-line no-control-regex
    const shown = Array.from(input.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim()).slice(0, 40).join("");
    const what = shown === "" ? "that" : `"${shown}"`;
    throw badDate(`I can't read ${what} as a date. Use YYYY-MM-DD, like ${example}, or "today" or "yesterday".`);
  }
  if (text > nyToday) {
    throw badDate(`${text} hasn't happened yet in New York, where the lists are made. Try ${example}.`);
  }
  if (text < ARCHIVE_START_DATE) {
    throw badDate(`The Daily Papers archive starts on ${ARCHIVE_START_DATE}. Pick a date from then on, like ${example}.`);
  }
  return text;
}
