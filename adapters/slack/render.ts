// Neutral messages → Block Kit + `text` fallback. PURE: no I/O, no clock, same input → same output
// (vercel/chat cardToBlockKit). Never produces a payload Slack would reject: every limit below is enforced
// here by cutting text cleanly or dropping whole messages with a visible "more not shown" line. Paper data
// only ever reaches Slack through mrkdwn.ts escaping, and no header/plain_text object carries paper data.
import type { Attachment, Block, OutgoingMessage } from "../../src/message.js";
import { buttonLabel, encodeAction } from "./action-codec.js";
import { escapeAndFit, escapeMrkdwn, mrkdwnLink, spansToMrkdwn } from "./mrkdwn.js";

export const SLACK_MAX_BLOCKS = 50;
/** Home tab and modals allow twice as many. */
export const SLACK_MAX_VIEW_BLOCKS = 100;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_FIELD_TEXT = 2000;
export const SLACK_MAX_FIELDS = 10;
export const SLACK_MAX_CONTEXT_ELEMENTS = 10;
export const SLACK_MAX_ACTIONS_ELEMENTS = 25;
export const SLACK_MAX_BUTTON_TEXT = 75;
export const SLACK_MAX_HEADER_TEXT = 150;
/** Slack truncates `text` above 40,000; a notification needs far less. */
export const FALLBACK_TEXT_MAX = 3000;
const TITLE_MAX = 300;
const FIELD_LABEL_MAX = 100;

export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}
export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}
export interface SlackButton {
  type: "button";
  text: PlainText;
  action_id: string;
  value: string;
  style?: "primary" | "danger";
}
export type SlackBlock =
  | { type: "section"; text: MrkdwnText }
  | { type: "section"; fields: MrkdwnText[] }
  | { type: "context"; elements: MrkdwnText[] }
  | { type: "actions"; elements: SlackButton[] }
  | { type: "header"; text: PlainText }
  | { type: "divider" };

export interface RenderedMessage {
  /** Top-level fallback: notifications and screen readers. Never empty (Slack answers `no_text`). */
  text: string;
  blocks: SlackBlock[];
}

const mrkdwn = (text: string): MrkdwnText => ({ type: "mrkdwn", text });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
const context = (text: string): SlackBlock => ({ type: "context", elements: [mrkdwn(text)] });

function renderBlock(block: Block): SlackBlock[] {
  switch (block.kind) {
    case "text": {
      const text = spansToMrkdwn(block.spans, SLACK_MAX_SECTION_TEXT);
      return text.trim() === "" ? [] : [section(text)];
    }
    case "context": {
      const text = spansToMrkdwn(block.spans, SLACK_MAX_SECTION_TEXT);
      return text.trim() === "" ? [] : [context(text)];
    }
    case "fields":
      return renderFields(block.fields);
    case "links": {
      let text = "";
      for (const link of block.links) {
        const piece = (text === "" ? "" : " · ") + mrkdwnLink(link.url, link.label, 100);
        if (text.length + piece.length > SLACK_MAX_SECTION_TEXT) break;
        text += piece;
      }
      return text === "" ? [] : [context(text)];
    }
    case "divider":
      return [{ type: "divider" }];
  }
}

function renderFields(fields: { label: string; value: string }[]): SlackBlock[] {
  const texts = fields
    .map(({ label, value }) => {
      const head = label.trim() === "" ? "" : `*${escapeAndFit(label.trim(), FIELD_LABEL_MAX)}*\n`;
      const body = escapeAndFit(value, SLACK_MAX_FIELD_TEXT - head.length);
      return (head + body).trim();
    })
    .filter((t) => t !== "");
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < texts.length; i += SLACK_MAX_FIELDS) {
    blocks.push({ type: "section", fields: texts.slice(i, i + SLACK_MAX_FIELDS).map(mrkdwn) });
  }
  return blocks;
}

function renderActions(message: OutgoingMessage, slot: string): SlackBlock[] {
  const buttons: SlackButton[] = [];
  (message.actions ?? []).forEach((action, i) => {
    const encoded = encodeAction(action, `${slot}.${i}`);
    if (!encoded || buttons.length >= SLACK_MAX_ACTIONS_ELEMENTS) return;
    buttons.push({
      type: "button",
      text: { type: "plain_text", text: buttonLabel(action).slice(0, SLACK_MAX_BUTTON_TEXT), emoji: true },
      action_id: encoded.actionId,
      value: encoded.value,
      ...(action.kind === "save" ? { style: "primary" as const } : {}),
    });
  });
  return buttons.length === 0 ? [] : [{ type: "actions", elements: buttons }];
}

/** One message's content blocks (title first) and its actions block, before any block budget is applied. */
function renderParts(message: OutgoingMessage, slot: string): { content: SlackBlock[]; actions: SlackBlock[] } {
  const content: SlackBlock[] = [];
  const title = message.title?.trim();
  if (title) {
    content.push(section(`*${message.url ? mrkdwnLink(message.url, title, TITLE_MAX) : escapeAndFit(title, TITLE_MAX)}*`));
  }
  for (const block of message.blocks) content.push(...renderBlock(block));
  return { content, actions: renderActions(message, slot) };
}

