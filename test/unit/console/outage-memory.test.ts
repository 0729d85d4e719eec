// The console remembers a Hugging Face outage for a while: after one failure, calls fail at once (no request)
// until the memory expires; user mistakes don't count as outages.
import { describe, expect, it, vi } from "vitest";
import { rememberOutages } from "../../../adapters/console/outage-memory.js";
import { UpstreamError, UserError } from "../../../src/errors.js";
import type { PaperSource } from "../../../src/hf/source.js";

function source(fail: () => Error | undefined): PaperSource & { calls: number } {
  const s = {
    calls: 0,
    async daily() {
      s.calls += 1;
      const err = fail();
      if (err) throw err;
      return [];
    },
    async search() {
      return s.daily();
    },
    async paper(): Promise<never> {
      s.calls += 1;
      throw fail() ?? new Error("unreachable");
    },
  };
  return s;
}

describe("rememberOutages", () => {
  it("fails at once for rememberMs after an upstream failure, then asks again", async () => {
    let now = 0;
    let down = true;
    const inner = source(() => (down ? new UpstreamError("huggingface", 503) : undefined));
    const papers = rememberOutages(inner, { rememberMs: 30_000, now: () => now });
    await expect(papers.daily("2026-05-05")).rejects.toBeInstanceOf(UpstreamError);
    await expect(papers.search("x")).rejects.toBeInstanceOf(UpstreamError);
    await expect(papers.paper("2511.07327")).rejects.toBeInstanceOf(UpstreamError);
    expect(inner.calls).toBe(1);
    now = 30_001;
    down = false;
    await expect(papers.daily("2026-05-05")).resolves.toEqual([]);
    expect(inner.calls).toBe(2);
  });

  it("does not treat a user's mistake as an outage", async () => {
    const inner = source(() => new UserError("paper_not_found", "no such paper"));
    const papers = rememberOutages(inner);
    await expect(papers.paper("1")).rejects.toBeInstanceOf(UserError);
    await expect(papers.paper("2")).rejects.toBeInstanceOf(UserError);
    expect(inner.calls).toBe(2);
  });

  it("counts a call that outlives the deadline as a failure", async () => {
    vi.useFakeTimers();
    try {
      const hanging: PaperSource = { daily: () => new Promise(() => {}), search: async () => [], paper: () => new Promise(() => {}) };
      const papers = rememberOutages(hanging, { deadlineMs: 1_000 });
      const pending = expect(papers.daily("2026-05-05")).rejects.toThrow(/no answer within 1000 ms/);
      await vi.advanceTimersByTimeAsync(1_001);
      await pending;
      await expect(papers.search("x")).rejects.toBeInstanceOf(UpstreamError);
    } finally {
      vi.useRealTimers();
    }
  });
});
