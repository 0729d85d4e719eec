import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { describe, expect, it } from "vitest";
import { bookmarksBibtex, bookmarksList, bookmarksMarkdown, BOOKMARKS_SHOWN } from "../../../src/format/bookmarks.js";
import type { Paper } from "../../../src/paper.js";
import type { Bookmark } from "../../../src/store/types.js";
import { makePaper, visibleText } from "./make-paper.js";

const bookmark = (paper: Paper, savedAt = "2025-09-09T10:00:00.000Z"): Bookmark => ({ paperId: paper.id, savedAt, paper });

const HOSTILE_TITLES = [
  "Curly {braces} and 100% & under_score",
  "Unbalanced { brace and } other } way",
  "Back\\slash \\textbf{x} $x^2$ ~tilde^ #hash",
  "Accents: Schrödinger, naïve café, Łódź, Ærøskøbing",
  "Tags <i>unclosed <b>bold</b> and x < y > z",
  "中文标题 with emoji 😀 and symbols ≤ ∞ →",
  "@everyone <!channel> *md* _x_ `code` |pipe| [link](https://evil.example)",
];

describe("bookmarksList", () => {
  it("explains how to save when there is nothing yet", () => {
    const [only, ...rest] = bookmarksList([]);
    expect(rest).toEqual([]);
    expect(visibleText(only!)).toContain("🔖");
    expect(visibleText(only!)).toContain("Save");
  });

  it("shows each bookmark as a compact card with an Unsave button", () => {
    const messages = bookmarksList([bookmark(makePaper()), bookmark(makePaper({ id: "2401.01234", title: "Another" }))]);
    expect(messages[0]?.fallbackText).toMatch(/^Your 2 bookmarks, newest first\./);
    expect(messages.slice(1).map((m) => m.title)).toEqual(["Why Language Models Hallucinate", "Another"]);
    expect(messages[2]?.actions).toEqual([
      { kind: "read", paperId: "2401.01234" },
      { kind: "unsave", paperId: "2401.01234" },
    ]);
  });

  it("shows the newest ten of a long list and points to the exports", () => {
    const many = Array.from({ length: 25 }, (_, i) => bookmark(makePaper({ id: `2401.${String(i).padStart(5, "0")}` })));
    const messages = bookmarksList(many);
    expect(messages).toHaveLength(BOOKMARKS_SHOWN + 1);
    expect(messages[0]?.fallbackText).toContain("Your 25 bookmarks — the 10 newest are below.");
    expect(messages[0]?.fallbackText).toContain("/paper bookmarks markdown");
  });
});

describe("bookmarksMarkdown", () => {
  it("is a Markdown file listing every paper with links, authors and summary", () => {
    const file = bookmarksMarkdown([bookmark(makePaper()), bookmark(makePaper({ id: "hep-th/9901001", title: "Old one" }))]);
    expect(file.filename).toBe("paperboy-bookmarks.md");
    expect(file.mimeType).toBe("text/markdown");
    expect(file.content).toContain("2 papers, newest first.");
    expect(file.content).toContain("## [Why Language Models Hallucinate](https://huggingface.co/papers/2509.04664)");
    expect(file.content).toContain("## [Old one](https://arxiv.org/abs/hep-th/9901001)");
    expect(file.content).toContain("[PDF](https://arxiv.org/pdf/2509.04664)");
    expect(file.content).toContain("Daily list Mon 8 Sep 2025 · saved 2025-09-09");
    expect(file.content).toContain("> Language models hallucinate");
  });

  it("escapes markup in titles so they show as typed and never form links or HTML", () => {
    const title = "[click](javascript:alert(1)) <img src=x> *bold* `tick` # & _u_";
    const file = bookmarksMarkdown([bookmark(makePaper({ title, aiSummary: "<script>x</script> **y**" }))]);
    expect(file.content).toContain(
      "## [\\[click\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*bold\\* \\`tick\\` \\# &amp; \\_u\\_](https://huggingface.co/papers/2509.04664)",
    );
    expect(file.content).toContain("> \\<script\\>x\\</script\\> \\*\\*y\\*\\*");
  });

  it("still produces a valid file with no bookmarks", () => {
    expect(bookmarksMarkdown([]).content).toBe("# paperboy bookmarks\n\n0 papers, newest first.\n");
  });
});

/** Entries of a .bib text as Citation.js reads them. */
const parseBib = (text: string) => new Cite(text).data as { title?: string; author?: { given?: string; family?: string }[] }[];

