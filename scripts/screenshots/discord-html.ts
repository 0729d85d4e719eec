// Discord message JSON (content, embeds with color bar, fields and thumbnail, button rows, attachments) as HTML in
// Discord's dark theme. Only the markdown paperboy produces is interpreted: escapes, [label](url), **bold**, *italic*,
// `code`; everything else is shown as the text it is.
import { avatar, documentOf, escapeHtml, thumbnail } from "./page.js";

type Json = Record<string, unknown>;
interface Embed {
  color?: number;
  title?: string;
  url?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  thumbnail?: { url: string };
  footer?: { text: string };
}
interface Button {
  type: number;
  style?: number;
  label?: string;
  url?: string;
  emoji?: { name?: string };
}

const PLACEHOLDER = "\u0000";

/** **bold** and *italic* on already-escaped text. */
function emphasis(html: string): string {
  return html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/(^|[^\w*])\*([^*\n]+)\*(?!\w)/g, "$1<em>$2</em>");
}

/** Discord markdown → HTML. */
export function markdown(text: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `${PLACEHOLDER}${kept.push(html) - 1}${PLACEHOLDER}`;
  const out = escapeHtml(text)
    // Backslash escapes first, so escaped markers are never read as markup.
    .replace(/\\([^\w\s])/g, (_, c: string) => keep(c))
    .replace(/`([^`]+)`/g, (_, code: string) => keep(`<code>${code}</code>`))
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, (_, label: string, url: string) => keep(`<a href="${url}">${emphasis(label)}</a>`));
  return emphasis(out)
    .replace(/\n/g, "<br>")
    .replace(new RegExp(`${PLACEHOLDER}(\\d+)${PLACEHOLDER}`, "g"), (_, i: string) => kept[Number(i)] ?? "");
}

const hexColor = (n: number | undefined) => `#${(n ?? 0x1e1f22).toString(16).padStart(6, "0")}`;

function embedHtml(embed: Embed): string {
  const id = /papers\/([\w./-]+)\.png$/.exec(embed.thumbnail?.url ?? "")?.[1];
  const fields = (embed.fields ?? [])
    .map((f) => `<div class="field${f.inline ? " inline" : ""}"><div class="fname">${markdown(f.name)}</div><div>${markdown(f.value)}</div></div>`)
    .join("");
  const title = embed.title
    ? `<div class="etitle">${embed.url ? `<a href="${escapeHtml(embed.url)}">${markdown(embed.title)}</a>` : markdown(embed.title)}</div>`
    : "";
  return `<div class="embed" style="border-left-color:${hexColor(embed.color)}"><div class="ebody">${title}${
    embed.description ? `<div class="edesc">${markdown(embed.description)}</div>` : ""
  }${fields ? `<div class="fields">${fields}</div>` : ""}${embed.footer ? `<div class="efoot">${escapeHtml(embed.footer.text)}</div>` : ""}</div>${
    id ? `<div class="ethumb">${thumbnail(id, 80)}</div>` : ""
  }</div>`;
}

const BUTTON_CLASS: Record<number, string> = { 1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "secondary" };

function buttonsHtml(rows: Json[]): string {
  return rows
    .map((row) => {
      const buttons = (row.components as Button[]).map(
        (b) => `<span class="btn ${BUTTON_CLASS[b.style ?? 2] ?? "secondary"}">${b.emoji?.name ? `${escapeHtml(b.emoji.name)} ` : ""}${escapeHtml(b.label ?? "")}${b.style === 5 ? " ↗" : ""}</span>`,
      );
      return `<div class="row">${buttons.join("")}</div>`;
    })
    .join("");
}

function fileHtml(file: { name: string; content: string }): string {
  const lines = file.content.split("\n");
  const shown = lines.slice(0, 18).join("\n");
  return `<div class="file"><div class="fhead"><span class="ficon">📄</span><div><a>${escapeHtml(file.name)}</a><div class="fsize">${(
    Buffer.byteLength(file.content) / 1024
  ).toFixed(2)} KB</div></div></div><pre>${escapeHtml(shown)}</pre>${lines.length > 18 ? `<div class="fmore">Expand · ${lines.length} lines</div>` : ""}</div>`;
}

export interface DiscordMessageView {
  body: Json;
  files?: { name: string; content: string }[];
  /** Reactions to show under it (the bot's own 🔖 plus readers'). */
  reactions?: { emoji: string; count: number }[];
  /** Private interaction reply: shows "<user> used /paper …" and "Only you can see this". */
  interaction?: { user: string; command: string };
  /** Continues the previous message from the same author (no avatar/name). */
  grouped?: boolean;
}

