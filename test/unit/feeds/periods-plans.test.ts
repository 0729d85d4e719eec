// Feed periods and plans: ISO weeks (2026 has a W53 that HF rejects), months, the latest closed period, and
// what a weekly, monthly or trending slot posts (catch-up names missed periods; trending never repeats).
import { describe, expect, it } from "vitest";
import { feedTitle } from "../../../src/format/feed-header.js";
import type { Paper } from "../../../src/paper.js";
import type { ListCache } from "../../../src/schedule/list-cache.js";
import { planFeedPost } from "../../../src/schedule/plan-feeds.js";
import { dueSlot, nextSlotAfter } from "../../../src/schedule/slots.js";
import type { Subscription } from "../../../src/store/subscriptions.js";
import { formatDateRange, isoWeekDates, isoWeekOf, latestClosedMonth, latestClosedWeek, previousPeriod } from "../../../src/time/periods.js";

const paper = (id: string, upvotes: number, listDate?: string): Paper => ({
  id, title: `Paper ${id}`, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf", upvotes,
  ...(listDate ? { listDate } : {}),
});
const sub = (over: Partial<Subscription> = {}): Subscription => ({
  platform: "slack", channelId: "C1", time: "09:00", timezone: "UTC", top: 2, minUpvotes: 0, keywords: [],
  organizations: [], weekend: "skip", subscriberId: "U1", createdAt: "2026-01-01T00:00:00Z",
  activeFrom: "2026-01-01T00:00:00Z", ...over,
});

describe("ISO weeks and months", () => {
  it("numbers weeks like ISO 8601, including 2026-W53", () => {
    expect(isoWeekOf("2026-11-24")).toBe("2026-W48");
    expect(isoWeekOf("2026-12-28")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2021-01-01")).toBe("2020-W53");
    expect(isoWeekDates("2026-W53")).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(previousPeriod("2027-W01")).toBe("2026-W53");
    expect(previousPeriod("2026-01")).toBe("2025-12");
  });
  it("a week or month is closed once its last list is", () => {
    expect(latestClosedWeek("2026-11-29")).toBe("2026-W48"); // Sunday closed: its week is complete
    expect(latestClosedWeek("2026-11-28")).toBe("2026-W47");
    expect(latestClosedMonth("2026-11-30")).toBe("2026-11");
    expect(latestClosedMonth("2026-11-29")).toBe("2026-10");
  });
  it("formats ranges", () => {
    expect(formatDateRange("2026-11-24", "2026-11-28")).toBe("24–28 Nov 2026");
    expect(formatDateRange("2026-12-28", "2027-01-03")).toBe("28 Dec 2026 – 3 Jan 2027");
  });
});

describe("weekly and monthly slots", () => {
  it("a weekly feed posts on its weekday only", () => {
    const weekly = sub({ kind: "weekly", weekday: 1, activeFrom: "2026-11-25T00:00:00Z" });
    expect(new Date(nextSlotAfter(Date.parse("2026-11-25T00:00:00Z"), weekly)).toISOString()).toBe("2026-11-30T09:00:00.000Z");
    expect(dueSlot(weekly, {}, Date.parse("2026-12-01T12:00:00Z"))).toBe(Date.parse("2026-11-30T09:00:00Z"));
    expect(dueSlot(weekly, { lastSlot: "2026-11-30T09:00:00.000Z" }, Date.parse("2026-12-05T12:00:00Z"))).toBeUndefined();
  });
  it("a monthly feed has slots on the first days of a month", () => {
    const monthly = sub({ kind: "monthly", activeFrom: "2026-11-10T00:00:00Z" });
    expect(new Date(nextSlotAfter(Date.parse("2026-11-10T00:00:00Z"), monthly)).toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });
});

function lists(byDate: Record<string, Paper[]>, extra: Partial<ListCache> = {}): ListCache {
  const cache: ListCache = async (date) => byDate[date] ?? [];
  return Object.assign(cache, extra);
}

describe("feed plans", () => {
  const monday = Date.parse("2026-11-30T09:00:00Z");
  it("weekly: the best of the closed week from HF's week list, with a header naming it", async () => {
    const asked: string[] = [];
    const week = async (w: string) => {
      asked.push(w);
      return [paper("a", 5, "2026-11-24"), paper("b", 50, "2026-11-28"), paper("c", 20, "2026-11-25")];
    };
    const out = await planFeedPost({ sub: sub({ kind: "weekly" }), state: {}, slotMs: monday, lists: lists({}, { week }), sentBefore: async () => new Set() });
    expect(asked).toEqual(["2026-W48"]);
    if (out.kind !== "post") throw new Error("expected a post");
    expect(out.plan.papers.map((p) => p.id)).toEqual(["b", "c"]);
    expect(feedTitle({ kind: "weekly", period: out.plan.postDate, papers: out.plan.papers, totalBeforeFilter: out.plan.totalBeforeFilter, range: out.plan.range })).toBe(
      "Best of week 48 · 24–28 Nov 2026 · top 2 of 3",
    );
    const again = await planFeedPost({ sub: sub({ kind: "weekly" }), state: { lastDate: "2026-W48" }, slotMs: monday, lists: lists({}, { week }), sentBefore: async () => new Set() });
    expect(again.kind).toBe("nothing");
  });
  it("weekly W53: built from the daily lists, never asking HF for week=…W53", async () => {
    const asked: string[] = [];
    const week = async (w: string) => (asked.push(w), []);
    const out = await planFeedPost({
      sub: sub({ kind: "weekly" }), state: {}, slotMs: Date.parse("2027-01-04T09:00:00Z"),
      lists: lists({ "2026-12-29": [paper("x", 3, "2026-12-29")], "2027-01-02": [paper("y", 9, "2027-01-02")] }, { week }),
      sentBefore: async () => new Set(),
    });
    expect(asked).toEqual([]);
    if (out.kind !== "post") throw new Error("expected a post");
    expect(out.plan.postDate).toBe("2026-W53");
    expect(out.plan.papers.map((p) => p.id)).toEqual(["y", "x"]);
  });
  it("after downtime: one post for the latest week naming the missed ones", async () => {
    const out = await planFeedPost({ sub: sub({ kind: "weekly" }), state: { lastDate: "2026-W45" }, slotMs: monday, lists: lists({}, { week: async () => [paper("a", 1)] }), sentBefore: async () => new Set() });
    if (out.kind !== "post") throw new Error("expected a post");
    expect(out.plan.postDate).toBe("2026-W48");
    expect(out.plan.missedDates).toEqual(["2026-W46", "2026-W47"]);
  });
  it("trending: papers never sent before, in HF's order", async () => {
    const trending = async () => [paper("t1", 1), paper("t2", 9), paper("t3", 4)];
    const out = await planFeedPost({ sub: sub({ kind: "trending" }), state: {}, slotMs: monday, lists: lists({}, { trending }), sentBefore: async () => new Set(["t1"]) });
    if (out.kind !== "post") throw new Error("expected a post");
    expect(out.plan.postDate).toBe("trending:2026-11-30");
    expect(out.plan.papers.map((p) => p.id)).toEqual(["t2", "t3"]);
    const none = await planFeedPost({ sub: sub({ kind: "trending" }), state: {}, slotMs: monday, lists: lists({}, { trending }), sentBefore: async () => new Set(["t1", "t2", "t3"]) });
    expect(none.kind).toBe("nothing");
  });
});