describe("bookmarksBibtex", () => {
  it("writes @misc entries with eprint, archivePrefix, url, year and authors", () => {
    const file = bookmarksBibtex([
      bookmark(makePaper({ publishedAt: "2025-09-04T17:26:31.000Z" })),
      bookmark(makePaper({ id: "hep-th/9901001", title: "Old", authors: ["E. Witten"], authorCount: 1, publishedAt: undefined, listDate: undefined })),
    ]);
    expect(file.filename).toBe("paperboy-bookmarks.bib");
    expect(file.mimeType).toBe("application/x-bibtex");
    expect(file.content).toContain(
      [
        "@misc{kalai2025_2509.04664,",
        "  author = {Kalai, Adam Tauman and Nachum, Ofir and Vempala, Santosh S. and Zhang, Edwin},",
        // Citation.js braces capitalised words so BibTeX styles keep their case.
        "  title = {Why {Language} {Models} {Hallucinate}},",
        "  year = {2025},",
        "  eprint = {2509.04664},",
        "  archivePrefix = {arXiv},",
        "  url = {https://arxiv.org/abs/2509.04664},",
        "}",
      ].join("\n"),
    );
    expect(file.content).toContain("@misc{witten1999_hep-th_9901001,");
    expect(file.content).toContain("  eprint = {hep-th/9901001},");
    expect(parseBib(file.content)).toHaveLength(2);
  });

  it.each(HOSTILE_TITLES)("escapes %j so Citation.js reads the same title back", (title) => {
    const file = bookmarksBibtex([bookmark(makePaper({ title }))]);
    const [entry] = parseBib(file.content);
    expect(entry?.title).toBe(title);
    // Braces balance inside every entry, or BibTeX would swallow the rest of the file.
    let depth = 0;
    for (const c of file.content.replace(/\\[{}]/g, "")) {
      depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it("keeps hostile author names intact and separate", () => {
    const authors = ["José Núñez", "Team{", "Smith, Jr.", "Tom and Jerry", "李 小龙", "100% & _Co_"];
    const [entry] = parseBib(bookmarksBibtex([bookmark(makePaper({ authors, authorCount: 6 }))]).content);
    expect(entry?.author).toHaveLength(6);
    expect(entry?.author?.[0]).toEqual({ given: "José", family: "Núñez" });
    expect(entry?.author?.map((a) => [a.given, a.family].filter(Boolean).join(" "))).toEqual([
      "José Núñez",
      "Team{",
      "Smith, Jr.",
      "Tom and Jerry",
      "李 小龙",
      "100% & _Co_",
    ]);
  });

  it("reads back every entry of a file with all the hostile titles at once", () => {
    const marks = HOSTILE_TITLES.map((title, i) => bookmark(makePaper({ id: `2401.${String(i).padStart(5, "0")}`, title })));
    expect(parseBib(bookmarksBibtex(marks).content).map((e) => e.title)).toEqual(HOSTILE_TITLES);
  });

  it("exports each paper once and copes with empty fields and no bookmarks", () => {
    const bare = makePaper({ id: "2401.01234", title: "", authors: [], authorCount: 0, publishedAt: undefined, listDate: undefined });
    const content = bookmarksBibtex([bookmark(bare), bookmark(bare)]).content;
    expect(content.match(/@misc/g)).toHaveLength(1);
    expect(content).toContain("title = {{arXiv} 2401.01234}");
    expect(content).toContain("year = {2024}");
    expect(bookmarksBibtex([]).content).toBe("% paperboy: no papers to export.\n");
  });

  it("exports 200 bookmarks quickly", () => {
    const marks = Array.from({ length: 200 }, (_, i) =>
      bookmark(
        makePaper({
          id: `2401.${String(i).padStart(5, "0")}`,
          title: `${HOSTILE_TITLES[i % HOSTILE_TITLES.length]} ${i}`,
          authors: Array.from({ length: 20 }, (_, j) => `Author${j} Name${i}`),
          authorCount: 20,
        }),
      ),
    );
    const start = performance.now();
    const content = bookmarksBibtex(marks).content;
    expect(performance.now() - start).toBeLessThan(3000);
    expect(content.match(/@misc/g)).toHaveLength(200);
  });
});

describe("reading state and tags in the list", () => {
  const unread = bookmark(makePaper({ id: "2401.00001", title: "Unread one" }));
  const read: Bookmark = { ...bookmark(makePaper({ id: "2401.00002", title: "Read one" })), readAt: "2026-05-04T08:00:00.000Z", tags: ["rl"] };

  it("offers Mark read only while unread and shows read date and tags", () => {
    const [, first, second] = bookmarksList([unread, read]);
    expect(first?.actions?.map((a) => a.kind)).toEqual(["read", "unsave"]);
    expect(second?.actions?.map((a) => a.kind)).toEqual(["unsave"]);
    expect(visibleText(second!)).toContain("✓ read 2026-05-04 · tags: rl");
  });

  it("filters to unread and to a tag, and says so when nothing matches", () => {
    expect(bookmarksList([unread, read], "discord", { unread: true }).map((m) => m.title)).toEqual([undefined, "Unread one"]);
    expect(bookmarksList([unread, read], "discord", { tag: "rl" })[0]?.fallbackText).toMatch(/^Your 1 bookmark tagged rl,/);
    expect(bookmarksList([read], "discord", { unread: true })[0]?.fallbackText).toBe("You have no unread bookmarks. /paper bookmarks shows all 1.");
  });
});
