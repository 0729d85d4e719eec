// Schedule math across time zones and DST: when a channel's daily post goes out.
import { describe, expect, it } from "vitest";
import { dueSlot, lastSlotAtOrBefore, nextSlotAfter, slotOn } from "../../../src/schedule/slots.js";
import { isValidTimeZone, zonedInstant } from "../../../src/time/zoned-time.js";
import type { Subscription } from "../../../src/store/subscriptions.js";

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const sub = (over: Partial<Subscription> = {}): Subscription => ({
  platform: "discord",
  channelId: "C1",
  time: "09:00",
  timezone: "Europe/Berlin",
  top: 10,
  minUpvotes: 0,
  keywords: [],
  organizations: [],
  weekend: "skip",
  subscriberId: "U1",
  createdAt: "2025-03-01T00:00:00.000Z",
  activeFrom: "2025-03-01T00:00:00.000Z",
  ...over,
});

describe("zoned time", () => {
  it("knows IANA zones and rejects others", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("maps a wall time to the right instant in winter and summer", () => {
    expect(iso(zonedInstant("2025-01-15", 9 * 60, "Europe/Berlin"))).toBe("2025-01-15T08:00:00.000Z");
    expect(iso(zonedInstant("2025-07-15", 9 * 60, "Europe/Berlin"))).toBe("2025-07-15T07:00:00.000Z");
    expect(iso(zonedInstant("2025-07-15", 9 * 60, "Asia/Kolkata"))).toBe("2025-07-15T03:30:00.000Z");
    expect(iso(zonedInstant("2025-07-15", 23 * 60 + 45, "Pacific/Chatham"))).toBe("2025-07-15T11:00:00.000Z");
  });

  it("moves a time skipped by spring-forward to just after the gap", () => {
    // Berlin 2025-03-30: 02:00 → 03:00. 02:30 does not exist; the post goes at 03:30 local (01:30 UTC).
    expect(iso(zonedInstant("2025-03-30", 2 * 60 + 30, "Europe/Berlin"))).toBe("2025-03-30T01:30:00.000Z");
    // New York 2025-03-09: 02:00 → 03:00.
    expect(iso(zonedInstant("2025-03-09", 2 * 60 + 15, "America/New_York"))).toBe("2025-03-09T07:15:00.000Z");
  });

  it("uses the first occurrence of a time repeated by fall-back", () => {
    // Berlin 2025-10-26: 03:00 → 02:00; 02:30 happens twice, first at 00:30 UTC.
    expect(iso(zonedInstant("2025-10-26", 2 * 60 + 30, "Europe/Berlin"))).toBe("2025-10-26T00:30:00.000Z");
    expect(iso(zonedInstant("2025-11-02", 60 + 30, "America/New_York"))).toBe("2025-11-02T05:30:00.000Z");
  });
});

describe("slots", () => {
  it("posts at 09:00 local on both sides of a DST change (23 h and 25 h apart)", () => {
    const s = sub();
    const before = slotOn("2025-03-29", s)!;
    const after = slotOn("2025-03-30", s)!;
    expect(iso(before)).toBe("2025-03-29T08:00:00.000Z");
    expect(iso(after)).toBe("2025-03-30T07:00:00.000Z");
    expect(after - before).toBe(23 * 3_600_000);
    const autumn = [slotOn("2025-10-25", s)!, slotOn("2025-10-26", s)!];
    expect(autumn[1]! - autumn[0]!).toBe(25 * 3_600_000);
  });

  it("finds the last and next slot around now, per zone", () => {
    const tokyo = sub({ timezone: "Asia/Tokyo", time: "07:30" });
    const now = Date.parse("2025-06-10T00:00:00Z"); // 09:00 in Tokyo
    expect(iso(lastSlotAtOrBefore(now, tokyo))).toBe("2025-06-09T22:30:00.000Z");
    expect(iso(nextSlotAfter(now, tokyo))).toBe("2025-06-10T22:30:00.000Z");
    const la = sub({ timezone: "America/Los_Angeles", time: "18:00" });
    expect(iso(lastSlotAtOrBefore(now, la))).toBe("2025-06-09T01:00:00.000Z");
    expect(iso(nextSlotAfter(now, la))).toBe("2025-06-10T01:00:00.000Z");
  });

  it("has no weekend slots under the monday policy", () => {
    const s = sub({ weekend: "monday" });
    expect(slotOn("2025-06-14", s)).toBeUndefined(); // Saturday
    expect(slotOn("2025-06-15", s)).toBeUndefined(); // Sunday
    const sundayNoon = Date.parse("2025-06-15T10:00:00Z");
    expect(iso(lastSlotAtOrBefore(sundayNoon, s))).toBe("2025-06-13T07:00:00.000Z"); // Friday
    expect(iso(nextSlotAfter(sundayNoon, s))).toBe("2025-06-16T07:00:00.000Z"); // Monday
  });
});

describe("due", () => {
  it("makes a new subscription's first post its first slot after creation", () => {
    const s = sub({ activeFrom: "2025-06-10T07:30:00Z" }); // 09:30 Berlin, after today's 09:00
    expect(dueSlot(s, {}, Date.parse("2025-06-10T07:31:00Z"))).toBeUndefined();
    expect(dueSlot(s, {}, Date.parse("2025-06-11T06:59:00Z"))).toBeUndefined();
    expect(iso(dueSlot(s, {}, Date.parse("2025-06-11T07:00:00Z")))).toBe("2025-06-11T07:00:00.000Z");
    const early = sub({ activeFrom: "2025-06-10T06:00:00Z" }); // 08:00 Berlin: today's 09:00 counts
    expect(iso(dueSlot(early, {}, Date.parse("2025-06-10T07:00:30Z")))).toBe("2025-06-10T07:00:00.000Z");
  });

  it("is not due again once the slot is handled, nor while waiting to retry", () => {
    const s = sub();
    const now = Date.parse("2025-06-10T07:05:00Z");
    expect(dueSlot(s, { lastSlot: "2025-06-10T07:00:00.000Z" }, now)).toBeUndefined();
    const retry = { attempts: 1, nextAt: "2025-06-10T07:06:00.000Z", reason: "hf" };
    expect(dueSlot(s, { lastSlot: "2025-06-09T07:00:00.000Z", retry }, now)).toBeUndefined();
    expect(dueSlot(s, { lastSlot: "2025-06-09T07:00:00.000Z", retry }, now + 60_000)).toBeDefined();
  });

  it("after a week offline only the latest slot is due (one catch-up, not seven)", () => {
    const s = sub();
    const state = { lastSlot: "2025-06-03T07:00:00.000Z" };
    expect(iso(dueSlot(s, state, Date.parse("2025-06-10T12:00:00Z")))).toBe("2025-06-10T07:00:00.000Z");
  });

  it("stops once given up, until subscribed again", () => {
    const s = sub();
    const now = Date.parse("2025-06-10T07:05:00Z");
    expect(dueSlot(s, { gaveUpAt: "2025-06-05T00:00:00.000Z" }, now)).toBeUndefined();
    expect(dueSlot({ ...s, activeFrom: "2025-06-06T00:00:00.000Z" }, { gaveUpAt: "2025-06-05T00:00:00.000Z" }, now)).toBeDefined();
  });
});
