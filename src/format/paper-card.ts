// Paper → OutgoingMessage: the card shown in daily posts, `/paper get`, search results and bookmarks.
// Paper data is untrusted, so every string is normalised and bounded here (title ≤ 300, summary ≤ 600,
// ≤ 8 keywords) and every URL from paper data must be http(s); adapters still escape and apply platform limits.
import { formatListDate, isCalendarDate } from "../time/dates.js";
import { isNewStyleId } from "../ids.js";
import type { Action, Block, OutgoingMessage, Span } from "../message.js";
import { paperLinks, type Paper } from "../paper.js";
import { artifactBlocks, discussionBlocks } from "./artifacts.js";
import { firstSentences, normalizeWhitespace, truncate } from "./text.js";

export const MAX_TITLE_CHARS = 300;
export const MAX_SUMMARY_CHARS = 600;
/** Target length of the abstract preview when Hugging Face has no AI summary. */
export const ABSTRACT_PREVIEW_CHARS = 400;
export const MAX_KEYWORDS = 8;
const MAX_NAME_CHARS = 80;
const MAX_KEYWORD_CHARS = 40;
const MAX_URL_CHARS = 2000;
const SHOWN_AUTHORS = 3;

export interface PaperCardOptions {
  /** Buttons under the card (Save, Post to channel, …). */
  actions?: Action[];
  /** Short form for lists (search results, bookmarks): no thumbnail, fields, keywords, links row or linked repos. */
  compact?: boolean;
  /** The list date to record with the message (defaults to paper.listDate). */
  date?: string;
}

