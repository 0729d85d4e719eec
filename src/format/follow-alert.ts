// The alert DM for one closed daily list: every paper matching the person's follows, each with why it matched.
// Paper text is untrusted: titles are normalised and bounded, follow values (typed by the user) too, and at most
// ALERT_MAX_PAPERS papers are listed with "and N more" after them, so a DM naming 30 matches fits every platform.
import type { Block, OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import { formatListDate } from "../time/dates.js";
import { dailyListUrl } from "./daily-list.js";
import { paperTitle, paperUrl } from "./paper-card.js";
import { normalizeWhitespace, truncate } from "./text.js";

/** A paper of a closed list that matched someone's follows (src/alerts/match.ts). */
export interface AlertMatch {
  paper: Paper;
  /** e.g. "author Jane Doe", "organization nvidia", "keyword diffusion" — in the order the follows were made. */
  reasons: string[];
}

export const ALERT_MAX_PAPERS = 10;
/** Ends the alert's link (the day's list on Hugging Face): how a Discord adapter recognises its alerts in a DM. */
export const FOLLOW_ALERT_FRAGMENT = "paperboy-follow";
const ALERT_TITLE_CHARS = 150;
const REASON_CHARS = 60;
const MAX_REASONS = 4;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "matched author Jane Doe, keyword diffusion" (bounded). */
export function reasonLine(reasons: readonly string[]): string {
  const shown = reasons.slice(0, MAX_REASONS).map((r) => truncate(normalizeWhitespace(r), REASON_CHARS));
  const more = reasons.length - shown.length;
  return `matched ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** One DM for the list of `date`: a line per matching paper (linked title — reasons), then "and N more". */
export function followAlert(date: string, matches: readonly AlertMatch[]): OutgoingMessage {
  const title = `${plural(matches.length, "paper")} you follow on the list of ${formatListDate(date)}`;
  const shown = matches.slice(0, ALERT_MAX_PAPERS);
  const rest = matches.length - shown.length;
  const blocks: Block[] = shown.map(({ paper, reasons }) => ({
    kind: "text",
    spans: [
      { text: truncate(paperTitle(paper), ALERT_TITLE_CHARS), url: paperUrl(paper) },
      { text: ` — ${reasonLine(reasons)}` },
    ],
  }));
  const tail =
    rest > 0
      ? `and ${plural(rest, "more paper")} on the full list. /paper following shows what you follow; /paper unfollow stops an alert.`
      : "/paper following shows what you follow; /paper unfollow stops an alert.";
  blocks.push({ kind: "context", spans: [{ text: tail }] });
  const lines = shown.map(({ paper, reasons }) => `• ${truncate(paperTitle(paper), ALERT_TITLE_CHARS)} — ${reasonLine(reasons)} ${paperUrl(paper)}`);
  return {
    title,
    url: `${dailyListUrl(date)}#${FOLLOW_ALERT_FRAGMENT}`,
    blocks,
    fallbackText: [title, ...lines, tail].join("\n"),
  };
}
