// The daily list against the fake HF server: every page fetched, de-duplicated, most upvoted first, and
// cached so that a closed date costs Hugging Face one fetch ever and 50 simultaneous askers cost one request.
import { afterEach, describe, expect, it } from "vitest";
import { CACHE_TTL } from "../../../src/hf/client.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { BIG_DATE, EMPTY_WEEKEND_DATE, EXAMPLE_DATE } from "../../fixtures/hf/index.js";
import { createHarness, type Harness } from "./setup.js";

let h: Harness;
afterEach(async () => h?.fake.close());

/** ms until the cache entry expires. */
async function expiresIn(key: string): Promise<number | undefined> {
  const raw = (await h.cache.get(key, { raw: true })) as { expires?: number } | undefined;
  return raw?.expires === undefined ? undefined : raw.expires - Date.now();
}

describe("daily(date)", () => {
  it("fetches all 120 papers of a date in 2 page requests, most upvoted first", async () => {
    h = await createHarness();
    const papers = await h.client.daily(BIG_DATE);
    expect(papers).toHaveLength(120);
    expect(new Set(papers.map((p) => p.id)).size).toBe(120);
    const upvotes = papers.map((p) => p.upvotes ?? 0);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(papers.every((p) => p.listDate === BIG_DATE && p.source === "hf")).toBe(true);
    const calls = h.fake.requests.filter((r) => r.path === "/api/daily_papers");
    expect(calls.map((r) => r.query)).toEqual([
      { date: BIG_DATE, limit: "100", p: "0" },
      { date: BIG_DATE, limit: "100", p: "1" },
    ]);
  });

  it("stops after a full page that has no Link rel=next", async () => {
    h = await createHarness();
    const items = Array.from({ length: 100 }, (_, i) => makeDailyItem({ id: `2604.${10000 + i}`, title: `P${i}` }));
    h.fake.setDaily("2026-04-06", items);
    expect(await h.client.daily("2026-04-06")).toHaveLength(100);
    expect(h.fake.count("/api/daily_papers")).toBe(1);
  });

  it("drops a paper repeated across pages", async () => {
    h = await createHarness();
    const items = Array.from({ length: 101 }, (_, i) => makeDailyItem({ id: `2604.${20000 + (i % 100)}`, title: `P${i}` }));
    h.fake.setDaily("2026-04-07", items);
    const papers = await h.client.daily("2026-04-07");
    expect(papers).toHaveLength(100);
    expect(h.fake.count("/api/daily_papers")).toBe(2);
  });

  it("returns the real example list with HF's fields mapped", async () => {
    h = await createHarness();
    const papers = await h.client.daily(EXAMPLE_DATE);
    expect(papers.map((p) => [p.id, p.upvotes])).toEqual([
      ["2509.99901", 41],
      ["2509.04664", 26],
      ["2509.99902", 12],
      ["2509.99904", 7],
      ["2509.99903", 0],
    ]);
  });

  it("answers an empty weekend list with [] (not an error)", async () => {
    h = await createHarness();
    expect(await h.client.daily(EMPTY_WEEKEND_DATE)).toEqual([]);
    expect(await h.client.daily("2026-03-08")).toEqual([]);
    expect(h.fake.count("/api/daily_papers")).toBe(2);
  });

  it("never asks HF again for a closed date", async () => {
    h = await createHarness();
    await h.client.daily(BIG_DATE);
    const before = h.fake.requests.length;
    const again = await h.client.daily(BIG_DATE);
    expect(again).toHaveLength(120);
    expect(h.fake.requests.length).toBe(before);
    expect((await expiresIn(`hf:daily:${BIG_DATE}`)) ?? 0).toBeGreaterThan(CACHE_TTL.closedDay - 60_000);
  });

  it("keeps an open date's list only briefly, and refetches once the list closes", async () => {
    h = await createHarness();
    const today = "2026-04-08";
    h.fake.setDaily(today, [makeDailyItem({ id: "2604.30001", title: "Early", upvotes: 1 })]);
    h.setNow("2026-04-08T16:00:00Z"); // 12:00 in New York: the list is still filling
    expect(await h.client.daily(today)).toHaveLength(1);
    const ttl = (await expiresIn(`hf:daily:${today}`)) ?? 0;
    expect(ttl).toBeLessThanOrEqual(CACHE_TTL.openDay);
    expect(ttl).toBeGreaterThan(CACHE_TTL.openDay - 60_000);

    h.fake.setDaily(today, [
      makeDailyItem({ id: "2604.30001", title: "Early", upvotes: 1 }),
      makeDailyItem({ id: "2604.30002", title: "Late", upvotes: 9 }),
    ]);
    expect(await h.client.daily(today)).toHaveLength(1); // within the 5 minutes: cached
    h.setNow("2026-04-09T02:00:00Z"); // 22:00 in New York: closed
    const final = await h.client.daily(today);
    expect(final.map((p) => p.title)).toEqual(["Late", "Early"]);
    expect(h.fake.count("/api/daily_papers")).toBe(2);
  });

  it("shares one in-flight fetch between 50 simultaneous callers", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { delayMs: 100 });
    const results = await Promise.all(Array.from({ length: 50 }, () => h.client.daily(EXAMPLE_DATE)));
    expect(results.every((r) => r.length === 5)).toBe(true);
    expect(h.fake.count("/api/daily_papers")).toBe(1);
  });

  it("refetches when the cached value is corrupt", async () => {
    h = await createHarness();
    await h.cache.set(`hf:daily:${EXAMPLE_DATE}`, { closed: true, papers: [{ nonsense: 1 }] });
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
    expect(h.fake.count("/api/daily_papers")).toBe(1);
  });

  it("rejects a malformed or impossible date before asking HF", async () => {
    h = await createHarness();
    await expect(h.client.daily("2026-13-40x")).rejects.toMatchObject({ name: "UserError", code: "bad_date" });
    await expect(h.client.daily("2025-02-30")).rejects.toMatchObject({ name: "UserError", code: "bad_date" });
    expect(h.fake.requests).toHaveLength(0);
  });

  it("explains a date HF has no list for (HF answers 400), without retrying", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { status: 400, body: '{"error":"Invalid date"}' });
    const err = await h.client.daily("2031-01-01").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "UserError", code: "bad_date" });
    expect((err as Error).message).toContain("2031-01-01");
    expect(h.fake.count("/api/daily_papers")).toBe(1);
  });

  it("hands each caller its own array", async () => {
    h = await createHarness();
    const first = await h.client.daily(EXAMPLE_DATE);
    first.splice(0);
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
  });
});
