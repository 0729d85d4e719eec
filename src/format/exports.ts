// Reading-list exports beyond Markdown and BibTeX: CSV (spreadsheets), RIS (Zotero, Mendeley, EndNote) and
// CSL-JSON (citeproc, Pandoc, Zotero). All three are built from the stored snapshots, with every text field
// collapsed to one line, so an untrusted title can never start a new row, tag or record.
import type { Attachment } from "../message.js";
import type { Paper } from "../paper.js";
import type { Bookmark } from "../store/types.js";
import { paperYear, splitName } from "./bibtex.js";
import { normalizeWhitespace } from "./text.js";

/** Text on one line: control characters and line breaks become spaces. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return normalizeWhitespace(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " "));
}

const arxivUrl = (paper: Paper) => `https://arxiv.org/abs/${paper.id}`;
/** arXiv registers a DataCite DOI for every paper. */
const arxivDoi = (paper: Paper) => `10.48550/arXiv.${paper.id}`;
const titleOf = (paper: Paper) => oneLine(paper.title) || `arXiv ${paper.id}`;

/** `YYYY-MM-DD` parts of the paper's arXiv date (or list date), when known. */
function dateParts(paper: Paper): [number, number, number] | undefined {
  for (const d of [paper.publishedAt, paper.listDate]) {
    const m = d ? /^(\d{4})-(\d{2})-(\d{2})/.exec(d) : null;
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return undefined;
}

const CSV_COLUMNS = ["id", "title", "authors", "year", "list_date", "saved_at", "read_at", "tags", "url", "abstract"];

/** One CSV cell: quoted when needed; a leading = + - @ gets a ' so spreadsheets never run it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every bookmark as a CSV row (RFC 4180, CRLF, UTF-8 with a BOM so Excel reads accents right). */
export function bookmarksCsv(bookmarks: readonly Bookmark[]): Attachment {
  const rows = bookmarks.map((b) => [
    b.paperId,
    titleOf(b.paper),
    b.paper.authors.map(oneLine).join("; "),
    paperYear(b.paper) ?? "",
    b.paper.listDate ?? "",
    b.savedAt,
    b.readAt ?? "",
    (b.tags ?? []).join("; "),
    arxivUrl(b.paper),
    oneLine(b.paper.abstract),
  ]);
  const content = [CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n");
  return { filename: "paperboy-bookmarks.csv", mimeType: "text/csv", content: `\uFEFF${content}\r\n` };
}

/** Every bookmark as RIS records (TY UNPB: an arXiv preprint), CRLF line ends as EndNote expects. */
export function bookmarksRis(bookmarks: readonly Bookmark[]): Attachment {
  const records = bookmarks.map((b) => {
    const p = b.paper;
    const lines: [string, string][] = [["TY", "UNPB"]];
    for (const author of p.authors) {
      const name = splitName(oneLine(author));
      if (name.literal || name.family) lines.push(["AU", name.literal ?? `${name.family}, ${name.given}`]);
    }
    lines.push(["TI", titleOf(p)]);
    if (p.abstract.trim() !== "") lines.push(["AB", oneLine(p.abstract)]);
    const year = paperYear(p);
    if (year) lines.push(["PY", year]);
    const date = dateParts(p);
    if (date) lines.push(["DA", `${date[0]}/${String(date[1]).padStart(2, "0")}/${String(date[2]).padStart(2, "0")}/`]);
    lines.push(["PB", "arXiv"], ["UR", arxivUrl(p)], ["DO", arxivDoi(p)]);
    for (const keyword of [...p.keywords, ...(b.tags ?? [])]) if (oneLine(keyword) !== "") lines.push(["KW", oneLine(keyword)]);
    lines.push(["ER", ""]);
    return lines.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join("\r\n");
  });
  return { filename: "paperboy-bookmarks.ris", mimeType: "application/x-research-info-systems", content: records.map((r) => `${r}\r\n`).join("\r\n") };
}

/** One bookmark as a CSL-JSON item (type "article": a preprint, in CSL 1.0.2). */
export function cslItem(b: Bookmark): Record<string, unknown> {
  const p = b.paper;
  const authors = p.authors.map((a) => splitName(oneLine(a))).filter((n) => n.literal || n.family);
  const date = dateParts(p);
  const year = paperYear(p);
  const keywords = [...p.keywords, ...(b.tags ?? [])].map(oneLine).filter((k) => k !== "" && !k.includes(","));
  return {
    id: `arXiv:${p.id}`,
    type: "article",
    title: titleOf(p),
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(date ? { issued: { "date-parts": [date] } } : year ? { issued: { "date-parts": [[Number(year)]] } } : {}),
    ...(p.abstract.trim() !== "" ? { abstract: oneLine(p.abstract) } : {}),
    publisher: "arXiv",
    number: p.id,
    URL: arxivUrl(p),
    DOI: arxivDoi(p),
    ...(keywords.length > 0 ? { keyword: keywords.join(", ") } : {}),
  };
}

/** Every bookmark as a CSL-JSON array. */
export function bookmarksCslJson(bookmarks: readonly Bookmark[]): Attachment {
  return {
    filename: "paperboy-bookmarks.json",
    mimeType: "application/vnd.citationstyles.csl+json",
    content: `${JSON.stringify(bookmarks.map(cslItem), null, 2)}\n`,
  };
}
