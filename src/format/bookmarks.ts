// A user's bookmarks as messages (compact cards with Unsave buttons) and as downloadable exports: a Markdown
// reading list and a BibTeX file. Everything works from the snapshot stored with each bookmark, so neither
// needs Hugging Face to be reachable.
import { formatListDate, isCalendarDate } from "../time/dates.js";
import type { Action, Attachment, OutgoingMessage } from "../message.js";
import type { Platform } from "../ports.js";
import type { Bookmark } from "../store/types.js";
import { papersToBibtex } from "./bibtex.js";
import { authorLine, paperCard, paperLinkRow, paperSummary, paperTitle, paperUrl } from "./paper-card.js";

/** Cards shown in the chat list; the exports always hold everything. */
export const BOOKMARKS_SHOWN = 10;

export function textMessage(text: string): OutgoingMessage {
  return { blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text };
}

/** Which part of the reading list is shown: everything, the unread ones, one tag. */
export interface ListFilter {
  unread?: boolean;
  tag?: string;
}

/** "unread bookmarks tagged robotics" — how a filtered list names itself. */
function filterWords(filter: ListFilter): { adjective: string; suffix: string } {
  return { adjective: filter.unread ? "unread " : "", suffix: filter.tag ? ` tagged ${filter.tag}` : "" };
}

/** The bookmarks `filter` keeps, in the given order. */
export function filterBookmarks(bookmarks: readonly Bookmark[], filter: ListFilter): Bookmark[] {
  return bookmarks.filter((b) => (!filter.unread || !b.readAt) && (!filter.tag || (b.tags ?? []).includes(filter.tag)));
}

/** A compact card with its reading state and tags, and Mark read (while unread) and Remove buttons. */
function bookmarkCard(b: Bookmark): OutgoingMessage {
  const actions: Action[] = b.readAt ? [] : [{ kind: "read", paperId: b.paperId }];
  actions.push({ kind: "unsave", paperId: b.paperId });
  const card = paperCard(b.paper, { compact: true, actions });
  const state = [b.readAt ? `✓ read ${b.readAt.slice(0, 10)}` : "unread", ...((b.tags ?? []).length > 0 ? [`tags: ${(b.tags ?? []).join(", ")}`] : [])];
  card.blocks.push({ kind: "context", spans: [{ text: state.join(" · ") }] });
  return card;
}

/** The reading list in chat: a header line and the newest bookmarks as compact cards with Unsave buttons. */
export function bookmarksList(all: readonly Bookmark[], platform?: Platform, filter: ListFilter = {}): OutgoingMessage[] {
  const bookmarks = filterBookmarks(all, filter);
  const { adjective, suffix } = filterWords(filter);
  if (all.length > 0 && bookmarks.length === 0) {
    return [textMessage(`You have no ${adjective}bookmarks${suffix}. /paper bookmarks shows all ${all.length}.`)];
  }
  if (bookmarks.length === 0) {
    // A terminal has no reactions or buttons: the console saves by typing.
    return [
      textMessage(
        platform === "console"
          ? "You have no bookmarks yet. Type save and a paper id, like save 2511.07327, and it will show up here."
          : "You have no bookmarks yet. React with 🔖 to a paper paperboy posted, or press Save on a search result, and it will show up here.",
      ),
    ];
  }
  const n = bookmarks.length;
  const shown = bookmarks.slice(0, BOOKMARKS_SHOWN);
  const header =
    n > shown.length
      ? `Your ${n} ${adjective}bookmarks${suffix} — the ${shown.length} newest are below. Get them all with /paper bookmarks markdown or /paper bookmarks bibtex.`
      : `Your ${n} ${adjective}bookmark${n === 1 ? "" : "s"}${suffix}, newest first. Export with /paper bookmarks markdown or /paper bookmarks bibtex.`;
  return [textMessage(header), ...shown.map(bookmarkCard)];
}

/** Backslash-escapes what Markdown could read as inline markup (or raw HTML), so a title shows as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#|~&]/g, (c) => (c === "&" ? "&amp;" : `\\${c}`));
}

function markdownEntry(b: Bookmark): string {
  const p = b.paper;
  const lines = [`## [${escapeMarkdown(paperTitle(p))}](${paperUrl(p)})`, ""];
  const facts = [authorLine(p), p.organization ?? ""].filter((s) => s.trim() !== "").map(escapeMarkdown);
  if (p.listDate && isCalendarDate(p.listDate)) facts.push(`Daily list ${formatListDate(p.listDate)}`);
  const saved = b.savedAt.slice(0, 10);
  if (isCalendarDate(saved)) facts.push(`saved ${saved}`);
  if (b.readAt && isCalendarDate(b.readAt.slice(0, 10))) facts.push(`read ${b.readAt.slice(0, 10)}`);
  if ((b.tags ?? []).length > 0) facts.push(`tags: ${(b.tags ?? []).map(escapeMarkdown).join(", ")}`);
  if (facts.length > 0) lines.push(facts.join(" · "), "");
  lines.push(paperLinkRow(p).map((l) => `[${l.label}](${l.url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`).join(" · "));
  const summary = paperSummary(p);
  if (summary !== "") lines.push("", `> ${escapeMarkdown(summary)}`);
  return lines.join("\n");
}

/** All bookmarks as a Markdown reading list (`paperboy-bookmarks.md`). */
export function bookmarksMarkdown(bookmarks: readonly Bookmark[]): Attachment {
  const n = bookmarks.length;
  const head = `# paperboy bookmarks\n\n${n} paper${n === 1 ? "" : "s"}, newest first.\n`;
  const body = bookmarks.map(markdownEntry).join("\n\n");
  return {
    filename: "paperboy-bookmarks.md",
    mimeType: "text/markdown",
    content: `${head}${body === "" ? "" : `\n${body}\n`}`,
  };
}

/** All bookmarks as BibTeX (`paperboy-bookmarks.bib`), one @misc entry per paper. */
export function bookmarksBibtex(bookmarks: readonly Bookmark[]): Attachment {
  return {
    filename: "paperboy-bookmarks.bib",
    mimeType: "application/x-bibtex",
    content: papersToBibtex(bookmarks.map((b) => b.paper)),
  };
}
