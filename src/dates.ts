// Which Daily Papers date is which. Hugging Face's list for date D fills up during D (America/New_York) and
// is final after 21:30 New York time on D (HF's own MCP server rolls its feed date at 21:30 ET, matching
// arXiv's 20:00 ET announcements). Dates are plain `YYYY-MM-DD` strings throughout paperboy.

export const LIST_TIME_ZONE = "America/New_York";
/** Minutes after local midnight at which date D's list closes. */
export const LIST_CLOSE_MINUTES = 21 * 60 + 30;

/** The calendar date and minute-of-day of `instant` in `timeZone`. */
export function localDateTime(instant: Date, timeZone: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
  };
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
