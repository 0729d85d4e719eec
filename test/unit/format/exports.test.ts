// Every reading-list export parses back with a well-kept parser of its format: BibTeX (Citation.js), CSV
// (csv-parse), RIS (Citation.js plugin-ris), CSL-JSON (Citation.js + citeproc via plugin-csl), Markdown (marked),
// including hostile titles, and read state and tags survive where the format has a place for them.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import "@citation-js/plugin-ris";
import { parse as parseCsv } from "csv-parse/sync";
import { marked, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { bookmarksBibtex, bookmarksMarkdown } from "../../../src/format/bookmarks.js";
import { bookmarksCslJson, bookmarksCsv, bookmarksRis } from "../../../src/format/exports.js";
import type { Bookmark } from "../../../src/store/types.js";
import { makePaper } from "./make-paper.js";

const HOSTILE = [
  "StaMo: Curly {braces} and 100% & under_score",
  'Quotes "double", \'single\', “curly” and a, comma',
  "Back\\slash \\textbf{x} $x^2$ ~tilde^ #hash",
  "Accents: Schrödinger, naïve café, Łódź",
  "中文标题 with emoji 😀 and symbols ≤ ∞ →",
  "=HYPERLINK(\"https://evil.example\") @everyone <!channel> *md* [link](https://evil.example)",
];

const marks: Bookmark[] = HOSTILE.map((title, i) => ({
  paperId: `2401.0000${i}`,
  savedAt: "2026-05-05T10:00:00.000Z",
  paper: makePaper({ id: `2401.0000${i}`, title, publishedAt: "2024-01-02T00:00:00.000Z", authors: ["Ada Lovelace", "Team{ &"] }),
  ...(i === 0 ? { readAt: "2026-05-06T09:00:00.000Z", tags: ["robotics", "to-cite"] } : {}),
}));
// A title with a line break, as a broken upstream record might carry: it must stay one field everywhere.
const broken: Bookmark = { ...marks[1]!, paperId: "2401.00099", paper: makePaper({ id: "2401.00099", title: "Line one\nTY  - JOUR\r\nline two" }) };
const flat = "Line one TY - JOUR line two";

type Csl = { title?: string; author?: { given?: string; family?: string; literal?: string }[]; DOI?: string; URL?: string; keyword?: string; issued?: unknown };

describe("exports parse back", () => {
  it("BibTeX: every title reads back as written; acronyms and mixed case are braced", () => {
    const content = bookmarksBibtex(marks).content;
    const entries = new Cite(content).data as Csl[];
    expect(entries.map((e) => e.title)).toEqual(HOSTILE);
    expect(content).toContain("title = {{StaMo}:");
  });

  it("CSV: one row per bookmark with the header, hostile cells intact, formulas defused", () => {
    const rows = parseCsv(bookmarksCsv([...marks, broken]).content, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(HOSTILE.length + 1);
    expect(rows.slice(0, 5).map((r) => r.title)).toEqual(HOSTILE.slice(0, 5));
    expect(rows[5]?.title).toBe(`'${HOSTILE[5]}`);
    expect(rows[6]?.title).toBe(flat);
    expect(rows[0]).toMatchObject({ id: "2401.00000", authors: "Ada Lovelace; Team{ &", read_at: "2026-05-06T09:00:00.000Z", tags: "robotics; to-cite", year: "2024" });
    expect(rows[1]?.read_at).toBe("");
  });

  it("RIS: TY/AU/TI/AB/PY/DA/UR/DO/KW/ER read back by Citation.js, a line break cannot start a tag", () => {
    const content = bookmarksRis([...marks, broken]).content;
    const items = new Cite(content, { forceType: "@ris/file" }).data as Csl[];
    expect(items.map((i) => i.title)).toEqual([...HOSTILE, flat]);
    expect(items[0]?.author?.[0]).toMatchObject({ family: "Lovelace", given: "Ada" });
    expect(items[0]?.DOI).toBe("10.48550/arXiv.2401.00000");
    expect(items[0]?.URL).toBe("https://arxiv.org/abs/2401.00000");
    expect(content.match(/^TY {2}- UNPB\r$/gm)).toHaveLength(HOSTILE.length + 1);
    expect(content.match(/^ER {2}-\r?$/gm)).toHaveLength(HOSTILE.length + 1);
    expect(content).toContain("PY  - 2024\r\nDA  - 2024/01/02/\r\n");
    expect(content).toContain("KW  - robotics\r\nKW  - to-cite\r\n");
    expect(content).toContain("AB  - Like students");
    expect(content.match(/^TY/gm)).toHaveLength(HOSTILE.length + 1);
  });

  it("CSL-JSON: Citation.js accepts it and citeproc renders a bibliography entry per paper", () => {
    const content = bookmarksCslJson([...marks, broken]).content;
    const items = JSON.parse(content) as Csl[];
    const cite = new Cite(items);
    expect((cite.data as Csl[]).map((i) => i.title)).toEqual([...HOSTILE, flat]);
    expect(items[0]).toMatchObject({ type: "article", DOI: "10.48550/arXiv.2401.00000", keyword: "hallucination, evaluation, calibration, robotics, to-cite" });
    expect(items[0]?.issued).toEqual({ "date-parts": [[2024, 1, 2]] });
    const text = cite.format("bibliography", { format: "text", template: "apa" }) as string;
    expect(text.trim().split("\n")).toHaveLength(HOSTILE.length + 1);
    expect(text).toContain("Lovelace, A.");
  });

  it("Markdown: marked reads one heading per paper whose text is the title, links intact", () => {
    const tokens = marked.lexer(bookmarksMarkdown(marks).content);
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === "heading" && t.depth === 2);
    expect(headings).toHaveLength(HOSTILE.length);
    for (const [i, heading] of headings.entries()) {
      const link = heading.tokens[0] as Tokens.Link;
      expect(link.type).toBe("link");
      expect(link.href).toBe(`https://huggingface.co/papers/2401.0000${i}`);
      expect(unescapeHtml(link.tokens.map(plain).join(""))).toBe(HOSTILE[i]);
    }
    expect(bookmarksMarkdown(marks).content).toContain("read 2026-05-06 · tags: robotics, to-cite");
  });
});

/** The text a reader sees in an inline token (marked keeps entities escaped in `text`). */
function plain(token: Tokens.Generic): string {
  if (token.type === "escape") return token.text;
  if ("tokens" in token && Array.isArray(token.tokens)) return token.tokens.map(plain).join("");
  return token.text ?? token.raw;
}

function unescapeHtml(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

