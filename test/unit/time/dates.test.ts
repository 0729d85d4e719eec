import { describe, expect, it } from "vitest";
import { latestClosedDateWithPapers } from "../../../src/hf/latest-list.js";
import {
  addDays,
  ARCHIVE_START_DATE,
  formatListDate,
  isCalendarDate,
  isListClosed,
  isWeekend,
  latestClosedDate,
  localDateTime,
  parseListDate,
  weekday,
} from "../../../src/time/dates.js";
import { UpstreamError, UserError } from "../../../src/errors.js";
import type { PaperSource } from "../../../src/hf/source.js";
import type { Paper } from "../../../src/paper.js";
import { makePaper } from "../format/make-paper.js";

const at = (iso: string) => new Date(iso);

describe("the 21:30 New York close across DST changes", () => {
  // 2025-03-09: clocks spring forward (EST −5 → EDT −4). 2025-11-02: they fall back (EDT −4 → EST −5).
  it.each([
    ["day before spring-forward, EST", "2025-03-08", "2025-03-09T02:29:00Z", "2025-03-09T02:30:00Z"],
    ["spring-forward day, EDT", "2025-03-09", "2025-03-10T01:29:00Z", "2025-03-10T01:30:00Z"],
    ["day before fall-back, EDT", "2025-11-01", "2025-11-02T01:29:00Z", "2025-11-02T01:30:00Z"],
    ["fall-back day, EST", "2025-11-02", "2025-11-03T02:29:00Z", "2025-11-03T02:30:00Z"],
    ["ordinary summer day", "2025-09-08", "2025-09-09T01:29:59Z", "2025-09-09T01:30:00Z"],
    ["ordinary winter day", "2025-01-15", "2025-01-16T02:29:59Z", "2025-01-16T02:30:00Z"],
  ])("%s: %s closes at 21:30 local", (_name, date, justBefore, justAfter) => {
    expect(isListClosed(date, at(justBefore))).toBe(false);
    expect(latestClosedDate(at(justBefore))).toBe(addDays(date, -1));
    expect(isListClosed(date, at(justAfter))).toBe(true);
    expect(latestClosedDate(at(justAfter))).toBe(date);
  });

  it("counts the repeated 01:xx hour of fall-back day as the same New York date", () => {
    expect(localDateTime(at("2025-11-02T05:30:00Z"), "America/New_York")).toEqual({ date: "2025-11-02", minutes: 90 });
    expect(localDateTime(at("2025-11-02T06:30:00Z"), "America/New_York")).toEqual({ date: "2025-11-02", minutes: 90 });
    expect(latestClosedDate(at("2025-11-02T06:30:00Z"))).toBe("2025-11-01");
  });

  it("gives the same answers whatever time zone the machine is set to", () => {
    const instants = ["2025-03-10T01:29:00Z", "2025-03-10T01:30:00Z", "2025-11-03T02:30:00Z", "2025-12-31T23:59:00Z"];
    const expected = instants.map((i) => [latestClosedDate(at(i)), formatListDate(latestClosedDate(at(i)))]);
    const original = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "UTC"]) {
        process.env.TZ = tz;
        expect(instants.map((i) => [latestClosedDate(at(i)), formatListDate(latestClosedDate(at(i)))])).toEqual(expected);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("calendar helpers", () => {
  it("formats list dates for people, the same in every locale", () => {
    expect(formatListDate("2025-09-08")).toBe("Mon 8 Sep 2025");
    expect(formatListDate("2024-02-29")).toBe("Thu 29 Feb 2024");
    expect(formatListDate("2023-05-04")).toBe("Thu 4 May 2023");
  });

  it("knows weekdays and weekends", () => {
    expect(weekday("2025-09-08")).toBe(1);
    expect(weekday("2025-09-07")).toBe(0);
    expect(isWeekend("2025-09-06")).toBe(true);
    expect(isWeekend("2025-09-05")).toBe(false);
  });

  it("accepts only real calendar days", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-04-31")).toBe(false);
    expect(isCalendarDate("2025-9-8")).toBe(false);
    expect(isCalendarDate("2025-09-08T00:00")).toBe(false);
  });

  it("adds days across month, year and DST boundaries", () => {
    expect(addDays("2025-03-08", 1)).toBe("2025-03-09");
    expect(addDays("2025-11-02", 1)).toBe("2025-11-03");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });
});

describe("parseListDate", () => {
  // 22:00 New York on Mon 8 Sep 2025 (02:00Z on the 9th): New York's today is still the 8th.
  const now = at("2025-09-09T02:00:00Z");

  it("reads YYYY-MM-DD, today and yesterday as New York dates", () => {
    expect(parseListDate("2025-09-05", now)).toBe("2025-09-05");
    expect(parseListDate(" 2025-09-08 ", now)).toBe("2025-09-08");
    expect(parseListDate("today", now)).toBe("2025-09-08");
    expect(parseListDate("Yesterday", now)).toBe("2025-09-07");
    expect(parseListDate(ARCHIVE_START_DATE, now)).toBe("2023-05-04");
  });

  const failure = (input: string) => {
    try {
      parseListDate(input, now);
    } catch (err) {
      return err as UserError;
    }
    throw new Error(`expected ${input} to be refused`);
  };

  it.each(["tomorrow", "2025-02-30", "2025-13-01", "08/09/2025", "", "2025-09-08; DROP TABLE"])(
    "refuses %j in plain words with a working example",
    (input) => {
      const err = failure(input);
      expect(err).toBeInstanceOf(UserError);
      expect(err.code).toBe("bad_date");
      expect(err.message).toContain("YYYY-MM-DD");
      expect(err.message).toContain("2025-09-08");
    },
  );

  it("refuses dates after New York's today, even when it is already tomorrow in UTC", () => {
    const err = failure("2025-09-09");
    expect(err.code).toBe("bad_date");
    expect(err.message).toMatch(/hasn't happened yet/);
  });

  it("refuses dates before the archive starts", () => {
    expect(failure("2023-05-03").message).toContain("2023-05-04");
  });

  it("never echoes control characters or huge input", () => {
    const err = failure(`\u0007<!channel>${"9".repeat(1000)}`);
    // eslint-disable-next-line no-control-regex -- asserting there are none
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);
    expect(err.message.length).toBeLessThan(200);
  });
});

/** A PaperSource over a fixed map of lists; records which dates were asked for. */
function fakeSource(lists: Record<string, Paper[]>, failOn?: string): PaperSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async daily(date) {
      asked.push(date);
      if (date === failOn) throw new UpstreamError("huggingface", 503);
      return lists[date] ?? [];
    },
    async search() {
      return [];
    },
    async paper(id) {
      return makePaper({ id });
    },
  };
}

