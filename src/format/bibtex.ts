// Papers → BibTeX (@misc with eprint/archivePrefix, as arXiv itself exports). Citation.js does the LaTeX
// escaping of titles and names ({ } % & _ \ $ # ~ ^, accents). Two of its habits need a guard: it drops
// characters it has no LaTeX for (CJK, emoji, ≤) and reads <i>/<b> in titles as markup; such characters
// go through as placeholders and come back raw (UTF-8) or as \textless{}. Mixed-case words and acronyms are
// braced ({StaMo}) so bibliography styles keep their capitals.
import { createRequire } from "node:module";
import type { Cite } from "@citation-js/core";
import { isNewStyleId } from "../ids.js";
import type { Paper } from "../paper.js";
import { normalizeWhitespace } from "./text.js";

type CslName = { given?: string; family?: string; literal?: string };

const require = createRequire(import.meta.url);
let citeClass: typeof Cite | undefined;

/** Citation.js (~15 MB resident) loads on the first BibTeX export rather than at boot; it is CommonJS. */
function loadCite(): typeof Cite {
  if (!citeClass) {
    require("@citation-js/plugin-bibtex");
    citeClass = (require("@citation-js/core") as { Cite: typeof Cite }).Cite;
  }
  return citeClass;
}

const droppedCache = new Map<string, boolean>();

/** Which of `chars` Citation.js would silently drop from a title (checked once per character, cached). */
function learnDropped(chars: Iterable<string>): void {
  const unknown = [...new Set(chars)].filter((c) => !droppedCache.has(c));
  if (unknown.length === 0) return;
  const items = unknown.map((c, i) => ({ id: `c${i}`, type: "document", title: `a${c}a` }));
  const out = new (loadCite())(items).format("bibtex", { format: "object" });
  unknown.forEach((c, i) => droppedCache.set(c, out[i]?.properties.title === "aa"));
  if (droppedCache.size > 10_000) droppedCache.clear();
}

/** Swaps risky characters for ASCII tokens Citation.js passes through untouched; `restore` undoes it. */
function createProtector(inputs: string[]) {
  let marker = "qzpb";
  while (inputs.some((t) => t.includes(marker))) marker += "q";
  const replacements: string[] = [];
  learnDropped(inputs.flatMap((t) => Array.from(t).filter((c) => c.codePointAt(0)! > 0x7f)));
  const token = (replacement: string) => `${marker}${replacements.push(replacement) - 1}${marker}`;
  return {
    protect(text: string): string {
      return Array.from(text)
        .map((c) => (c === "<" ? token("\\textless{}") : droppedCache.get(c) ? token(c) : c))
        .join("");
    },
    /** A token that comes back as `latex` verbatim. */
    raw(latex: string): string {
      return token(latex);
    },
    restore(text: string): string {
      return text.replace(new RegExp(`${marker}(\\d+)${marker}`, "g"), (_, i: string) => replacements[Number(i)] ?? "");
    },
  };
}

/** "Ada King Lovelace" → given "Ada King", family "Lovelace"; odd names stay whole. */
/**
 * Words with a capital after their first letter (StaMo, LLM, iPhone) go out braced, so a style that changes
 * title case leaves them alone; Citation.js braces only capitalised words after the first.
 */
function braceMixedCase(title: string, raw: (latex: string) => string): string {
  return title.replace(/(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])/g, (word) => raw(`{${word}}`));
}

export function splitName(name: string): CslName {
  const parts = name.split(" ");
  if (parts.length < 2 || /,|\band\b/i.test(name)) return { literal: name };
  return { given: parts.slice(0, -1).join(" "), family: parts.at(-1)! };
}

export function paperYear(paper: Paper): string | undefined {
  for (const d of [paper.publishedAt, paper.listDate]) {
    const y = d && /^(\d{4})-\d{2}/.exec(d)?.[1];
    if (y) return y;
  }
  if (isNewStyleId(paper.id)) return `20${paper.id.slice(0, 2)}`;
  const old = /\/(\d{2})/.exec(paper.id)?.[1];
  return old ? `${Number(old) >= 91 ? "19" : "20"}${old}` : undefined;
}

function asciiWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

/** A stable, unique citation key: first author's family name, year, arXiv id (`vaswani2017_1706.03762`). */
function citationKey(paper: Paper, year: string | undefined): string {
  const first = paper.authors[0] ? normalizeWhitespace(paper.authors[0]).split(" ").at(-1) ?? "" : "";
  return `${asciiWord(first).slice(0, 30) || "arxiv"}${year ?? ""}_${paper.id.replace("/", "_")}`;
}

/** The papers as a BibTeX file (one @misc entry each, in the given order; duplicates by id dropped). */
export function papersToBibtex(papers: readonly Paper[]): string {
  const unique = [...new Map(papers.map((p) => [p.id, p])).values()];
  if (unique.length === 0) return "% paperboy: no papers to export.\n";
  const titles = unique.map((p) => normalizeWhitespace(p.title).normalize("NFC") || `arXiv ${p.id}`);
  const names = unique.map((p) => p.authors.map((a) => normalizeWhitespace(a).normalize("NFC")).filter(Boolean));
  const guard = createProtector([...titles, ...names.flat()]);

  // Citation.js writes single-part ("literal") names without escaping them, so those are escaped here as
  // titles first and handed over pre-escaped, behind a placeholder.
  const literals = [...new Set(names.flat().map(splitName).flatMap((n) => (n.literal ? [n.literal] : [])))];
  const escapedLiterals = new Map(
    new (loadCite())(literals.map((l, i) => ({ id: `l${i}`, type: "document", title: guard.protect(l) })))
      .format("bibtex", { format: "object" })
      .map((entry, i) => [literals[i] ?? "", entry.properties.title ?? ""] as const),
  );
  const items = unique.map((paper, i) => {
    const year = paperYear(paper);
    const authors = (names[i] ?? []).map(splitName).map((n): CslName => {
      if (n.literal) return { family: guard.raw(guard.restore(escapedLiterals.get(n.literal) ?? "")) };
      return { given: guard.protect(n.given ?? ""), family: guard.protect(n.family ?? "") };
    });
    return {
      id: `p${i}`,
      type: "document",
      title: guard.protect(braceMixedCase(titles[i] ?? "", guard.raw)),
      ...(authors.length > 0 ? { author: authors } : {}),
      ...(year ? { issued: { "date-parts": [[Number(year)]] } } : {}),
    };
  });
  const formatted = new (loadCite())(items).format("bibtex", { format: "object" });

  return unique
    .map((paper, i) => {
      const props = formatted[i]?.properties ?? {};
      const year = paperYear(paper);
      const fields: [string, string | undefined][] = [
        ["author", props.author],
        ["title", props.title],
        ["year", year],
        ["eprint", paper.id],
        ["archivePrefix", "arXiv"],
        ["url", `https://arxiv.org/abs/${paper.id}`],
      ];
      const body = fields
        .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "")
        .map(([k, v]) => `  ${k} = {${guard.restore(v)}},`)
        .join("\n");
      return `@misc{${citationKey(paper, year)},\n${body}\n}\n`;
    })
    .join("\n");
}
