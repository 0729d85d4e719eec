import { describe, expect, it } from "vitest";
import type { Block } from "../../../src/message.js";
import { authorLine, MAX_KEYWORDS, paperCard, safeUrl } from "../../../src/format/paper-card.js";
import { allTexts, allUrls, makePaper, visibleText } from "./make-paper.js";

const block = <K extends Block["kind"]>(blocks: Block[], kind: K) =>
  blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

describe("paperCard", () => {
  it("shows what a reader needs: title linking to HF, authors, org, date, votes, stars, summary, keywords, links", () => {
    const card = paperCard(makePaper({ authors: ["A One", "B Two", "C Three", "D Four"], authorCount: 12 }));
    expect(card.title).toBe("Why Language Models Hallucinate");
    expect(card.url).toBe("https://huggingface.co/papers/2509.04664");
    expect(card.thumbnailUrl).toMatch(/^https:\/\/cdn-thumbnails/);
    expect(visibleText(card)).toContain("A One, B Two, C Three and 9 more");
    expect(visibleText(card)).toContain("OpenAI");
    expect(block(card.blocks, "fields")[0]?.fields).toEqual([
      { label: "Daily list", value: "Mon 8 Sep 2025" },
      { label: "Upvotes", value: "26" },
      { label: "GitHub stars", value: "1,234" },
    ]);
    expect(visibleText(card)).toContain("training and evaluation reward guessing");
    expect(visibleText(card)).toContain("Keywords: hallucination, evaluation, calibration");
    expect(block(card.blocks, "links")[0]?.links.map((l) => l.label)).toEqual(["arXiv", "PDF", "Hugging Face", "Code"]);
    expect(card.ref).toEqual({ paperId: "2509.04664", date: "2025-09-08" });
    expect(card.fallbackText).toContain("Why Language Models Hallucinate");
    expect(card.fallbackText).toContain("https://huggingface.co/papers/2509.04664");
  });

  it("uses the abstract's first sentences when Hugging Face has no AI summary", () => {
    const card = paperCard(makePaper({ aiSummary: undefined, abstract: `${"First sentence here. ".repeat(40)}` }));
    const summary = block(card.blocks, "text")[0]?.spans[0]?.text ?? "";
    expect(summary.startsWith("First sentence here.")).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(400);
    expect(summary.endsWith(".")).toBe(true);
  });

  it("links old-style papers to arXiv, with no Hugging Face link", () => {
    const card = paperCard(makePaper({ id: "hep-th/9901001", source: "arxiv" }));
    expect(card.url).toBe("https://arxiv.org/abs/hep-th/9901001");
    expect(allUrls(card).some((u) => u.includes("huggingface.co/papers"))).toBe(false);
  });

  it("adds a project page and keeps the caller's actions", () => {
    const card = paperCard(makePaper({ projectPage: "https://project.example/page" }), {
      actions: [{ kind: "save", paperId: "2509.04664" }],
    });
    expect(block(card.blocks, "links")[0]?.links.at(-1)).toEqual({ label: "Project page", url: "https://project.example/page" });
    expect(card.actions).toEqual([{ kind: "save", paperId: "2509.04664" }]);
  });

  it("copes with a paper that has only an id", () => {
    const card = paperCard({ id: "2401.01234", title: "", abstract: "", authors: [], authorCount: 0, keywords: [], source: "arxiv" });
    expect(card.title).toBe("arXiv 2401.01234");
    expect(card.blocks.map((b) => b.kind)).toEqual(["links"]);
    expect(card.thumbnailUrl).toBeUndefined();
    expect(card.actions).toBeUndefined();
    expect(card.ref).toEqual({ paperId: "2401.01234" });
    expect(card.fallbackText).toBe("arXiv 2401.01234 — https://huggingface.co/papers/2401.01234");
  });

  it("compact cards keep title, facts and a short summary, nothing else", () => {
    const card = paperCard(makePaper(), { compact: true, actions: [{ kind: "unsave", paperId: "2509.04664" }] });
    expect(card.blocks.map((b) => b.kind)).toEqual(["context", "text"]);
    expect(visibleText(card)).toContain("Mon 8 Sep 2025 · 26 upvotes · 1,234 GitHub stars");
    expect(card.thumbnailUrl).toBeUndefined();
    expect(card.ref?.paperId).toBe("2509.04664");
  });
});

