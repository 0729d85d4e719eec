// The bundled sample someone sees with no network: real papers on a few list dates, searchable, each with
// an arXiv-shaped id (so links work), built through the real HF parsing path.
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { createSampleSource } from "../../../src/hf/sample.js";
import { paperSchema } from "../../../src/paper.js";
import { buildSample, SAMPLE_DATES } from "../../../scripts/build-sample.js";
import sampleData from "../../../src/hf/sample-data.json" with { type: "json" };

describe("createSampleSource", () => {
  const sample = createSampleSource();

  it("lists its dates newest first, each with papers, most upvoted first", async () => {
    const dates = sample.listDates();
    expect(dates).toEqual(["2026-05-05", "2026-05-04", "2026-05-01", "2026-04-30"]);
    let total = 0;
    for (const date of dates) {
      const papers = await sample.daily(date);
      expect(papers.length).toBeGreaterThan(0);
      const upvotes = papers.map((p) => p.upvotes ?? 0);
      expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
      for (const p of papers) {
        expect(paperSchema.safeParse(p).success).toBe(true);
        expect(p.id).toMatch(/^\d{4}\.\d{4,5}$/);
        expect(p).toMatchObject({ source: "sample", listDate: date });
        expect(p.authors).toEqual([]); // names are not in the seed: never invented
      }
      total += papers.length;
    }
    expect(total).toBe(33);
    expect(await sample.daily("2026-05-02")).toEqual([]);
  });

  it("carries real details: organisation, code links, author counts", async () => {
    const p = await sample.paper("2601.16163");
    expect(p.title).toMatch(/^Cosmos Policy/);
    expect(p.organization).toBe("NVIDIA");
    expect(p.projectPage).toBe("https://research.nvidia.com/labs/dir/cosmos-policy/");
    const withCode = await sample.paper("2512.10926v3");
    expect(withCode.githubRepo).toBe("https://github.com/ColinQiyangLi/dqc");
    expect(withCode.authorCount).toBe(3);
  });

  it("searches title and abstract case-insensitively, best match first", async () => {
    const hits = await sample.search("DIFFUSION policy", 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(`${hits[0]!.title} ${hits[0]!.abstract}`.toLowerCase()).toMatch(/diffusion/);
    expect(await sample.search("zzzzqqq")).toEqual([]);
    expect(await sample.search("   ")).toEqual([]);
  });

  it("says plainly when a paper is not in the sample", async () => {
    await expect(sample.paper("2401.01234")).rejects.toBeInstanceOf(UserError);
    await expect(sample.paper("2401.01234")).rejects.toMatchObject({ code: "paper_not_found" });
  });
});

describe("buildSample", () => {
  const seed = (arxivId: string | null, upvotes: number) => ({
    title: `T ${arxivId}`,
    abstract: "A\nB",
    authorsCount: 2,
    organization: { name: "apple", fullname: "Apple" },
    publishedDate: "2026-01-01",
    upvotes,
    codeUrls: ["https://github.com/o/r", "https://example.org/p"],
    arxivId,
  });

  it("keeps only papers with arXiv ids and spreads them over the sample dates", () => {
    const out = buildSample([seed("2601.00001", 5), seed(null, 9), seed("2601.00002", 1)]);
    const all = Object.values(out.lists).flat();
    expect(all.map((i) => i.paper.id).sort()).toEqual(["2601.00001", "2601.00002"]);
    expect(Object.keys(out.lists)).toEqual(SAMPLE_DATES);
    expect(all[0]?.paper).toMatchObject({ githubRepo: "https://github.com/o/r", projectPage: "https://example.org/p" });
    expect(all[0]?.paper.authors.every((a) => a.hidden)).toBe(true);
  });

  it("matches the committed sample's dates", () => {
    expect(Object.keys(sampleData.lists)).toEqual(SAMPLE_DATES);
  });
});
