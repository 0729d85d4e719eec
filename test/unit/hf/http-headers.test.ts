// How long paperboy waits when Hugging Face says "slow down": Retry-After (seconds or HTTP date), HF's
// RateLimit header, and the jittered exponential backoff.
import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, parseRateLimitReset, parseRetryAfter } from "../../../src/hf/http.js";

describe("parseRetryAfter", () => {
  const now = new Date("2026-03-03T12:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfter("Tue, 03 Mar 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 03 Mar 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or garbage values", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});

describe("parseRateLimitReset", () => {
  it("reads t= when nothing remains", () => {
    expect(parseRateLimitReset('"api";r=0;t=55')).toBe(55_000);
    expect(parseRateLimitReset('"api"; r=0; t=3')).toBe(3000);
  });
  it("ignores the header while requests remain, or without t", () => {
    expect(parseRateLimitReset('"api";r=12;t=55')).toBeUndefined();
    expect(parseRateLimitReset('"api";r=0')).toBeUndefined();
    expect(parseRateLimitReset(null)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles per retry with jitter between half and the full step, capped", () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, opts, () => 0)).toBe(50);
    expect(backoffDelay(0, opts, () => 1)).toBe(100);
    expect(backoffDelay(2, opts, () => 1)).toBe(400);
    expect(backoffDelay(10, opts, () => 1)).toBe(1000);
    expect(backoffDelay(10, opts, () => 0)).toBe(500);
  });
});
