// Linked repos parsed leniently from real-shaped JSON: an odd element is dropped alone, a field of the wrong type
// is ignored, totals never fall below what is listed, and a paper with nothing linked has no artifacts at all.
import { describe, expect, it } from "vitest";
import { artifactsFromDetail, artifactsFromRepos, detailHasLinks } from "../../../src/hf/artifacts.js";
import { hfArxivReposSchema, hfPaperDetailSchema } from "../../../src/hf/schemas.js";
import { readJsonFixture } from "../../fixtures/hf/index.js";

const detail = (extra: Record<string, unknown>) => hfPaperDetailSchema.parse({ ...(readJsonFixture("paper.json") as object), ...extra });

describe("linked repos from Hugging Face JSON", () => {
  it("the recorded paper detail (empty linked lists) has none, and says it has the fields", () => {
    const d = detail({});
    expect(detailHasLinks(d)).toBe(true);
    expect(artifactsFromDetail(d)).toBeUndefined();
  });

  it("drops odd elements one by one and ignores wrongly typed fields", () => {
    const d = detail({
      linkedModels: [{ id: 5 }, null, { id: "a/b", likes: "many" }, { id: "c/d", likes: 3 }, { id: "c/d", likes: 3 }, { likes: 9 }],
      numTotalModels: "12",
      linkedDatasets: "not a list",
      linkedSpaces: [{ id: "s/x", emoji: "🤗", running: true }],
      numTotalSpaces: 4,
    });
    expect(artifactsFromDetail(d)).toEqual({
      models: { total: 2, top: [{ id: "c/d", likes: 3 }, { id: "a/b" }] },
      datasets: { total: 0, top: [] },
      spaces: { total: 4, top: [{ id: "s/x" }] },
    });
  });

  it("a detail without any linked* field sends the client to /repos, whose lists are complete", () => {
    const { linkedModels: _a, linkedDatasets: _b, linkedSpaces: _c, ...bare } = readJsonFixture("paper.json") as Record<string, unknown>;
    expect(detailHasLinks(hfPaperDetailSchema.parse(bare))).toBe(false);
    const repos = hfArxivReposSchema.parse({ models: [], datasets: [{ id: "d/1", likes: 1 }, { id: "d/2", likes: 7 }], spaces: [] });
    expect(artifactsFromRepos(repos)?.datasets).toEqual({ total: 2, top: [{ id: "d/2", likes: 7 }, { id: "d/1", likes: 1 }] });
    expect(artifactsFromRepos(hfArxivReposSchema.parse({}))).toBeUndefined();
  });
});
