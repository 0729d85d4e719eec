// The stored halves of /paper foryou on a real SQLite file: "Not for me" records survive concurrent writers
// (two store connections, as two processes would have) and a restart; the candidate pool is fetched once, kept
// in the store for the next process, and rebuilt only when a new list closes or after a failure.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.js";
import { createSampleSource } from "../../../src/hf/sample.js";
import type { PaperSource } from "../../../src/hf/source.js";
import { silentLogger } from "../../../src/log.js";
import { createCandidatePool, POOL_DAYS, poolDates } from "../../../src/recommend/candidate-pool.js";
import { createFeedbackRepo } from "../../../src/recommend/feedback.js";
import { createStore } from "../../../src/store/create-store.js";
import type { Store } from "../../../src/store/types.js";
import { makePaper } from "../store/support.js";

let dir: string;
const open = () => createStore(`sqlite://${join(dir, "store.sqlite")}`, { log: silentLogger });
const stores: Store[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "paperboy-foryou-"));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});
const opened = async () => {
  const s = await open();
  stores.push(s);
  return s;
};

const owner = { platform: "discord" as const, userId: "42" };
// The sample's lists are 2026-04-30 … 2026-05-05; at this instant the latest closed list is 2026-05-05.
const NOW = new Date("2026-05-06T12:00:00Z");

function counting(source: PaperSource, failOn?: string): PaperSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    daily: async (date) => {
      calls.push(date);
      if (date === failOn) throw new UpstreamError("huggingface", 503);
      return source.daily(date);
    },
    search: (q, l) => source.search(q, l),
    paper: (id) => source.paper(id),
  };
}

describe("feedback (Not for me)", () => {
  it("keeps every dismissal from two connections writing at once, across a restart", async () => {
    const [a, b] = [createFeedbackRepo(await opened()), createFeedbackRepo(await opened())];
    const ids = Array.from({ length: 20 }, (_, i) => `2601.${String(i).padStart(5, "0")}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).dismiss(owner, makePaper(id))));
    expect(await a.dismiss(owner, makePaper(ids[0] as string))).toBe(false);
    const later = createFeedbackRepo(await opened());
    expect((await later.dismissed(owner)).map((p) => p.id).sort()).toEqual(ids);
    expect(await later.dismissed({ platform: "slack", userId: "42" })).toEqual([]);
  });
});

describe("candidate pool", () => {
  it("covers the last 30 closed lists and fetches them once per closed date, also for the next process", async () => {
    expect(poolDates(NOW)).toHaveLength(POOL_DAYS);
    expect(poolDates(NOW)[0]).toBe("2026-05-05");
    const source = counting(createSampleSource());
    const pool = createCandidatePool(await opened());
    const [first, second] = await Promise.all([pool.current(source, NOW), pool.current(source, NOW)]);
    expect(first).toBe(second);
    expect(first.papers).toHaveLength(33);
    expect(source.calls).toHaveLength(POOL_DAYS);
    await pool.current(source, NOW);
    const restarted = createCandidatePool(await opened());
    expect((await restarted.current(source, NOW)).papers).toHaveLength(33);
    expect(source.calls).toHaveLength(POOL_DAYS);
    // The next day's list closes: a new pool.
    await pool.current(source, new Date("2026-05-07T12:00:00Z"));
    expect(source.calls).toHaveLength(2 * POOL_DAYS);
  });

  it("does not keep a pool Hugging Face failed to deliver; the next call tries again", async () => {
    const pool = createCandidatePool(await opened());
    await expect(pool.current(counting(createSampleSource(), "2026-05-01"), NOW)).rejects.toBeInstanceOf(UpstreamError);
    expect((await pool.current(counting(createSampleSource()), NOW)).papers).toHaveLength(33);
  });
});