const moreNotShown = (n: number, what: string) => context(`_${n} more ${what} not shown._`);

/** Fits one message's parts into `budget` blocks, keeping its buttons. */
function fitParts(parts: { content: SlackBlock[]; actions: SlackBlock[] }, budget: number): SlackBlock[] {
  const all = [...parts.content, ...parts.actions];
  if (all.length <= budget) return all;
  const keep = Math.max(0, budget - parts.actions.length - 1);
  return [...parts.content.slice(0, keep), moreNotShown(parts.content.length - keep, "lines"), ...parts.actions];
}

function fallbackText(messages: OutgoingMessage[]): string {
  const plain = messages
    .map((m) => m.fallbackText.trim() || m.title?.trim() || "")
    .filter((t) => t !== "")
    .join("\n");
  const text = escapeAndFit(plain, FALLBACK_TEXT_MAX);
  return text.trim() === "" ? "paperboy" : text;
}

/**
 * Several neutral messages as ONE Slack message (a private reply has only five response_url uses), separated by
 * dividers, within `maxBlocks`. When they do not all fit, whole messages are dropped from the end — except a
 * trailing navigation message (Next/Previous), which is kept — and a "N more not shown" line says so.
 */
export function renderMessages(messages: OutgoingMessage[], maxBlocks = SLACK_MAX_BLOCKS): RenderedMessage {
  const parts = messages.map((m, i) => renderParts(m, String(i)));
  const sizes = parts.map((p) => p.content.length + p.actions.length);
  const total = sizes.reduce((a, b) => a + b, 0) + Math.max(0, parts.length - 1);
  const text = fallbackText(messages);
  if (total <= maxBlocks) {
    return { text, blocks: parts.flatMap((p, i) => [...(i > 0 ? [divider()] : []), ...p.content, ...p.actions]) };
  }
  if (parts.length === 1 && parts[0]) return { text, blocks: fitParts(parts[0], maxBlocks) };

  const lastMsg = messages[messages.length - 1];
  const navLast = parts.length > 1 && (lastMsg?.actions ?? []).some((a) => a.kind === "page");
  const tail = navLast ? parts[parts.length - 1] : undefined;
  const body = navLast ? parts.slice(0, -1) : parts;
  const tailBlocks = tail ? [divider(), ...fitParts(tail, Math.floor(maxBlocks / 4))] : [];
  const room = maxBlocks - tailBlocks.length - 1; // one for the "more not shown" line
  const blocks: SlackBlock[] = [];
  let shown = 0;
  for (const p of body) {
    const separator = blocks.length > 0 ? 1 : 0;
    if (blocks.length + separator + p.content.length + p.actions.length <= room) {
      if (separator) blocks.push(divider());
      blocks.push(...p.content, ...p.actions);
      shown += 1;
      continue;
    }
    // A first message too big on its own is cut rather than dropped, so the reply is never empty.
    if (shown === 0) {
      blocks.push(...fitParts(p, room));
      shown = 1;
    }
    break;
  }
  if (shown < body.length) blocks.push(moreNotShown(body.length - shown, "items"));
  return { text, blocks: [...blocks, ...tailBlocks] };
}

function divider(): SlackBlock {
  return { type: "divider" };
}

/** A single message (daily post, "Post to channel", unfurl card). */
export function renderMessage(message: OutgoingMessage, maxBlocks = SLACK_MAX_BLOCKS): RenderedMessage {
  return renderMessages([message], maxBlocks);
}

/** The App Home tab: a fixed heading, then the messages, within the 100-block view limit. */
export function renderHomeView(heading: string, messages: OutgoingMessage[]): { type: "home"; blocks: SlackBlock[] } {
  const head: SlackBlock = { type: "header", text: { type: "plain_text", text: heading.slice(0, SLACK_MAX_HEADER_TEXT) } };
  const body = renderMessages(messages, SLACK_MAX_VIEW_BLOCKS - 1);
  return { type: "home", blocks: [head, ...body.blocks] };
}

/**
 * An export (Markdown/BibTeX) as a copyable code block, or undefined when it does not fit one section — the
 * caller then uploads it as a file. Triple backticks inside would close the block early, so they are broken up.
 */
export function renderSnippet(attachment: Attachment): RenderedMessage | undefined {
  const body = escapeMrkdwn(attachment.content.replace(/```/g, "`\u200b``"));
  const heading = `*${escapeMrkdwn(attachment.filename)}*\n`;
  const code = "```\n" + body + "\n```";
  if (heading.length + code.length > SLACK_MAX_SECTION_TEXT) return undefined;
  return { text: escapeAndFit(`${attachment.filename} (copy below)`, FALLBACK_TEXT_MAX), blocks: [section(heading + code)] };
}
