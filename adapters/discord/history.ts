// Reads paperboy's own recent messages in a Discord channel back from GET /channels/:id/messages, so delivery
// can tell what a crashed or unanswered send really left in the channel once the enforce_nonce window is over.
// A message is recognised by the embed link paperboy itself built (a paper's Hugging Face or arXiv page, a
// day's list page for a header), never by its title or any other text that comes from paper data.
import { Routes, type REST } from "discord.js";
import { z } from "zod";
import { FOLLOW_ALERT_FRAGMENT } from "../../src/format/follow-alert.js";
import type { DirectAlert, OwnPost, PostMark } from "../../src/ports.js";
import { toUpstreamError } from "./errors.js";

const DISCORD_EPOCH = 1_420_070_400_000n;
/** Discord's maximum page; pages read at most (1,000 messages after the run began is far more than a post). */
const PAGE = 100;
const MAX_PAGES = 10;

const messageSchema = z.object({
  id: z.string(),
  type: z.number(),
  author: z.object({ id: z.string() }),
  webhook_id: z.string().optional(),
  embeds: z.array(z.object({ url: z.string().optional() }).passthrough()).default([]),
});
const pageSchema = z.array(z.unknown());

const HEADER_URL = /^https:\/\/huggingface\.co\/papers\/(?:date|week|month)\/(\d{4}-(?:\d{2}-\d{2}|W\d{2}|\d{2}))$/;
// A trending post's header (format/feed-header.ts): its period is `trending:DATE`.
const TRENDING_HEADER_URL = /^https:\/\/huggingface\.co\/papers\/trending#(\d{4}-\d{2}-\d{2})$/;
const HF_PAPER_URL = /^https:\/\/huggingface\.co\/papers\/(\d{4}\.\d{4,5})$/;
const ALERT_URL = new RegExp(`^https://huggingface\\.co/papers/date/(\\d{4}-\\d{2}-\\d{2})#${FOLLOW_ALERT_FRAGMENT}$`);
const ARXIV_PAPER_URL = /^https:\/\/arxiv\.org\/abs\/([a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

/** What a message's first embed link says it is: paperboy's links only (format/paper-card, format/daily-list). */
export function markFromEmbedUrl(url: string | undefined): PostMark | undefined {
  if (!url) return undefined;
  const header = HEADER_URL.exec(url);
  if (header?.[1]) return { kind: "header", date: header[1] };
  const trending = TRENDING_HEADER_URL.exec(url)?.[1];
  if (trending) return { kind: "header", date: `trending:${trending}` };
  const paperId = HF_PAPER_URL.exec(url)?.[1] ?? ARXIV_PAPER_URL.exec(url)?.[1];
  return paperId ? { kind: "paper", paperId } : undefined;
}

/** The smallest snowflake at `ms`, for `after=`. */
export function snowflakeAt(ms: number): string {
  const since = BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH;
  return (since > 0n ? since << 22n : 0n).toString();
}

/** paperboy's own messages (sent by the bot user, not interaction replies) in `channelId` since `sinceMs`, oldest first. */
export async function readOwnPosts(rest: REST, botId: string, channelId: string, sinceMs: number): Promise<OwnPost[]> {
  return readOwn(rest, botId, channelId, sinceMs, (url) => {
    const mark = markFromEmbedUrl(url);
    return mark ? (messageId: string) => ({ messageId, mark }) : undefined;
  });
}

/** The follow alerts paperboy sent in a DM channel since `sinceMs`, recognised by the alert's own embed link. */
export async function readOwnAlerts(rest: REST, botId: string, channelId: string, sinceMs: number): Promise<DirectAlert[]> {
  return readOwn(rest, botId, channelId, sinceMs, (url) => {
    const date = ALERT_URL.exec(url ?? "")?.[1];
    return date ? (messageId: string) => ({ messageId, date }) : undefined;
  });
}

async function readOwn<T>(rest: REST, botId: string, channelId: string, sinceMs: number, recognise: (url: string | undefined) => ((id: string) => T) | undefined): Promise<T[]> {
  const found: T[] = [];
  let after = snowflakeAt(sinceMs);
  for (let page = 0; page < MAX_PAGES; page++) {
    let raw: unknown;
    try {
      raw = await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: String(PAGE) }) });
    } catch (err) {
      throw toUpstreamError(err);
    }
    const messages = pageSchema.parse(raw).flatMap((m) => {
      const parsed = messageSchema.safeParse(m);
      return parsed.success ? [parsed.data] : [];
    });
    // Discord lists newest first; order by id so paging forward never skips a message.
    messages.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const m of messages) {
      if (m.author.id !== botId || m.type !== 0 || m.webhook_id) continue;
      const make = recognise(m.embeds[0]?.url);
      if (make) found.push(make(m.id));
    }
    const last = messages.at(-1);
    if (messages.length < PAGE || !last) break;
    after = last.id;
  }
  return found;
}