describe("paperCard on hostile paper data", () => {
  const hostile = makePaper({
    title: `@everyone <!channel> **bold** _it_ \`code\` [x](https://evil.example) <@U123> ${"long ".repeat(1000)}`,
    authors: ["<!here>", "\u202eevil\u202c", "", "   ", "*Star*"],
    authorCount: 5,
    organization: "Org\u0000\n\nName",
    abstract: "a".repeat(5000),
    aiSummary: `${"Sentence with \u0007 bell. ".repeat(100)}`,
    keywords: Array.from({ length: 30 }, (_, i) => `kw${i % 12}\n`),
    githubRepo: "javascript:alert(1)",
    githubStars: 5,
    projectPage: "data:text/html,<script>",
    thumbnailUrl: "file:///etc/passwd",
    listDate: "not a date",
    upvotes: 3,
  });
  const card = paperCard(hostile);

  it("bounds title (300), summary (600) and keywords (8)", () => {
    expect(card.title?.length).toBeLessThanOrEqual(300);
    expect(card.title?.endsWith("…")).toBe(true);
    const summary = block(card.blocks, "text")[0]?.spans[0]?.text ?? "";
    expect(summary.length).toBeLessThanOrEqual(600);
    const keywords = visibleText(card).match(/Keywords: (.*)/)?.[1]?.split(", ") ?? [];
    expect(keywords.length).toBeLessThanOrEqual(MAX_KEYWORDS);
  });

  it("leaves no control characters, bidi overrides or newlines in any text", () => {
    // eslint-disable-next-line no-control-regex -- asserting there are none
    for (const text of allTexts(card)) expect(text).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
  });

  it("keeps the text plain: mentions and markup characters pass through untouched for adapters to escape", () => {
    expect(card.title).toContain("@everyone <!channel> **bold** _it_");
  });

  it("drops every non-http(s) URL and any invalid date", () => {
    for (const url of allUrls(card)) expect(url).toMatch(/^https:\/\//);
    expect(block(card.blocks, "links")[0]?.links.map((l) => l.label)).toEqual(["arXiv", "PDF", "Hugging Face"]);
    expect(card.thumbnailUrl).toBeUndefined();
    expect(card.ref).toEqual({ paperId: hostile.id });
    expect(visibleText(card)).not.toContain("GitHub stars");
  });

  it("skips blank author names but still counts every author", () => {
    expect(authorLine(hostile)).toBe("<!here>, evil, *Star* and 2 more");
  });
});

describe("authorLine", () => {
  const withAuthors = (authors: string[], authorCount = authors.length) => makePaper({ authors, authorCount });
  it.each([
    [[], 0, ""],
    [[], 7, "7 authors"],
    [["Ada"], 1, "Ada"],
    [["Ada", "Alan"], 2, "Ada and Alan"],
    [["Ada", "Alan", "Grace"], 3, "Ada, Alan and Grace"],
    [["Ada", "Alan", "Grace", "Edsger"], 4, "Ada, Alan, Grace and 1 more"],
    [["Ada"], 1000, "Ada and 999 more"],
  ])("%j of %i → %j", (authors, count, expected) => {
    expect(authorLine(withAuthors(authors, count))).toBe(expected);
  });
});

describe("safeUrl", () => {
  it("accepts http(s) only", () => {
    expect(safeUrl(" https://github.com/a/b ")).toBe("https://github.com/a/b");
    expect(safeUrl("http://example.com/x y")).toBe("http://example.com/x%20y");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("//evil.example")).toBeUndefined();
    expect(safeUrl(`https://e.com/${"a".repeat(3000)}`)).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
