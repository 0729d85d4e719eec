// PURE: the neutral messages of a Reply → Discord message payloads (content, embeds, button rows, files) that
// never exceed a Discord limit (platforms.md A5). A Reply's messages are packed into as few Discord messages
// as the limits allow — a search page is one message, so Next/Previous can replace it in place.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from "discord.js";
import { truncate } from "../../src/format/text.js";
import type { Action, Attachment, Block, OutgoingMessage } from "../../src/message.js";
import { breakMentions, escapeFit, linkTarget, renderSpans } from "./markdown.js";

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;

/** Title characters in a "Save: …" label when several papers share one message (a row of 5 stays readable). */
const NAMED_LABEL_CHARS = 32;
/** Hugging Face yellow, so paperboy's cards are recognisable. */
const EMBED_COLOR = 0xffd21e;

export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files?: { attachment: Buffer; name: string; contentType: string }[];
  /** Never parse mentions — set on every payload, on top of the client default (CONTRACT.md). */
  allowedMentions: { parse: [] };
}

export interface RenderOptions {
  /** Action → custom_id (≤ 100 chars); the adapter's codec. */
  encode: (action: Action) => string;
}

/** A message with nothing but paragraphs: shown as plain content rather than an embed. */
function isPlain(m: OutgoingMessage): boolean {
  const textual = m.blocks.every((b) => b.kind === "text" || b.kind === "context" || b.kind === "divider");
  const length = m.blocks.reduce((n, b) => n + ("spans" in b ? b.spans.reduce((k, s) => k + s.text.length, 0) : 0), 0);
  return !m.title && !m.url && !m.thumbnailUrl && textual && length <= DISCORD_LIMITS.content * 0.8;
}

interface Group {
  content?: OutgoingMessage;
  embeds: OutgoingMessage[];
  actions: { action: Action; owner: OutgoingMessage }[];
  attachment?: Attachment;
}

const rowsFor = (actions: { action: Action }[]) => {
  const paging = actions.filter((a) => a.action.kind === "page").length;
  const per = DISCORD_LIMITS.buttonsPerRow;
  return Math.ceil((actions.length - paging) / per) + Math.ceil(paging / per);
};

/** Packs messages into groups that each fit one Discord message. */
function pack(messages: readonly OutgoingMessage[]): Group[] {
  const groups: Group[] = [];
  let g: Group = { embeds: [], actions: [] };
  const isEmpty = (x: Group) => !x.content && x.embeds.length === 0;
  for (const m of messages) {
    const own = (m.actions ?? []).map((action) => ({ action, owner: m }));
    const asContent = isPlain(m) && isEmpty(g);
    const fits =
      (asContent || g.embeds.length < DISCORD_LIMITS.embeds) &&
      rowsFor([...g.actions, ...own]) <= DISCORD_LIMITS.rows &&
      !(m.attachment && g.attachment);
    if (!fits && !isEmpty(g)) {
      groups.push(g);
      g = { embeds: [], actions: [] };
    }
    if (isPlain(m) && isEmpty(g)) g.content = m;
    else g.embeds.push(m);
    // A single message with more buttons than Discord allows keeps the ones that fit.
    for (const a of own) if (rowsFor([...g.actions, a]) <= DISCORD_LIMITS.rows) g.actions.push(a);
    if (m.attachment) g.attachment = m.attachment;
  }
  if (!isEmpty(g)) groups.push(g);
  return groups;
}

/** One block as description/content lines within `max` characters. */
function renderBlock(block: Block, max: number): string {
  switch (block.kind) {
    case "text":
    case "context":
      return renderSpans(block.spans, max);
    case "links":
      return renderSpans(
        block.links.flatMap((l, i) => (i === 0 ? [l] : [{ text: " · " }, l])).map((l) => ("url" in l ? { text: l.label, url: l.url } : l)),
        max,
      );
    case "fields":
      return renderSpans(block.fields.flatMap((f, i) => [...(i > 0 ? [{ text: " · " }] : []), { text: `${f.label}: `, style: "bold" as const }, { text: f.value }]), max);
    case "divider":
      return "";
  }
}

/**
 * Blocks → text of at most `max` characters. Whole blocks only, except a first block too long on its own;
 * when the rest no longer fits, a final "…" says there was more.
 */
function renderBlocks(blocks: readonly Block[], max: number): string {
  let out = "";
  let previous: Block["kind"] | undefined;
  for (const block of blocks) {
    const sep = out === "" ? "" : block.kind === previous && block.kind === "text" ? "\n" : "\n\n";
    const room = max - out.length - sep.length;
    const whole = renderBlock(block, DISCORD_LIMITS.embedTotal);
    if (whole.length <= room) {
      if (whole !== "") out += sep + whole;
    } else {
      if (out === "") out = renderBlock(block, max);
      else if (room >= 1) out += `${sep}…`;
      break;
    }
    previous = block.kind;
  }
  return out;
}

