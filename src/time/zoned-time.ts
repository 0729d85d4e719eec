// Wall-clock time in IANA zones without a date library: local date/time ↔ instant, via Intl. The one place
// DST rules live for scheduling: a skipped local time (spring forward) moves to the first instant after the
// gap, an ambiguous one (fall back) resolves to its first occurrence — what people expect from an alarm clock.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. `Europe/Berlin`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (`YYYY-MM-DD`) and minute of day of `instantMs` in `timeZone`. */
export function localParts(instantMs: number, timeZone: string): { date: string; minutes: number; seconds: number } {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    minutes: Number(get("hour")) * 60 + Number(get("minute")),
    seconds: Number(get("second")),
  };
}

/** Offset of `timeZone` from UTC at `instantMs`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.parse(`${p.date}T00:00:00Z`) + p.minutes * 60_000 + p.seconds * 1000;
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows `date` at `minutes` past midnight. */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // The offset can only be one of the two in force around this wall time.
  const before = zoneOffsetMs(wall - 36 * 3_600_000, timeZone);
  const after = zoneOffsetMs(wall + 36 * 3_600_000, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => zoneOffsetMs(t, timeZone) === wall - t)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return valid[0];
  // Inside a spring-forward gap: the pre-transition offset lands just past the gap (02:30 → 03:30).
  return wall - before;
}



/** Minutes past midnight of an `HH:MM` string (already validated). */
export function parseClock(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}
