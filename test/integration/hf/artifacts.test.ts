// The HF client's linked repos against the fake Hugging Face: the paper detail's linked* fields (top 3 by likes,
// HF's totals), /api/arxiv/{id}/repos only when a detail has none of those fields, a failing /repos costing the
// paper its artifacts and nothing else, one request per paper thanks to the cache, trending capped at one page.
import { afterEach, describe, expect, it } from "vitest";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { createHarness, type Harness } from "./setup.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

describe("HF linked repos", () => {
  it("takes the detail's linked repos: top 3 by likes, HF's totals, private and odd ids dropped", async () => {
    h = await createHarness();
    h.fake.setRepos("2511.07327", {
      models: [
        { id: "a/low", likes: 1 },
        { id: "a/high", likes: 90 },
        { id: "a/private", likes: 1_000, private: true },
        { id: "bad id with spaces", likes: 500 },
        { id: "a/mid", likes: 40 },
        { id: "a/none" },
      ],
      datasets: [{ id: "d/one", likes: 2 }],
      totals: { models: 57, datasets: 1 },
    });
    const paper = await h.client.paper("2511.07327");
    expect(paper.artifacts).toEqual({
      models: { total: 57, top: [{ id: "a/high", likes: 90 }, { id: "a/mid", likes: 40 }, { id: "a/low", likes: 1 }] },
      datasets: { total: 1, top: [{ id: "d/one", likes: 2 }] },
      spaces: { total: 0, top: [] },
    });
    await h.client.paper("2511.07327v2");
    expect(h.fake.count("/api/papers/2511.07327")).toBe(1);
    expect(h.fake.count("/api/arxiv/")).toBe(0);
  });

  it("a paper with none has no artifacts field at all", async () => {
    h = await createHarness();
    expect((await h.client.paper("2506.15050")).artifacts).toBeUndefined();
    expect(h.fake.count("/api/arxiv/")).toBe(0);
  });

  it("asks /api/arxiv/{id}/repos when the detail lacks the fields; its failure costs only the artifacts", async () => {
    h = await createHarness();
    h.fake.setRepos("2511.21395", { models: [{ id: "m/x", likes: 3 }], spaces: [{ id: "s/y", likes: 8 }], inDetail: false });
    const paper = await h.client.paper("2511.21395");
    expect(paper.artifacts?.models).toEqual({ total: 1, top: [{ id: "m/x", likes: 3 }] });
    expect(paper.artifacts?.spaces).toEqual({ total: 1, top: [{ id: "s/y", likes: 8 }] });
    expect(h.fake.count("/api/arxiv/2511.21395/repos")).toBe(1);

    h.fake.setRepos("2510.05057", { models: [{ id: "m/z", likes: 1 }], inDetail: false });
    h.fake.setFault("/api/arxiv/", { status: 500 });
    const without = await h.client.paper("2510.05057");
    expect(without.title).toContain("StaMo");
    expect(without.artifacts).toBeUndefined();
    expect(h.fake.count("/api/arxiv/2510.05057/repos")).toBe(1); // one attempt, no retries for an extra
    expect(h.logs()).toContain("linked repos unavailable");
  });

  it("trending reads one page of 100, however long HF's ranking is", async () => {
    h = await createHarness({}, { defaults: false });
    h.fake.setTrending(Array.from({ length: 150 }, (_, i) => makeDailyItem({ id: `2611.${String(10000 + i)}`, title: `T${i}`, listDate: "2026-11-24" })));
    const list = await h.client.trending!();
    expect(list).toHaveLength(100);
    expect(list[0]?.id).toBe("2611.10000");
    expect(h.fake.requests.filter((r) => r.query.sort === "trending")).toHaveLength(1);
  });
});
