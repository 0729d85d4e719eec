// Plain-text helpers for untrusted paper data: collapse whitespace, drop invisible and control characters,
// and shorten text without breaking a word or a surrogate pair. No markup and no escaping here: adapters
// escape for their own platform; the core only guarantees text that is single-line, visible and bounded.

// C0/C1 controls, soft hyphen, zero-width space, bidi marks/embeddings/overrides/isolates, word joiner, BOM.
// ZWNJ/ZWJ (U+200C/D) stay: Persian and Indic scripts and emoji sequences (👩‍🔬) need them.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const ELLIPSIS = "…";

/** All whitespace (tabs, newlines, NBSP, …) collapsed to single spaces; control and invisible characters removed. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, " ")
    .replace(INVISIBLE, "")
    .replace(LONE_SURROGATE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `text` cut to at most `max` UTF-16 code units, ending in "…" when cut. Cuts at the last word boundary when
 * one is reasonably close (so a 5,000-character word still gets cut), never inside a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  // Don't end between the halves of a surrogate pair (emoji, many CJK extension characters).
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const head = text.slice(0, end);
  const space = head.lastIndexOf(" ");
  // Cutting right before a space or punctuation keeps the last word whole.
  const atBoundary = /[\s,;:.!?)\]]/.test(text.charAt(end));
  const cut = atBoundary || space < Math.floor(end * 0.6) ? head : head.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/, "")}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * As many whole sentences from the start of `text` as fit in `maxChars`; when even the first does not fit,
 * it is truncated. Abbreviations like "e.g." may end a sentence early — harmless for a preview.
 */
export function firstSentences(text: string, maxChars: number): string {
  const clean = normalizeWhitespace(text);
  if (clean.length <= maxChars) return clean;
  // A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) and then whitespace.
  const sentences = clean.split(/(?<=[.!?]["')\]]?)\s+/);
  let out = "";
  for (const sentence of sentences) {
    const next = out === "" ? sentence : `${out} ${sentence}`;
    if (next.length > maxChars) break;
    out = next;
  }
  out = out.trim();
  return out === "" ? truncate(clean, maxChars) : out;
}
