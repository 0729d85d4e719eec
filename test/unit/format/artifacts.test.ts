// The linked-repos lines of a full card: plain text and structured links only, ids re-checked before any URL is
// built (a stored record is data too), nothing on compact cards or for papers without artifacts.
import { describe, expect, it } from "vitest";
import { artifactBlocks, discussionBlocks, repoUrl } from "../../../src/format/artifacts.js";
import { paperCard } from "../../../src/format/paper-card.js";
import { makePaper } from "./make-paper.js";

const artifacts = {
  models: { total: 5, top: [{ id: "org/a", likes: 1234 }, { id: "javascript:alert(1)" }, { id: "b" }] },
  datasets: { total: 3, top: [] },
  spaces: { total: 1, top: [{ id: "o/s", likes: 2 }] },
};

describe("artifact lines", () => {
  it("links each repo to its kind's page, re-checking ids; a kind with no showable repo is left out", () => {
    const blocks = artifactBlocks(makePaper({ artifacts }));
    expect(blocks).toEqual([
      {
        kind: "text",
        spans: [
          { text: "Models (5):", style: "bold" },
          { text: " " },
          { text: "org/a", url: "https://huggingface.co/org/a" },
          { text: " ♥ 1,234" },
          { text: " · " },
          { text: "b", url: "https://huggingface.co/b" },
        ],
      },
      { kind: "text", spans: [{ text: "Spaces (1):", style: "bold" }, { text: " " }, { text: "o/s", url: "https://huggingface.co/spaces/o/s" }, { text: " ♥ 2" }] },
    ]);
    expect(repoUrl("datasets", "x/y")).toBe("https://huggingface.co/datasets/x/y");
    expect(repoUrl("models", "../etc/passwd")).toBeUndefined();
  });

  it("full cards only; none for a paper without artifacts; the discussion only for papers on Hugging Face", () => {
    expect(JSON.stringify(paperCard(makePaper({ artifacts }), { compact: true }))).not.toContain("Models (5)");
    expect(JSON.stringify(paperCard(makePaper({ artifacts })))).toContain("Models (5):");
    expect(artifactBlocks(makePaper())).toEqual([]);
    expect(discussionBlocks(makePaper({ numComments: 1 }))).toEqual([
      { kind: "text", spans: [{ text: "Discussion on Hugging Face", url: "https://huggingface.co/papers/2509.04664#community" }, { text: " (1 comment)" }] },
    ]);
    expect(discussionBlocks(makePaper({ id: "hep-th/9901001" }))).toEqual([]);
    expect(discussionBlocks(makePaper({ source: "arxiv" }))).toEqual([]);
  });
});
