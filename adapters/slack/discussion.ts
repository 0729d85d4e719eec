// Journal club on Slack: paperboy's club message as a reply in the paper message's thread (chat.postMessage with
// thread_ts; a paper message that is itself a reply gets it in the same thread, since Slack threads are one level
// deep). The reply carries `paperboy_club` metadata naming the paper, so a retry after a crash first looks through
// conversations.replies for paperboy's own reply and posts nothing when it is there. Text is escaped by render.ts
// and link_names is never set, so paper titles ping nobody.
import { z } from "zod";
import { UpstreamError } from "../../src/errors.js";
import type { OutgoingMessage } from "../../src/message.js";
import type { DiscussionOptions, DiscussionRef } from "../../src/ports.js";
import { renderMessage } from "./render.js";
import type { SlackClient } from "./web.js";

export const CLUB_EVENT_TYPE = "paperboy_club";
const REPLIES_PAGE = 200;
const REPLIES_MAX_PAGES = 5;

const repliesSchema = z.object({
  messages: z
    .array(z.object({ ts: z.string(), thread_ts: z.string().optional(), bot_id: z.string().optional(), user: z.string().optional(), metadata: z.unknown().optional() }))
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});
const clubMarkSchema = z.object({ event_type: z.literal(CLUB_EVENT_TYPE), event_payload: z.object({ paper_id: z.string() }) });

export interface SlackDiscussionDeps {
  /** Reads (conversations.replies). */
  client: SlackClient;
  /** Posts: never retried automatically (a lost answer may hide a stored reply). */
  postClient: SlackClient;
  identity: () => { botId?: string; botUserId?: string };
  /** web.ts's error mapping (passed in: web.ts builds this module's deps, so no import cycle). */
  toUpstreamError: (err: unknown, what: string) => UpstreamError;
}

/** The thread's top-level ts and whether paperboy's club reply for `paperId` is in it already. */
async function readThread(deps: SlackDiscussionDeps, channel: string, ts: string, paperId: string): Promise<{ top: string; found: boolean }> {
  const { botId, botUserId } = deps.identity();
  let top = ts;
  let cursor: string | undefined;
  for (let page = 0; page < REPLIES_MAX_PAGES; page++) {
    let raw: unknown;
    try {
      raw = await deps.client.conversations.replies({ channel, ts, include_all_metadata: true, limit: REPLIES_PAGE, ...(cursor ? { cursor } : {}) });
    } catch (err) {
      const upstream = deps.toUpstreamError(err, "conversations.replies");
      // The paper message was deleted: as final for its discussion as a deleted channel (nothing to reply under).
      if (upstream.code === "thread_not_found" || upstream.code === "message_not_found") {
        throw new UpstreamError("slack", upstream.status, { cause: err, code: upstream.code, message: "slack: the paper message was deleted", reason: "channel_gone" });
      }
      throw upstream;
    }
    const res = repliesSchema.parse(raw);
    // The first message is the thread's parent: a reply's own ts is not a thread anyone can reply under.
    top = res.messages[0]?.thread_ts ?? res.messages[0]?.ts ?? top;
    const found = res.messages.some((m) => {
      // Without a known identity the mark alone decides (only an app can set message metadata).
      const known = botId !== undefined || botUserId !== undefined;
      const mine = !known || (botId !== undefined && m.bot_id === botId) || (botUserId !== undefined && m.user === botUserId);
      return mine && clubMarkSchema.safeParse(m.metadata).data?.event_payload.paper_id === paperId;
    });
    if (found) return { top, found };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) break;
  }
  return { top, found: false };
}

export async function openSlackDiscussion(
  deps: SlackDiscussionDeps,
  channel: string,
  ts: string,
  message: OutgoingMessage,
  options: DiscussionOptions,
): Promise<DiscussionRef> {
  const { top, found } = await readThread(deps, channel, ts, options.paperId);
  if (found) return { threadId: top, created: false };
  const { text, blocks } = renderMessage(message);
  try {
    const res = await deps.postClient.chat.postMessage({
      channel,
      thread_ts: top,
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: CLUB_EVENT_TYPE, event_payload: { paper_id: options.paperId } },
    });
    if (!res.ts) throw new UpstreamError("slack", 200, { message: "slack chat.postMessage (club) returned no ts" });
  } catch (err) {
    throw deps.toUpstreamError(err, "chat.postMessage (club)");
  }
  return { threadId: top, created: true };
}
