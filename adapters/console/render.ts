// Neutral message → terminal text. Pure. Paper text is untrusted even here: control characters (terminal
// escape sequences!) are stripped so a hostile title cannot recolour or clear the user's terminal.
import type { Action, Block, OutgoingMessage, Span } from "../../src/message.js";
import { DEFAULT_WIDTH, wrapText } from "./wrap.js";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const clean = (text: string) => text.replace(CONTROL, "");

function spans(list: Span[]): string {
  return list.map((s) => ("url" in s ? `${clean(s.text)} <${clean(s.url)}>` : clean(s.text))).join("");
}

function block(b: Block): string {
  switch (b.kind) {
    case "text":
      return spans(b.spans);
    case "context":
      return `  ${spans(b.spans)}`;
    case "fields":
      return b.fields.map((f) => `${clean(f.label)}: ${clean(f.value)}`).join(" · ");
    case "links":
      return b.links.map((l) => `${clean(l.label)}: ${clean(l.url)}`).join("\n");
    case "divider":
      return "─".repeat(40);
  }
}

function action(a: Action): string | undefined {
  switch (a.kind) {
    case "save":
      return `save ${a.paperId}`;
    case "unsave":
      return `unsave ${a.paperId}`;
    case "page":
      return a.label === "Next" ? "next" : "prev";
    case "dismiss":
      return `notforme ${a.paperId}`;
    case "read":
      return `read ${a.paperId}`;
    case "post":
      return undefined;
  }
}

/**
 * The message as terminal text wrapped at `width` columns. An attachment (a Markdown or BibTeX export) follows
 * between marker lines, unwrapped; piped sessions print only `attachment.content` instead (see index.ts).
 */
export function renderForTerminal(message: OutgoingMessage, width: number = DEFAULT_WIDTH): string {
  const lines: string[] = [];
  if (message.title) lines.push(`■ ${clean(message.title)}${message.url ? `\n  ${clean(message.url)}` : ""}`);
  for (const b of message.blocks) {
    const text = block(b);
    if (text !== "") lines.push(text);
  }
  const hints = (message.actions ?? []).map(action).filter((a): a is string => a !== undefined);
  if (hints.length > 0) lines.push(`  [type: ${[...new Set(hints)].join(" | ")}]`);
  const body = wrapText(lines.join("\n"), width);
  if (!message.attachment) return body;
  const { filename, content } = message.attachment;
  return [body, `----- ${clean(filename)} -----`, content.trimEnd(), "-----"].join("\n");
}
