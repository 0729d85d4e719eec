// One page of `/paper search` (or `/paper trending`) results: a summary line, a compact card per paper with a Save button, and
// Next/Previous buttons that carry the query and target page. Pages are 1-based, as users count them;
// the command fetches all results once and pages through them here.
import type { Action, OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import { paperCard } from "./paper-card.js";
import { normalizeWhitespace, truncate } from "./text.js";

export const SEARCH_PAGE_SIZE = 5;
const QUERY_SHOWN_CHARS = 100;

/** The number of pages `total` results fill (at least 1). */
export function pageCount(total: number, pageSize = SEARCH_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

function textMessage(text: string, actions?: Action[]): OutgoingMessage {
  return {
    blocks: [{ kind: "text", spans: [{ text }] }],
    fallbackText: text,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

/** How one paged list words its lines and builds its buttons (search and trending share the paging). */
export interface PagedListOptions {
  /** The line above the cards, given "1–5" and the total. */
  summary: (range: string, total: string) => string;
  /** What to say when there is nothing at all. */
  empty: string;
  /** The Next/Previous button for `page`. */
  nav: (page: number, label: "Next" | "Previous") => Action;
  pageSize?: number;
}

/**
 * Messages for page `page` (1-based; clamped into range) of `papers`: a summary line, a compact card with a Save
 * button per paper, and a last message carrying Previous/Next, only where such a page exists.
 */
export function pagedList(papers: readonly Paper[], page: number, opts: PagedListOptions): OutgoingMessage[] {
  if (papers.length === 0) return [textMessage(opts.empty)];
  const size = Math.max(1, Math.floor(opts.pageSize ?? SEARCH_PAGE_SIZE));
  const pages = pageCount(papers.length, size);
  const current = Math.min(Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)), pages);
  const start = (current - 1) * size;
  const slice = papers.slice(start, start + size);
  const range = slice.length === 1 ? `${start + 1}` : `${start + 1}–${start + slice.length}`;

  const messages: OutgoingMessage[] = [textMessage(opts.summary(range, papers.length.toLocaleString("en-US")))];
  for (const paper of slice) {
    messages.push(paperCard(paper, { compact: true, actions: [{ kind: "save", paperId: paper.id }] }));
  }
  const nav: Action[] = [];
  if (current > 1) nav.push(opts.nav(current - 1, "Previous"));
  if (current < pages) nav.push(opts.nav(current + 1, "Next"));
  if (nav.length > 0) messages.push(textMessage(`Page ${current} of ${pages}`, nav));
  return messages;
}

/**
 * Messages for page `page` (1-based; clamped into range) of `papers`, the full result list of `query`.
 * The last message carries the Previous/Next buttons, only where such a page exists.
 */
export function searchPage(query: string, papers: readonly Paper[], page: number, pageSize = SEARCH_PAGE_SIZE): OutgoingMessage[] {
  const shownQuery = truncate(normalizeWhitespace(query), QUERY_SHOWN_CHARS);
  const actionQuery = normalizeWhitespace(query);
  return pagedList(papers, page, {
    pageSize,
    empty: `No papers match “${shownQuery}”. Try fewer or more general words, or look a paper up directly with /paper get 2511.07327.`,
    summary: (range, total) => `Results ${range} of ${total} for “${shownQuery}”`,
    nav: (target, label) => ({ kind: "page", query: actionQuery, page: target, label }),
  });
}

/** Page `page` of Hugging Face's trending list (`/paper trending`); its buttons page the trending list. */
export function trendingPage(papers: readonly Paper[], page: number, pageSize = SEARCH_PAGE_SIZE): OutgoingMessage[] {
  return pagedList(papers, page, {
    pageSize,
    empty: "Hugging Face's trending list is empty right now. Try /paper today for the latest daily list.",
    summary: (range, total) => `Trending on Hugging Face now: ${range} of ${total}`,
    nav: (target, label) => ({ kind: "page", query: "", list: "trending", page: target, label }),
  });
}
