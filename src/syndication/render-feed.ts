// A FeedDocument → Atom 1.0 or RSS 2.0 text, built with the `feed` library. Paper data is untrusted: the library
// puts titles and summaries in CDATA marked as HTML (`type="html"` in Atom), so every such string is HTML-escaped
// here first and reaches a reader as literal text, never markup. Characters XML 1.0 forbids are dropped.
import { Feed, type Item } from "feed";
import { encode } from "html-entities";
import { authorLine, paperKeywords, paperLinkRow, paperTitle, paperUrl } from "../format/paper-card.js";
import { normalizeWhitespace, truncate } from "../format/text.js";
import { formatListDate } from "../time/dates.js";
import type { Paper } from "../paper.js";

export type FeedFormat = "atom" | "rss";

export interface FeedEntry {
  paper: Paper;
  /** When the entry appeared: the list date (daily) or when it was bookmarked. */
  published: Date;
  /** The Daily Papers list date, shown in the summary when known. */
  listDate?: string;
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The feed's own URL, also its Atom id. */
  selfUrl: string;
  /** A human page the feed mirrors (Hugging Face's list). */
  homeUrl: string;
  /** The newest change; the feed's `<updated>` and the HTTP Last-Modified. */
  updated: Date;
  entries: FeedEntry[];
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
};

const MAX_ABSTRACT_CHARS = 4000;
const MAX_AUTHORS = 20;

// XML 1.0 allows neither C0 controls (except tab/newline/CR) nor U+FFFE/U+FFFF; normalizeWhitespace already
// removes controls and lone surrogates from paper text, this catches the rest (and our own strings).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Plain text made safe for an XML text node the library escapes itself. */
function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(LONE_SURROGATE, "");
}

/** Plain text as HTML text (for fields readers treat as HTML). */
function html(text: string): string {
  return encode(xmlText(text), { mode: "specialChars", level: "html5" });
}

/** The paper with its text fields cleaned for XML before any formatting collapses whitespace around the gaps. */
function xmlSafePaper(paper: Paper): Paper {
  return {
    ...paper,
    title: xmlText(paper.title),
    abstract: xmlText(paper.abstract),
    authors: paper.authors.map(xmlText),
    keywords: paper.keywords.map(xmlText),
    ...(paper.aiSummary !== undefined ? { aiSummary: xmlText(paper.aiSummary) } : {}),
  };
}

function summaryHtml(paper: Paper, entry: FeedEntry): string {
  const facts = [authorLine(paper)];
  if (entry.listDate) facts.push(`Daily Papers of ${formatListDate(entry.listDate)}`);
  if (paper.upvotes !== undefined) facts.push(`${paper.upvotes} upvote${paper.upvotes === 1 ? "" : "s"}`);
  const ai = normalizeWhitespace(paper.aiSummary ?? "");
  const abstract = truncate(normalizeWhitespace(paper.abstract), MAX_ABSTRACT_CHARS);
  const links = paperLinkRow(paper).map((l) => `<a href="${html(l.url)}">${html(l.label)}</a>`);
  return [
    `<p>${html(facts.filter((f) => f !== "").join(" · "))}</p>`,
    ai !== "" ? `<p><strong>${html("TL;DR:")}</strong> ${html(ai)}</p>` : "",
    abstract !== "" ? `<p>${html(abstract)}</p>` : "",
    `<p>${links.join(" · ")}</p>`,
  ].join("");
}

function itemOf(entry: FeedEntry): Item {
  const paper = xmlSafePaper(entry.paper);
  const url = paperUrl(paper);
  const authors = paper.authors
    .map(normalizeWhitespace)
    .filter((a) => a !== "")
    .slice(0, MAX_AUTHORS);
  return {
    title: html(paperTitle(paper)),
    // The arXiv-id based page URL: the same paper keeps the same id in every feed and on every request.
    id: url,
    guid: url,
    link: url,
    date: entry.published,
    published: entry.published,
    description: summaryHtml(paper, entry),
    author: authors.map((name) => ({ name })),
    category: paperKeywords(paper).map((name) => ({ name })),
  };
}

/** The feed as text in the given format. */
export function renderFeed(doc: FeedDocument, format: FeedFormat): string {
  const feed = new Feed({
    id: doc.selfUrl,
    title: xmlText(doc.title),
    description: xmlText(doc.description),
    link: doc.homeUrl,
    updated: doc.updated,
    generator: "paperboy",
    copyright: "Paper metadata from Hugging Face Daily Papers and arXiv",
    feedLinks: format === "atom" ? { atom: doc.selfUrl } : { rss: doc.selfUrl },
  });
  for (const entry of doc.entries) feed.addItem(itemOf(entry));
  return format === "atom" ? feed.atom1() : feed.rss2();
}
