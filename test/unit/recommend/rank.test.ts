// "For you" ranking on the bundled sample's 33 real papers: bookmarks of one topic bring that topic up with a
// reason, saved and dismissed papers never come back, a dismissal lowers similar papers, fewer than three
// bookmarks fall back to the most upvoted, and ai_keywords count.
import { describe, expect, it } from "vitest";
import { createSampleSource } from "../../../src/hf/sample.js";
import type { Paper } from "../../../src/paper.js";
import { rankForUser } from "../../../src/recommend/for-user.js";
import { createCandidateIndex } from "../../../src/recommend/rank.js";
import type { Bookmark } from "../../../src/store/types.js";

const sample = createSampleSource();
const papers: Paper[] = (await Promise.all(sample.listDates().map((d) => sample.daily(d)))).flat();
const byId = (id: string) => {
  const p = papers.find((x) => x.id === id);
  if (!p) throw new Error(`no sample paper ${id}`);
  return p;
};
const owner = { platform: "slack" as const, userId: "U1" };
const deps = (saved: Paper[], dismissed: Paper[] = []) => ({
  bookmarks: { list: async (): Promise<Bookmark[]> => saved.map((paper) => ({ paperId: paper.id, savedAt: "2026-05-01T00:00:00Z", paper })) },
  feedback: { dismissed: async () => dismissed },
});

// Diffusion policies for robots: Streaming Diffusion Policy, SeedPolicy, Compose Your Policies!
const DIFFUSION = ["2406.04806", "2603.05117", "2510.01068"].map(byId);
// Robot policy learning: diffusion or imitation (the three saved papers are both).
const isRobotPolicy = (p: Paper) => /diffusion policy|imitation learning/i.test(`${p.title} ${p.abstract}`);

describe("rankForUser", () => {
  it("ranks papers like the bookmarks first, each with the saved paper it is most like", async () => {
    const { coldStart, recommendations } = await rankForUser(deps(DIFFUSION), owner, papers, 5);
    expect(coldStart).toBe(false);
    expect(recommendations).toHaveLength(5);
    expect(recommendations.slice(0, 3).every((r) => isRobotPolicy(r.paper))).toBe(true);
    for (const r of recommendations) expect(DIFFUSION.map((p) => p.id)).toContain(r.because?.id);
    expect(recommendations.map((r) => r.paper.id)).not.toEqual(expect.arrayContaining([DIFFUSION[0]?.id]));
  });

  it("never suggests a saved or dismissed paper, and a dismissal lowers papers like it", async () => {
    const index = createCandidateIndex(papers);
    const before = index.rank({ saved: DIFFUSION, dismissed: [] }, 33);
    const top = before[0]?.paper as Paper;
    const after = index.rank({ saved: DIFFUSION, dismissed: [top] }, 33);
    const ids = after.map((r) => r.paper.id);
    expect(ids).not.toContain(top.id);
    for (const saved of DIFFUSION) expect(ids).not.toContain(saved.id);
    // The paper most like the dismissed one (other than itself) scores lower than before.
    const like = createCandidateIndex(papers.filter((p) => !DIFFUSION.includes(p))).rank({ saved: [top], dismissed: [] }, 2)[0]?.paper as Paper;
    const scoreOf = (list: typeof before, id: string) => list.find((r) => r.paper.id === id)?.score ?? NaN;
    expect(scoreOf(after, like.id)).toBeLessThan(scoreOf(before, like.id));
  });

  it("falls back to the most upvoted papers below three bookmarks, leaving saved ones out", async () => {
    const saved = [byId("2511.07327")]; // IterResearch, the most upvoted sample paper
    const { coldStart, recommendations } = await rankForUser(deps(saved), owner, papers, 3);
    expect(coldStart).toBe(true);
    expect(recommendations.map((r) => r.paper.id)).not.toContain("2511.07327");
    const upvotes = recommendations.map((r) => r.paper.upvotes ?? 0);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(upvotes[0]).toBe(3);
    expect(recommendations.every((r) => r.because === undefined)).toBe(true);
  });

  it("matches on Hugging Face ai_keywords, not only title and abstract", async () => {
    const plain = (id: string, title: string, keywords: string[] = []): Paper => ({ ...byId("2511.07327"), id, title, abstract: "A study.", keywords });
    const candidates = [
      plain("2601.00001", "First paper", ["tokamak", "plasma"]),
      plain("2601.00002", "Second paper", ["protein", "folding"]),
      plain("2601.00003", "Third paper", ["galaxy"]),
      plain("2601.00004", "Fourth paper", ["weather"]),
    ];
    const saved = [plain("2601.00010", "Saved one", ["tokamak"]), plain("2601.00011", "Saved two", ["plasma"]), plain("2601.00012", "Saved three", ["plasma", "tokamak"])];
    const { recommendations } = await rankForUser(deps(saved), owner, candidates, 1);
    expect(recommendations[0]?.paper.id).toBe("2601.00001");
  });
});