function messageHtml(m: DiscordMessageView, time: string): string {
  const embeds = ((m.body.embeds as Embed[] | undefined) ?? []).map(embedHtml).join("");
  const content = typeof m.body.content === "string" && m.body.content !== "" ? `<div class="content">${markdown(m.body.content)}</div>` : "";
  const rows = buttonsHtml((m.body.components as Json[] | undefined) ?? []);
  const files = (m.files ?? []).map(fileHtml).join("");
  const reactions = (m.reactions ?? []).map((r) => `<span class="reaction">${r.emoji} <b>${r.count}</b></span>`).join("");
  const head = m.grouped
    ? ""
    : `<div class="head"><span class="name">paperboy</span><span class="app">✓ APP</span><span class="time">${time}</span></div>`;
  const used = m.interaction
    ? `<div class="used"><span class="mini">🙂</span><b>${escapeHtml(m.interaction.user)}</b>&nbsp;used&nbsp;<span class="cmd">${escapeHtml(m.interaction.command)}</span></div>`
    : "";
  const only = m.interaction ? `<div class="only">👁 Only you can see this · <a>Dismiss message</a></div>` : "";
  return `<div class="msg${m.grouped ? " grouped" : ""}${m.interaction ? " ephemeral" : ""}">${used}<div class="line"><div class="av">${
    m.grouped ? "" : avatar(40, "50%")
  }</div><div class="main">${head}${content}${embeds}${files}${rows}${reactions ? `<div class="reactions">${reactions}</div>` : ""}${only}</div></div></div>`;
}

const CSS = `
body{margin:0;background:#313338;color:#dbdee1;font:16px/1.375 "Noto Sans","gg sans","DejaVu Sans",sans-serif;width:880px}
a{color:#00a8fc;text-decoration:none}
.top{height:48px;display:flex;align-items:center;padding:0 16px;border-bottom:1px solid #1f2023;color:#f2f3f5;font-weight:600;box-shadow:0 1px 0 rgba(4,4,5,.2)}
.top .hash{color:#80848e;font-size:24px;margin-right:8px;font-weight:400}.top .topic{color:#b5bac1;font-weight:400;font-size:14px;margin-left:12px;padding-left:12px;border-left:1px solid #3f4147}
.msgs{padding:0 0 20px}
.msg{padding:2px 48px 2px 16px}.msg:not(.grouped){padding-top:17px}
.line{display:flex;gap:16px}.av{width:40px;flex:none}.main{min-width:0;flex:1}
.head{display:flex;align-items:baseline;gap:6px}.name{color:#f2f3f5;font-weight:600}
.app{background:#5865f2;color:#fff;font-size:10px;font-weight:700;padding:1px 5px;border-radius:4px;position:relative;top:-2px}
.time{color:#949ba4;font-size:12px;margin-left:2px}
.used{display:flex;align-items:center;gap:4px;color:#b5bac1;font-size:14px;margin-left:56px;margin-bottom:4px}.used b{color:#f2f3f5;font-weight:600}
.mini{font-size:12px;margin-right:2px}.cmd{color:#00a8fc}
.content{white-space:normal}
.embed{display:flex;gap:16px;max-width:520px;background:#2b2d31;border-left:4px solid;border-radius:4px;padding:8px 16px 16px 12px;margin-top:8px}
.ebody{min-width:0;flex:1}.ethumb{margin-top:8px}
.etitle{font-weight:600;margin-top:8px;font-size:16px}.etitle a{color:#00a8fc}
.edesc{font-size:14px;margin-top:8px;line-height:1.3}
.fields{display:flex;flex-wrap:wrap;gap:8px 24px;margin-top:8px;font-size:14px}.field{min-width:100%}.field.inline{min-width:auto}
.fname{font-weight:600;color:#f2f3f5;margin-bottom:2px}
.efoot{font-size:12px;color:#b5bac1;margin-top:8px}
code{background:#1e1f22;border-radius:3px;padding:0 3px;font-size:85%}
.row{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.btn{display:inline-block;padding:2px 16px;height:32px;line-height:32px;border-radius:3px;font-size:14px;font-weight:500;color:#fff}
.btn.primary{background:#5865f2}.btn.secondary{background:#4e5058}.btn.success{background:#248046}.btn.danger{background:#da373c}
.reactions{display:flex;gap:4px;margin-top:6px}.reaction{background:#373a53;border:1px solid #5865f2;border-radius:8px;padding:1px 8px;font-size:14px}.reaction b{color:#dee0fc;font-weight:600}
.only{font-size:12px;color:#949ba4;margin-top:6px}
.file{background:#2b2d31;border:1px solid #1e1f22;border-radius:8px;max-width:520px;margin-top:8px;overflow:hidden}
.fhead{display:flex;gap:10px;align-items:center;padding:10px 12px;border-bottom:1px solid #1e1f22}.ficon{font-size:28px}.fsize{font-size:12px;color:#949ba4}
.file pre{margin:0;padding:10px 12px;font:13px/1.35 "DejaVu Sans Mono",monospace;color:#dbdee1;white-space:pre-wrap}
.fmore{font-size:12px;color:#949ba4;padding:0 12px 10px}
`;

/** A Discord channel view of these messages. */
export function discordPage(title: string, channel: string, topic: string, messages: DiscordMessageView[]): string {
  const body = `<div class="top"><span class="hash">#</span>${escapeHtml(channel)}<span class="topic">${escapeHtml(topic)}</span></div><div class="msgs">${messages
    .map((m) => messageHtml(m, "Today at 09:00"))
    .join("")}</div>`;
  return documentOf(title, CSS, body);
}