function renderEmbed(m: OutgoingMessage, budget: number): APIEmbed {
  const embed: APIEmbed = { color: EMBED_COLOR };
  let left = Math.min(budget, DISCORD_LIMITS.embedTotal);
  if (m.title) {
    embed.title = escapeFit(m.title, Math.min(DISCORD_LIMITS.title, Math.floor(left / 2)));
    left -= embed.title.length;
  }
  const url = m.url ? linkTarget(m.url) : undefined;
  if (url && embed.title) embed.url = url;
  const thumb = m.thumbnailUrl ? linkTarget(m.thumbnailUrl) : undefined;
  if (thumb) embed.thumbnail = { url: thumb };
  const fields = m.blocks.flatMap((b) => (b.kind === "fields" ? b.fields : [])).slice(0, DISCORD_LIMITS.fields);
  for (const f of fields) {
    const name = escapeFit(f.label, Math.min(DISCORD_LIMITS.fieldName, 64)) || "\u200b";
    const value = escapeFit(f.value, Math.min(DISCORD_LIMITS.fieldValue, 256)) || "—";
    if (name.length + value.length > left / 2) break;
    (embed.fields ??= []).push({ name, value, inline: true });
    left -= name.length + value.length;
  }
  const description = renderBlocks(m.blocks.filter((b) => b.kind !== "fields"), Math.min(DISCORD_LIMITS.description, left));
  if (description !== "") embed.description = description;
  // Discord rejects an embed with nothing in it; the fallback text always says something.
  if (!embed.title && !embed.description && !embed.fields) embed.description = escapeFit(m.fallbackText, Math.min(left, 200)) || "\u200b";
  return embed;
}

const STYLE: Record<Action["kind"], ButtonStyle> = {
  save: ButtonStyle.Success,
  unsave: ButtonStyle.Danger,
  post: ButtonStyle.Primary,
  dismiss: ButtonStyle.Secondary,
  read: ButtonStyle.Secondary,
  page: ButtonStyle.Secondary,
};

function buttonLabel(action: Action, owner: OutgoingMessage, named: boolean): string {
  const verb = { save: "Save", unsave: "Remove", post: "Post to channel", dismiss: "Not for me", read: "Mark read", page: "" }[action.kind];
  if (action.kind === "page") return action.label === "Next" ? "Next ▶" : "◀ Previous";
  const title = named && owner.title ? truncate(owner.title, NAMED_LABEL_CHARS) : "";
  return title === "" ? verb : `${verb}: ${title}`;
}

function renderButtons(group: Group, opts: RenderOptions): APIActionRowComponent<APIButtonComponent>[] {
  const owners = new Set(group.actions.filter((a) => a.action.kind !== "page").map((a) => a.owner));
  const seen = new Set<string>();
  const buttons = (kindFilter: (a: Action) => boolean) =>
    group.actions
      .filter((a) => kindFilter(a.action))
      .flatMap(({ action, owner }): APIButtonComponent[] => {
        const customId = opts.encode(action);
        if (customId.length < 1 || customId.length > DISCORD_LIMITS.customId || seen.has(customId)) return [];
        seen.add(customId);
        const label = truncate(breakMentions(buttonLabel(action, owner, owners.size > 1)), DISCORD_LIMITS.label);
        return [{ type: ComponentType.Button, style: STYLE[action.kind] as ButtonStyle.Primary, custom_id: customId, label }];
      });
  const rows: APIButtonComponent[][] = [];
  for (const set of [buttons((a) => a.kind !== "page"), buttons((a) => a.kind === "page")]) {
    for (let i = 0; i < set.length; i += DISCORD_LIMITS.buttonsPerRow) rows.push(set.slice(i, i + DISCORD_LIMITS.buttonsPerRow));
  }
  return rows.slice(0, DISCORD_LIMITS.rows).map((components) => ({ type: ComponentType.ActionRow, components }));
}

const embedLength = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * Embeds for one Discord message within the 6,000-character total: each at its natural size when they fit
 * together, else the largest ones are cut to a common cap (small cards stay whole, a long digest gets the rest).
 */
function renderEmbeds(messages: readonly OutgoingMessage[]): APIEmbed[] {
  const natural = messages.map((m) => renderEmbed(m, DISCORD_LIMITS.embedTotal));
  const sizes = natural.map(embedLength);
  const total = (cap: number) => sizes.reduce((n, size) => n + Math.min(size, cap), 0);
  if (total(Infinity) <= DISCORD_LIMITS.embedTotal) return natural;
  let cap = Math.floor(DISCORD_LIMITS.embedTotal / messages.length);
  while (total(cap + 1) <= DISCORD_LIMITS.embedTotal) cap += 1;
  return messages.map((m, i) => ((sizes[i] ?? 0) <= cap ? (natural[i] as APIEmbed) : renderEmbed(m, cap)));
}

function renderGroup(group: Group, opts: RenderOptions): DiscordPayload {
  const payload: DiscordPayload = {
    embeds: renderEmbeds(group.embeds),
    components: renderButtons(group, opts),
    allowedMentions: { parse: [] },
  };
  if (group.content) payload.content = renderBlocks(group.content.blocks, DISCORD_LIMITS.content) || "\u200b";
  if (group.attachment) {
    const a = group.attachment;
    payload.files = [{ attachment: Buffer.from(a.content, "utf8"), name: a.filename, contentType: a.mimeType }];
  }
  return payload;
}

/** Every message of a reply, packed into Discord messages (the first is the reply, the rest follow-ups). */
export function renderReply(messages: readonly OutgoingMessage[], opts: RenderOptions): DiscordPayload[] {
  return pack(messages).map((g) => renderGroup(g, opts));
}

/** One channel message (a daily-post paper, a "Post to channel" card). */
export function renderMessage(message: OutgoingMessage, opts: RenderOptions): DiscordPayload {
  const [first, ...rest] = renderReply([message], opts);
  if (!first || rest.length > 0) throw new Error("renderMessage: one message must render to one payload");
  return first;
}
