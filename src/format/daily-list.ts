// The daily list as messages: the header that opens a channel's daily post (date, count, highlights, a
// catch-up note) and the compact digest `/paper today` shows privately. Paper cards themselves come from
// paper-card.ts; this module only summarises.
import { addDays, formatListDate, isWeekend } from "../time/dates.js";
import type { Block, OutgoingMessage, Span } from "../message.js";
import type { Paper } from "../paper.js";
import { paperTitle, paperUrl } from "./paper-card.js";
import { truncate } from "./text.js";

/** Papers listed in a digest; the rest are counted and linked to the full list on Hugging Face. */
export const DIGEST_MAX_PAPERS = 20;
const HIGHLIGHTS = 3;
const HIGHLIGHT_TITLE_CHARS = 150;
const DIGEST_TITLE_CHARS = 150;
const MAX_MISSED_SHOWN = 5;

/** Hugging Face's page for one day's list. */
export function dailyListUrl(date: string): string {
  return `https://huggingface.co/papers/date/${date}`;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** Most upvoted first; ties keep the list's own order. */
export function byUpvotes(papers: readonly Paper[]): Paper[] {
  return [...papers].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));
}

/** "A", "A and B", "A, B and C". */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function missedLine(date: string, missed: readonly string[]): string | undefined {
  const others = [...new Set(missed)].filter((d) => d !== date).sort();
  if (others.length === 0) return undefined;
  const shown = others.slice(0, MAX_MISSED_SHOWN).map(formatListDate);
  if (others.length > shown.length) shown.push(`${others.length - shown.length} more`);
  return `Catching up: paperboy was offline and missed the list${others.length === 1 ? "" : "s"} of ${joinWords(shown)}. Here is the latest one.`;
}

export interface DailyHeaderOptions {
  /** Dates whose post was missed while paperboy was down (named in a catch-up line). */
  missedDates?: string[];
  /** How many papers were on the list before the channel's filters (top, min upvotes, keywords). */
  totalBeforeFilter?: number;
}

/** The message that opens a daily post: date, count, top-3 highlights, the most-starred code. */
export function dailyHeader(date: string, papers: readonly Paper[], opts: DailyHeaderOptions = {}): OutgoingMessage {
  const title = `Hugging Face Daily Papers — ${formatListDate(date)}`;
  const url = dailyListUrl(date);
  const total = opts.totalBeforeFilter ?? papers.length;
  const countText =
    papers.length === 0
      ? total === 0
        ? "No papers on this list."
        : `None of the ${plural(total, "paper")} on this list match this channel's filters.`
      : total > papers.length
        ? `${plural(papers.length, "paper")} of the ${total.toLocaleString("en-US")} on this list.`
        : `${plural(papers.length, "paper")} on this list.`;
  const blocks: Block[] = [{ kind: "text", spans: [{ text: countText }] }];
  const fallback = [`${title}: ${countText}`];

  const top = byUpvotes(papers).slice(0, HIGHLIGHTS);
  if (top.length > 0) {
    const spans: Span[] = [{ text: "Top: ", style: "bold" }];
    top.forEach((p, i) => {
      if (i > 0) spans.push({ text: " · " });
      spans.push({ text: truncate(paperTitle(p), HIGHLIGHT_TITLE_CHARS), url: paperUrl(p) });
      if (p.upvotes !== undefined) spans.push({ text: ` (${plural(p.upvotes, "upvote")})` });
    });
    blocks.push({ kind: "text", spans });
    fallback.push(`Top: ${top.map((p) => truncate(paperTitle(p), HIGHLIGHT_TITLE_CHARS)).join(" · ")}`);
  }

  const starred = [...papers]
    .filter((p) => p.githubRepo && (p.githubStars ?? 0) > 0)
    .sort((a, b) => (b.githubStars ?? 0) - (a.githubStars ?? 0))[0];
  if (starred) {
    const name = truncate(paperTitle(starred), HIGHLIGHT_TITLE_CHARS);
    blocks.push({
      kind: "context",
      spans: [{ text: "Most-starred code: " }, { text: name, url: paperUrl(starred) }, { text: ` (${plural(starred.githubStars ?? 0, "star")})` }],
    });
  }

  const missed = missedLine(date, opts.missedDates ?? []);
  if (missed) {
    blocks.push({ kind: "context", spans: [{ text: missed }] });
    fallback.push(missed);
  }
  return { title, url, blocks, fallbackText: fallback.join("\n") };
}

/** One compact message listing a day's papers (numbered, linked, with upvotes) for `/paper today`. */
export function dailyDigest(date: string, papers: readonly Paper[]): OutgoingMessage {
  const title = `Hugging Face Daily Papers — ${formatListDate(date)}`;
  const url = dailyListUrl(date);
  if (papers.length === 0) {
    let earlier = addDays(date, -1);
    while (isWeekend(earlier)) earlier = addDays(earlier, -1);
    const why = isWeekend(date) ? " (lists are usually empty at weekends)" : "";
    const text = `The list for ${formatListDate(date)} has no papers${why}. Try an earlier date, like /paper today ${earlier}.`;
    return { title, url, blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: `${title}: ${text}` };
  }
  const ranked = byUpvotes(papers);
  const shown = ranked.slice(0, DIGEST_MAX_PAPERS);
  const blocks: Block[] = [{ kind: "context", spans: [{ text: `${plural(papers.length, "paper")}, most upvoted first.` }] }];
  const lines: string[] = [];
  shown.forEach((p, i) => {
    const name = truncate(paperTitle(p), DIGEST_TITLE_CHARS);
    const votes = p.upvotes !== undefined ? ` (${plural(p.upvotes, "upvote")})` : "";
    blocks.push({ kind: "text", spans: [{ text: `${i + 1}. ` }, { text: name, url: paperUrl(p) }, { text: votes }] });
    lines.push(`${i + 1}. ${name}${votes}`);
  });
  const rest = papers.length - shown.length;
  if (rest > 0) {
    blocks.push({
      kind: "context",
      spans: [{ text: `…and ${plural(rest, "more paper")} ` }, { text: "on Hugging Face", url }],
    });
    lines.push(`…and ${plural(rest, "more paper")}: ${url}`);
  }
  return { title, url, blocks, fallbackText: [title, ...lines].join("\n") };
}
