// One page of `/paper search` results: a summary line, a compact card per paper with a Save button, and
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

/**
 * Messages for page `page` (1-based; clamped into range) of `papers`, the full result list of `query`.
 * The last message carries the Previous/Next buttons, only where such a page exists.
 */
export function searchPage(query: string, papers: readonly Paper[], page: number, pageSize = SEARCH_PAGE_SIZE): OutgoingMessage[] {
  const shownQuery = truncate(normalizeWhitespace(query), QUERY_SHOWN_CHARS);
  if (papers.length === 0) {
    return [
      textMessage(
        `No papers match “${shownQuery}”. Try fewer or more general words, or look a paper up directly with /paper get 2511.07327.`,
      ),
    ];
  }
  const size = Math.max(1, Math.floor(pageSize));
  const pages = pageCount(papers.length, size);
  const current = Math.min(Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)), pages);
  const start = (current - 1) * size;
  const slice = papers.slice(start, start + size);
  const range = slice.length === 1 ? `${start + 1}` : `${start + 1}–${start + slice.length}`;
  const summary = `Results ${range} of ${papers.length.toLocaleString("en-US")} for “${shownQuery}”`;

  const messages: OutgoingMessage[] = [textMessage(summary)];
  for (const paper of slice) {
    messages.push(paperCard(paper, { compact: true, actions: [{ kind: "save", paperId: paper.id }] }));
  }
  const actionQuery = normalizeWhitespace(query);
  const nav: Action[] = [];
  if (current > 1) nav.push({ kind: "page", query: actionQuery, page: current - 1, label: "Previous" });
  if (current < pages) nav.push({ kind: "page", query: actionQuery, page: current + 1, label: "Next" });
  if (nav.length > 0) messages.push(textMessage(`Page ${current} of ${pages}`, nav));
  return messages;
}