/** An http(s) URL from paper data, or undefined: no javascript:, no mailto:, nothing unparseable. */
export function safeUrl(value: string | undefined): string | undefined {
  const url = value?.trim();
  if (!url || url.length > MAX_URL_CHARS || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  return new URL(url).href;
}

/** GitHub repo as a URL: HF gives full URLs, but accept `owner/name` too. */
function repoUrl(repo: string | undefined): string | undefined {
  const text = repo?.trim();
  if (text && /^[\w.-]+\/[\w.-]+$/.test(text)) return `https://github.com/${text}`;
  return safeUrl(text);
}

/** The card's headline: the title normalised and bounded, or the id when the title is empty. */
export function paperTitle(paper: Paper): string {
  const title = truncate(normalizeWhitespace(paper.title), MAX_TITLE_CHARS);
  return title === "" ? `arXiv ${paper.id}` : title;
}

/** Where a paper's title links: its Hugging Face page, or arXiv for old-style ids HF cannot show. */
export function paperUrl(paper: Paper): string {
  const links = paperLinks(paper.id);
  return links.hf ?? links.arxiv;
}

/** "Ada Lovelace, Alan Turing, Grace Hopper and 12 more"; "" when no author is known. */
export function authorLine(paper: Paper): string {
  const names = paper.authors.map((a) => truncate(normalizeWhitespace(a), MAX_NAME_CHARS)).filter((a) => a !== "");
  const total = Math.max(paper.authorCount, names.length);
  const shown = names.slice(0, SHOWN_AUTHORS);
  const more = total - shown.length;
  if (shown.length === 0) return more > 0 ? `${more} author${more === 1 ? "" : "s"}` : "";
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  if (shown.length === 1) return shown[0] ?? "";
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** HF's one-sentence AI summary, else the abstract's first sentences; bounded; "" when neither exists. */
export function paperSummary(paper: Paper, previewChars = ABSTRACT_PREVIEW_CHARS): string {
  const ai = normalizeWhitespace(paper.aiSummary ?? "");
  const text = ai !== "" ? ai : firstSentences(paper.abstract, previewChars);
  return truncate(text, MAX_SUMMARY_CHARS);
}

/** Up to 8 distinct keywords (case-insensitive), each normalised and bounded. */
export function paperKeywords(paper: Paper): string[] {
  const byKey = new Map<string, string>();
  for (const raw of paper.keywords) {
    const kw = truncate(normalizeWhitespace(raw), MAX_KEYWORD_CHARS);
    if (kw !== "" && !byKey.has(kw.toLowerCase()) && byKey.size < MAX_KEYWORDS) byKey.set(kw.toLowerCase(), kw);
  }
  return [...byKey.values()];
}

const count = (n: number) => Math.max(0, Math.round(n)).toLocaleString("en-US");

/** arXiv, PDF, Hugging Face, Code, Project page — only those that exist. */
export function paperLinkRow(paper: Paper): { label: string; url: string }[] {
  const links = paperLinks(paper.id);
  const row = [
    { label: "arXiv", url: links.arxiv },
    { label: "PDF", url: links.pdf },
  ];
  if (links.hf && isNewStyleId(paper.id)) row.push({ label: "Hugging Face", url: links.hf });
  const code = repoUrl(paper.githubRepo);
  if (code) row.push({ label: "Code", url: code });
  const project = safeUrl(paper.projectPage);
  if (project) row.push({ label: "Project page", url: project });
  return row;
}

/** The plain one-line facts of a compact card: "authors · date · 26 upvotes · 1,234 stars". */
function factsLine(paper: Paper, date: string | undefined): string {
  const parts = [authorLine(paper)];
  if (date) parts.push(formatListDate(date));
  if (paper.upvotes !== undefined) parts.push(`${count(paper.upvotes)} upvote${paper.upvotes === 1 ? "" : "s"}`);
  if (paper.githubStars !== undefined && paper.githubRepo) parts.push(`${count(paper.githubStars)} GitHub stars`);
  return parts.filter((p) => p !== "").join(" · ");
}

/** One paper as a message. `ref` is always set, so posting it makes 🔖 work on it. */
export function paperCard(paper: Paper, opts: PaperCardOptions = {}): OutgoingMessage {
  const title = paperTitle(paper);
  const url = paperUrl(paper);
  const date = [opts.date, paper.listDate].find((d): d is string => d !== undefined && isCalendarDate(d));
  const authors = authorLine(paper);
  const summary = paperSummary(paper, opts.compact ? 200 : ABSTRACT_PREVIEW_CHARS);
  const blocks: Block[] = [];

  if (opts.compact) {
    const facts = factsLine(paper, date);
    if (facts !== "") blocks.push({ kind: "context", spans: [{ text: facts }] });
    if (summary !== "") blocks.push({ kind: "text", spans: [{ text: summary }] });
  } else {
    const org = truncate(normalizeWhitespace(paper.organization ?? ""), MAX_NAME_CHARS);
    const byline: Span[] = [];
    if (authors !== "") byline.push({ text: authors });
    if (org !== "") byline.push({ text: authors !== "" ? ` · ${org}` : org, style: "italic" });
    if (byline.length > 0) blocks.push({ kind: "context", spans: byline });
    const fields: { label: string; value: string }[] = [];
    if (date) fields.push({ label: "Daily list", value: formatListDate(date) });
    if (paper.upvotes !== undefined) fields.push({ label: "Upvotes", value: count(paper.upvotes) });
    if (paper.githubStars !== undefined && repoUrl(paper.githubRepo)) {
      fields.push({ label: "GitHub stars", value: count(paper.githubStars) });
    }
    if (fields.length > 0) blocks.push({ kind: "fields", fields });
    if (summary !== "") blocks.push({ kind: "text", spans: [{ text: summary }] });
    const keywords = paperKeywords(paper);
    if (keywords.length > 0) blocks.push({ kind: "context", spans: [{ text: `Keywords: ${keywords.join(", ")}` }] });
    blocks.push({ kind: "links", links: paperLinkRow(paper) });
    // Last, so a platform short of room drops these lines before anything above.
    blocks.push(...artifactBlocks(paper), ...discussionBlocks(paper));
  }

  const thumbnailUrl = opts.compact ? undefined : safeUrl(paper.thumbnailUrl);
  const fallback = [title, authors, url].filter((s) => s !== "").join(" — ");
  return {
    title,
    url,
    ...(thumbnailUrl ? { thumbnailUrl } : {}),
    blocks,
    fallbackText: fallback,
    ...(opts.actions && opts.actions.length > 0 ? { actions: opts.actions } : {}),
    ref: { paperId: paper.id, ...(date ? { date } : {}) },
  };
}