describe("latestClosedDateWithPapers", () => {
  const friday = [makePaper({ listDate: "2025-09-05" })];

  it("skips an empty weekend to the last list with papers", async () => {
    const source = fakeSource({ "2025-09-05": friday });
    // Monday 8 Sep, 10:00 New York: the latest closed list is Sunday's (empty), then Saturday's (empty).
    const result = await latestClosedDateWithPapers(at("2025-09-08T14:00:00Z"), source);
    expect(result).toEqual({ date: "2025-09-05", papers: friday });
    expect(source.asked).toEqual(["2025-09-07", "2025-09-06", "2025-09-05"]);
  });

  it("never shows a list that is still filling up", async () => {
    const source = fakeSource({ "2025-09-08": [makePaper()], "2025-09-05": friday });
    expect((await latestClosedDateWithPapers(at("2025-09-09T01:29:00Z"), source)).date).toBe("2025-09-05");
    expect((await latestClosedDateWithPapers(at("2025-09-09T01:30:00Z"), source)).date).toBe("2025-09-08");
  });

  it("gives up after the lookback window with the latest closed date and no papers", async () => {
    const source = fakeSource({});
    const result = await latestClosedDateWithPapers(at("2025-09-08T14:00:00Z"), source, 3);
    expect(result).toEqual({ date: "2025-09-07", papers: [] });
    expect(source.asked).toHaveLength(4);
  });

  it("does not look before the archive starts", async () => {
    const source = fakeSource({});
    await latestClosedDateWithPapers(at("2023-05-06T14:00:00Z"), source, 7);
    expect(source.asked).toEqual(["2023-05-05", "2023-05-04"]);
  });

  it("lets Hugging Face failures reach the caller", async () => {
    const source = fakeSource({}, "2025-09-06");
    await expect(latestClosedDateWithPapers(at("2025-09-08T14:00:00Z"), source)).rejects.toBeInstanceOf(UpstreamError);
  });
});
