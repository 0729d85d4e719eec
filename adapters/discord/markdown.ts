// Discord markdown for untrusted text: paper titles and abstracts are escaped (discord.js escapeMarkdown plus
// the masked-link, quote and subtext forms it leaves alone) and mention syntax is broken with a zero-width
// space so it cannot even look like a ping. allowed_mentions is the real defence (platforms.md A6).
import { escapeMarkdown } from "discord.js";
import { truncate } from "../../src/format/text.js";
import type { Span } from "../../src/message.js";

const ZWSP = "\u200b";

/** Breaks `@everyone`, `@here` and `<@…>`/`<#…>`/`<:…>` syntax with a zero-width space (plain text: labels). */
export function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#:/]|a:|t:|id:)/g, `<${ZWSP}`);
}

/** Plain text → Discord markdown that shows exactly this text and never mentions anyone. */
export function escapeText(text: string): string {
  return breakMentions(
    escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
      .replace(/[[\]]/g, (c) => `\\${c}`)
      .replace(/^(\s*)(>|-#)/gm, "$1\\$2"),
  );
}

/** Escaped `text`, cut (before escaping, so no escape is split) until it fits in `max` characters. */
export function escapeFit(text: string, max: number): string {
  let limit = max;
  for (;;) {
    const out = escapeText(truncate(text, limit));
    if (out.length <= max || limit <= 1) return out.length <= max ? out : "";
    limit -= Math.max(1, out.length - max);
  }
}

/** A URL safe inside `[label](url)`: http(s) only, parentheses and spaces percent-encoded. */
export function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  const href = new URL(url).href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return href.length <= 2048 ? href : undefined;
}

/** Wraps escaped text in emphasis markers, keeping surrounding spaces outside (Discord ignores `* a*`). */
function emphasise(escaped: string, marker: string): string {
  const m = /^(\s*)(.*?)(\s*)$/s.exec(escaped);
  const [, lead = "", core = "", trail = ""] = m ?? [];
  return core === "" ? escaped : `${lead}${marker}${core}${marker}${trail}`;
}

function renderSpan(span: Span, budget: number): string {
  if ("url" in span) {
    const target = linkTarget(span.url);
    const overhead = target ? target.length + 4 : 0;
    const label = span.text.trim() === "" ? "link" : span.text;
    if (target && budget - overhead >= 8) return `[${escapeFit(label, budget - overhead)}](${target})`;
    return escapeFit(span.text, budget);
  }
  if (span.style === "code") {
    const code = truncate(span.text.replace(/`/g, "ˋ"), Math.max(0, budget - 2));
    return code === "" ? "" : `\`${code}\``;
  }
  const marker = span.style === "bold" ? "**" : span.style === "italic" ? "*" : "";
  const escaped = escapeFit(span.text, Math.max(0, budget - marker.length * 2));
  return marker === "" ? escaped : emphasise(escaped, marker);
}

/** Spans → one markdown line of at most `max` characters; spans that no longer fit are cut or dropped. */
export function renderSpans(spans: readonly Span[], max: number): string {
  let out = "";
  for (const span of spans) {
    const room = max - out.length;
    if (room <= 0) break;
    const piece = renderSpan(span, room);
    if (piece.length > room) break;
    out += piece;
  }
  return out;
}
