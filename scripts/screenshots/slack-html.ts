// Slack Block Kit JSON (section text and fields, context, divider, actions with buttons, image) as HTML in Slack's
// light theme. Slack text arrives already escaped (`&amp; &lt; &gt;`), so only its mrkdwn is interpreted here:
// <url|label> links, *bold*, _italic_, ~strike~, `code` and ``` blocks.
import { avatar, documentOf, escapeHtml } from "./page.js";

type Json = Record<string, unknown>;
interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
}

const PLACEHOLDER = "\u0000";

function emphasis(html: string): string {
  return html
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?<])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, "$1<i>$2</i>")
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,:;!?<])/g, "$1<s>$2</s>");
}

/** Slack mrkdwn (already entity-escaped) → HTML. */
export function mrkdwn(text: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `${PLACEHOLDER}${kept.push(html) - 1}${PLACEHOLDER}`;
  const out = text
    .replace(/```\n?([\s\S]*?)```/g, (_, code: string) => keep(`<pre>${code.replace(/"/g, "&quot;")}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code: string) => keep(`<code>${code}</code>`))
    .replace(/<(https?:[^|>]+)(?:\|([^>]+))?>/g, (_, url: string, label?: string) => keep(`<a href="${url}">${emphasis(label ?? url)}</a>`))
    .replace(/"/g, "&quot;");
  return emphasis(out)
    .replace(/\n/g, "<br>")
    .replace(new RegExp(`${PLACEHOLDER}(\\d+)${PLACEHOLDER}`, "g"), (_, i: string) => kept[Number(i)] ?? "");
}

const textHtml = (t: TextObject | undefined) => (t ? (t.type === "mrkdwn" ? mrkdwn(t.text) : escapeHtml(t.text)) : "");

function blockHtml(block: Json): string {
  switch (block.type) {
    case "section": {
      const fields = (block.fields as TextObject[] | undefined) ?? [];
      const accessory = block.accessory as { type: string; alt_text?: string } | undefined;
      return `<div class="section"><div class="stext">${textHtml(block.text as TextObject | undefined)}${
        fields.length > 0 ? `<div class="sfields">${fields.map((f) => `<div>${textHtml(f)}</div>`).join("")}</div>` : ""
      }</div>${accessory?.type === "image" ? `<div class="acc">🤗</div>` : ""}</div>`;
    }
    case "context":
      return `<div class="context">${((block.elements as TextObject[] | undefined) ?? []).map((e) => `<span>${textHtml(e)}</span>`).join("")}</div>`;
    case "divider":
      return `<hr>`;
    case "header":
      return `<div class="header">${textHtml(block.text as TextObject)}</div>`;
    case "actions": {
      const buttons = ((block.elements as Json[] | undefined) ?? []).map(
        (b) => `<span class="btn ${b.style === "primary" ? "primary" : b.style === "danger" ? "danger" : ""}">${textHtml(b.text as TextObject)}</span>`,
      );
      return `<div class="actions">${buttons.join("")}</div>`;
    }
    default:
      return "";
  }
}

export interface SlackMessageView {
  message: Json;
  /** An ephemeral reply ("Only visible to you"). */
  ephemeral?: boolean;
  /** Continues the previous message from the same author (no avatar/name). */
  grouped?: boolean;
  reactions?: { emoji: string; count: number }[];
}

function messageHtml(m: SlackMessageView, time: string): string {
  const blocks = (m.message.blocks as Json[] | undefined) ?? [];
  const body = blocks.length > 0 ? blocks.map(blockHtml).join("") : mrkdwn(String(m.message.text ?? ""));
  const reactions = (m.reactions ?? []).map((r) => `<span class="reaction">${r.emoji} ${r.count}</span>`).join("");
  const head = m.grouped ? "" : `<div class="head"><b>paperboy</b><span class="app">APP</span><span class="time">${time}</span></div>`;
  return `<div class="msg${m.grouped ? " grouped" : ""}">${m.ephemeral ? `<div class="only">👁 Only visible to you</div>` : ""}<div class="line"><div class="av">${
    m.grouped ? `<span class="gtime">9:00</span>` : avatar(36, "6px")
  }</div><div class="main">${head}${body}${reactions ? `<div class="reactions">${reactions}</div>` : ""}</div></div></div>`;
}

const CSS = `
body{margin:0;background:#fff;color:#1d1c1d;font:15px/1.46668 Lato,"Noto Sans","DejaVu Sans",sans-serif;width:880px}
a{color:#1264a3;text-decoration:none}
.top{height:49px;display:flex;align-items:center;padding:0 20px;border-bottom:1px solid #e2e2e2;font-weight:900;font-size:18px}
.top .topic{font-weight:400;font-size:13px;color:#616061;margin-left:12px}
.msgs{padding:8px 0 16px}
.msg{padding:8px 20px}.msg.grouped{padding-top:6px}
.only{font-size:13px;color:#616061;margin:0 0 4px 48px}
.line{display:flex;gap:8px}.av{width:36px;flex:none;margin-right:4px}.gtime{display:block;font-size:12px;color:transparent;text-align:right}
.main{min-width:0;flex:1;max-width:720px}
.head{display:flex;align-items:baseline;gap:6px;font-size:15px}.head b{font-weight:900}
.app{background:rgba(29,28,29,.13);color:rgba(29,28,29,.7);font-size:10px;font-weight:700;padding:0 3px;border-radius:2px}
.time{color:#616061;font-size:12px}
.section{display:flex;gap:12px;margin:4px 0}.stext{flex:1;min-width:0}
.sfields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px}
.acc{width:88px;height:88px;border-radius:6px;background:#fff3c4;display:flex;align-items:center;justify-content:center;font-size:36px}
.context{display:flex;flex-wrap:wrap;gap:8px;font-size:12px;color:#616061;margin:4px 0}.context a{color:#1264a3}
hr{border:0;border-top:1px solid #dddddd;margin:10px 0}
.header{font-weight:900;font-size:18px;margin:4px 0}
.actions{display:flex;gap:8px;margin:8px 0}
.btn{display:inline-block;height:28px;line-height:28px;padding:0 12px;border:1px solid rgba(29,28,29,.3);border-radius:4px;font-size:13px;font-weight:700;color:#1d1c1d}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
code{color:#e01e5a;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:3px;padding:0 3px;font-size:12px}
pre{background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:4px;padding:8px;margin:4px 0;font:12px/1.5 Monaco,Menlo,"DejaVu Sans Mono",monospace;white-space:pre-wrap}
.reactions{display:flex;gap:4px;margin-top:4px}.reaction{background:rgba(29,155,209,.1);border:1px solid #1d9bd1;border-radius:24px;padding:0 8px;font-size:12px;color:#1264a3;font-weight:700;line-height:22px}
`;

/** A Slack channel view of these messages. */
export function slackPage(title: string, channel: string, topic: string, messages: SlackMessageView[]): string {
  const body = `<div class="top"># ${escapeHtml(channel)}<span class="topic">${escapeHtml(topic)}</span></div><div class="msgs">${messages
    .map((m) => messageHtml(m, "9:00 AM"))
    .join("")}</div>`;
  return documentOf(title, CSS, body);
}
