// /paper foryou as messages: a header that says how the list was made, one compact card per paper whose first
// line says which saved paper it is like, Save and Not for me on every card, and a plain note when nothing is left.
import { describe, expect, it } from "vitest";
import { forYouMessages } from "../../../src/format/foryou.js";
import { allTexts, makePaper } from "./make-paper.js";

const saved = makePaper({ id: "2512.10926", title: "Decoupled Q-Chunking" });

describe("forYouMessages", () => {
  it("says why each paper is there and offers Save and Not for me", () => {
    const a = makePaper({ id: "2601.00001", title: "Paper A" });
    const b = makePaper({ id: "2601.00002", title: "Paper B" });
    const messages = forYouMessages({ coldStart: false, recommendations: [{ paper: a, because: saved, score: 1 }, { paper: b, because: saved, score: 0.5 }] }, 30);
    expect(messages).toHaveLength(3);
    expect(messages[0]?.fallbackText).toContain("Picked for you from the last 30 days");
    for (const [i, m] of messages.slice(1).entries()) {
      const first = m.blocks[0];
      expect(first?.kind === "context" && first.spans.map((s) => s.text).join("")).toMatch(/^Like Decoupled Q-Chunking, which you saved · /);
      expect(first?.kind === "context" && first.spans.some((s) => "style" in s && s.style === "italic" && s.text === "Decoupled Q-Chunking")).toBe(true);
      expect(m.actions).toEqual([{ kind: "save", paperId: [a, b][i]?.id }, { kind: "dismiss", paperId: [a, b][i]?.id }]);
      expect(m.fallbackText).toContain("like “Decoupled Q-Chunking”, which you saved");
      expect(m.ref?.paperId).toBe([a, b][i]?.id);
    }
  });

  it("tells a new user how 🔖 makes the list theirs, and shows no reasons", () => {
    const messages = forYouMessages({ coldStart: true, recommendations: [{ paper: makePaper(), score: 0 }] }, 30);
    expect(messages[0]?.fallbackText).toMatch(/most upvoted papers of the last 30 days.*🔖.*from 3 bookmarks on/);
    expect(messages.flatMap(allTexts).join("\n")).not.toContain("which you saved");
  });

  it("says so in plain words when there is nothing left to suggest", () => {
    const [only, ...rest] = forYouMessages({ coldStart: false, recommendations: [] }, 30);
    expect(rest).toEqual([]);
    expect(only?.fallbackText).toContain("no papers from the last 30 days");
  });
});
