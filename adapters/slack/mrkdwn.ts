// Slack mrkdwn from neutral spans: escaping and length-bounded rendering. Paper data is untrusted, so every
// string is escaped (`&`, `<`, `>` only — Slack's control characters) before it reaches Slack; that alone
// turns `<!channel>` or `<@U123>` in a title into harmless visible text. Cuts never split an escape entity,
// a link or a surrogate pair.
import type { Span } from "../../src/message.js";

export const ELLIPSIS = "…";

/** Escapes Slack's three control characters and nothing else (api.slack.com formatting#escaping). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapedLength(ch: string): number {
  if (ch === "&") return 5;
  if (ch === "<" || ch === ">") return 4;
  return ch.length;
}

/**
 * `text` escaped and cut so the result is at most `budget` characters, ending in "…" when cut. Prefers a word
 * boundary when one is reasonably close to the cut.
 */
export function escapeAndFit(text: string, budget: number): string {
  const full = escapeMrkdwn(text);
  if (full.length <= budget) return full;
  if (budget <= 0) return "";
  const room = budget - ELLIPSIS.length;
  let used = 0;
  let end = 0;
  let lastSpace = -1;
  for (const ch of text) {
    const len = escapedLength(ch);
    if (used + len > room) break;
    used += len;
    end += ch.length;
    if (ch === " ") lastSpace = end - 1;
  }
  const cutAt = lastSpace >= Math.floor(end * 0.6) ? lastSpace : end;
  const head = text.slice(0, cutAt).replace(/[\s,;:.\-–—]+$/, "");
  return `${escapeMrkdwn(head)}${ELLIPSIS}`;
}

/** A URL safe to put inside `<…|…>`: http(s) only, with the characters that would end the link encoded. */
export function safeUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  const href = parsed.href.replace(/\|/g, "%7C").replace(/ /g, "%20");
  return escapeMrkdwn(href);
}

/** `<url|label>` with the label escaped and `|` removed; plain escaped label when the URL is unusable. */
export function mrkdwnLink(url: string, label: string, labelBudget = 300): string {
  const cleanLabel = label.replace(/\|/g, " ").trim();
  const href = safeUrl(url);
  const text = escapeAndFit(cleanLabel === "" ? url : cleanLabel, labelBudget);
  return href ? `<${href}|${text}>` : text;
}

const MARKERS = { bold: "*", italic: "_", code: "`" } as const;

/** One span as mrkdwn within `budget` characters; `complete` is false when it had to be cut or dropped. */
function renderSpan(span: Span, budget: number): { out: string; complete: boolean } {
  const plain = (text: string) => ({ out: escapeAndFit(text, budget), complete: escapeMrkdwn(text).length <= budget });
  if ("url" in span) {
    const href = safeUrl(span.url);
    if (!href) return plain(span.text);
    const label = span.text.replace(/\|/g, " ").trim() || span.url;
    const room = budget - href.length - 3;
    // Not even a short label fits beside the URL: show the label without the link rather than a broken one.
    if (room < 8) return plain(span.text);
    return { out: mrkdwnLink(span.url, label, room), complete: escapeMrkdwn(label).length <= room };
  }
  // Emphasis markers only work hugging non-space text; `**` around nothing would show literally.
  const inner = span.text.trim();
  if (!span.style || inner === "") return plain(span.text);
  const marker = MARKERS[span.style];
  const lead = span.text.startsWith(" ") ? " " : "";
  const trail = span.text.endsWith(" ") ? " " : "";
  const text = span.style === "code" ? inner.replace(/`/g, "'") : inner;
  const room = budget - 2 - lead.length - trail.length;
  const body = escapeAndFit(text, room);
  if (body === "" || body === ELLIPSIS) return { out: "", complete: false };
  return { out: `${lead}${marker}${body}${marker}${trail}`, complete: escapeMrkdwn(text).length <= room };
}

/** Spans as one mrkdwn string of at most `budget` characters; a span that does not fit is cut, later ones dropped. */
export function spansToMrkdwn(spans: Span[], budget: number): string {
  let out = "";
  for (const span of spans) {
    const room = budget - out.length;
    if (room <= 0) break;
    const piece = renderSpan(span, room);
    out += piece.out;
    if (!piece.complete) break;
  }
  return out;
}

/** Plain text of spans (for fallback text and length checks). */
export function spansToPlain(spans: Span[]): string {
  return spans.map((s) => s.text).join("");
}
