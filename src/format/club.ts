// The journal-club message paperboy posts when enough people 🔖'd a paper in a channel: it says why ("3 people
// saved this — discuss here") and names the paper, linked to its page. The link ends in CLUB_FRAGMENT, which is
// how the Discord adapter recognises its own club message in a thread (never by text that comes from paper data).
// Titles are plain text here; the adapters escape them and never let them ping.
import type { OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import { paperTitle, paperUrl } from "./paper-card.js";
import { normalizeWhitespace, truncate } from "./text.js";

export const CLUB_FRAGMENT = "paperboy-club";
/** Discord's limit on a thread name. */
export const MAX_DISCUSSION_TITLE = 100;

/** "3 people saved this — discuss here". */
export function clubReason(savers: number): string {
  return `${savers} ${savers === 1 ? "person" : "people"} saved this — discuss here`;
}

/** The discussion's name (a Discord thread name): the paper title, single-line, at most 100 characters. */
export function discussionTitle(paper: Pick<Paper, "id" | "title">): string {
  const title = truncate(normalizeWhitespace(paper.title), MAX_DISCUSSION_TITLE);
  return title === "" ? `arXiv ${paper.id}` : title;
}

/** The club message: the reason, then the paper's title linked to its page (with the club fragment). */
export function clubMessage(paper: Paper, savers: number): OutgoingMessage {
  const title = paperTitle(paper);
  const reason = clubReason(savers);
  return {
    title,
    url: `${paperUrl(paper)}#${CLUB_FRAGMENT}`,
    blocks: [{ kind: "text", spans: [{ text: `🔖 ${reason}.` }] }],
    fallbackText: `🔖 ${reason}: ${title}`,
  };
}
