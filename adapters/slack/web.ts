// paperboy → Slack through the Web API: public posts with message metadata (`paperboy_paper` on paper messages,
// `paperboy_header` on a feed's header), direct messages, and reading our own posts back (delivery reconciliation).
// Posts go through a client that never retries by itself: a 5xx or a lost response may hide a stored message, so
// only the delivery ledger, after looking at history, may send again. Slack errors become UpstreamError with
// Slack's code (for logs) and a neutral reason (SLACK_REASONS) the core decides on.
import { webApi } from "@slack/bolt";
import { z } from "zod";
import { UpstreamError, type FailureReason } from "../../src/errors.js";
import type { OutgoingMessage } from "../../src/message.js";
import type { DirectAlert, DirectOptions, DiscussionOptions, DiscussionRef, OwnPost, PostOptions, PostedRef } from "../../src/ports.js";
import { openSlackDiscussion } from "./discussion.js";
import { renderMessage } from "./render.js";

export type SlackClient = webApi.WebClient;

export const PAPER_EVENT_TYPE = "paperboy_paper";
export const HEADER_EVENT_TYPE = "paperboy_header";
/** A follow alert DM: `{date}` of the list it was for (src/alerts/job.ts reconciles from it). */
export const ALERT_EVENT_TYPE = "paperboy_alert";

/**
 * Slack `error` codes → the neutral reason the core acts on (anything not listed is transient). channel_not_found
 * is no_permission, not channel_gone: Slack answers it for a private channel the bot was removed from as well as
 * for a deleted one (deletions arrive as channel_deleted events instead).
 */
export const SLACK_REASONS: ReadonlyMap<string, FailureReason> = new Map<string, FailureReason>([
  ...(["not_in_channel", "channel_not_found", "missing_scope", "no_permission", "restricted_action",
    "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
    "restricted_action_non_threadable_channel", "ekm_access_denied", "team_access_not_granted", "access_denied",
    ] as const).map((code) => [code, "no_permission"] as const),
  ...(["user_not_found", "user_disabled"] as const).map((code) => [code, "channel_gone"] as const),
  ["cannot_dm_bot", "dm_closed"],
  ["is_archived", "archived"],
  ...(["account_inactive", "invalid_auth", "not_authed", "token_revoked", "token_expired", "org_login_required"] as const).map(
    (code) => [code, "auth"] as const,
  ),
  ["ratelimited", "rate_limited"],
  // chat.update: the message was deleted (the end of what is edited, like a gone channel), or is not ours to edit.
  ["message_not_found", "channel_gone"],
  ["cant_update_message", "no_permission"],
  ["edit_window_closed", "no_permission"],
]);

export function slackReason(code: string): FailureReason {
  return SLACK_REASONS.get(code) ?? "transient";
}

const platformErrorSchema = z.object({ code: z.literal("slack_webapi_platform_error"), data: z.object({ error: z.string() }) });
const httpErrorSchema = z.object({ code: z.literal("slack_webapi_http_error"), statusCode: z.number() });
const rateLimitedSchema = z.object({ code: z.literal("slack_webapi_rate_limited_error") });

/** Any WebClient failure as an UpstreamError (never carries the token or a response body in its message). */
export function toUpstreamError(err: unknown, what: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  const platform = platformErrorSchema.safeParse(err);
  if (platform.success) {
    const code = platform.data.data.error;
    return new UpstreamError("slack", 200, {
      cause: err,
      code,
      reason: slackReason(code),
      message: `slack ${what} failed: ${code}`,
    });
  }
  if (rateLimitedSchema.safeParse(err).success) {
    return new UpstreamError("slack", 429, { cause: err, code: "ratelimited", reason: "rate_limited", message: `slack ${what} was rate limited` });
  }
  const http = httpErrorSchema.safeParse(err);
  const status = http.success ? http.data.statusCode : 0;
  return new UpstreamError("slack", status, { cause: err, message: `slack ${what} failed (status ${status})` });
}

const markSchema = z.discriminatedUnion("event_type", [
  z.object({
    event_type: z.literal(PAPER_EVENT_TYPE),
    event_payload: z.object({ paper_id: z.string().min(1), date: z.string().optional() }),
  }),
  z.object({ event_type: z.literal(HEADER_EVENT_TYPE), event_payload: z.object({ date: z.string().optional() }).default({}) }),
]);
const alertMarkSchema = z.object({ event_type: z.literal(ALERT_EVENT_TYPE), event_payload: z.object({ date: z.string() }) });
const rateLimitedErrorSchema = z.object({ code: z.literal("slack_webapi_rate_limited_error"), retryAfter: z.number() });
/** A 429 means Slack did not take the post, so waiting and sending again is safe; this many times at most. */
const POST_RATE_LIMIT_RETRIES = 3;
const historySchema = z.object({
  messages: z
    .array(z.object({ ts: z.string(), bot_id: z.string().optional(), user: z.string().optional(), metadata: z.unknown().optional() }))
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

const HISTORY_PAGE = 200;
const HISTORY_MAX_PAGES = 10;

export interface SlackWeb {
  post(channelId: string, message: OutgoingMessage, options?: PostOptions): Promise<PostedRef>;
  sendDirect(userId: string, message: OutgoingMessage, options?: DirectOptions): Promise<void>;
  ownPosts(channelId: string, sinceMs: number): Promise<OwnPost[]>;
  /** Like ownPosts, for the replies in the thread of `messageId` (conversations.replies; the parent left out). */
  ownReplies(channelId: string, messageId: string, sinceMs: number): Promise<OwnPost[]>;
  ownDirectAlerts(userId: string, sinceMs: number): Promise<DirectAlert[]>;
  /** Replaces paperboy's own message `ts` (chat.update, never retried), keeping its metadata. */
  editPost(channelId: string, ts: string, message: OutgoingMessage): Promise<void>;
  /** Opens (or finds) the DM channel with a user. */
  openDm(userId: string): Promise<string>;
  /** Shares a text file in a channel (files.uploadV2), never retried by the SDK like every post. */
  uploadFile(channelId: string, file: { content: string; filename: string; comment: string }): Promise<void>;
  /** Journal club: paperboy's club reply in the message's thread, unless it is there already (discussion.ts). */
  openDiscussion(channelId: string, ts: string, message: OutgoingMessage, options: DiscussionOptions): Promise<DiscussionRef>;
}

/** The metadata that lets paperboy recognise its own message in history later. */
function metadataFor(message: OutgoingMessage, options?: PostOptions & DirectOptions) {
  if (options?.alert) return { event_type: ALERT_EVENT_TYPE, event_payload: { date: options.alert.date } };
  const ref = message.ref;
  if (ref) return { event_type: PAPER_EVENT_TYPE, event_payload: { paper_id: ref.paperId, ...(ref.date ? { date: ref.date } : {}) } };
  if (options?.header) return { event_type: HEADER_EVENT_TYPE, event_payload: { date: options.header.date } };
  return undefined;
}

/** paperboy's paper and header marks among its own messages (never read from paper text). */
function marksOf(messages: readonly { ts: string; metadata?: unknown }[]): OwnPost[] {
  const found: OwnPost[] = [];
  for (const m of messages) {
    const meta = markSchema.safeParse(m.metadata);
    if (!meta.success) continue;
    const { date } = meta.data.event_payload;
    const when = date ? { date } : {};
    if (meta.data.event_type === HEADER_EVENT_TYPE) found.push({ messageId: m.ts, mark: { kind: "header", ...when } });
    else found.push({ messageId: m.ts, mark: { kind: "paper", paperId: meta.data.event_payload.paper_id, ...when } });
  }
  return found;
}

/** The same workspace and token as `client`, but no automatic retry of any kind (see the header). */
function createPostClient(client: SlackClient): SlackClient {
  return new webApi.WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
}

export function createSlackWeb(opts: {
  client: SlackClient;
  /** Defaults to a copy of `client` without retries. */
  postClient?: SlackClient;
  identity: () => { botId?: string; botUserId?: string };
}): SlackWeb {
  const { client } = opts;
  const postClient = opts.postClient ?? createPostClient(client);

  async function postRendered(channel: string, message: OutgoingMessage, what: string, options?: PostOptions & DirectOptions): Promise<string> {
    const { text, blocks } = renderMessage(message);
    const metadata = metadataFor(message, options);
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await postClient.chat.postMessage({
          channel,
          text,
          blocks,
          // Our own arXiv/HF links would otherwise unfurl into a second, duplicate card.
          unfurl_links: false,
          unfurl_media: false,
          ...(metadata ? { metadata } : {}),
          // Thread mode: a reply in the header's thread (never broadcast to the channel).
          ...(options?.replyTo ? { thread_ts: options.replyTo } : {}),
        });
        if (!res.ts) throw new UpstreamError("slack", 200, { message: `slack ${what} returned no ts` });
        return res.ts;
      } catch (err) {
        const limited = rateLimitedErrorSchema.safeParse(err);
        if (!limited.success || attempt >= POST_RATE_LIMIT_RETRIES) throw toUpstreamError(err, what);
        await new Promise((r) => setTimeout(r, limited.data.retryAfter * 1000));
      }
    }
  }

  /** paperboy's own messages in `channelId` since `sinceMs`, oldest first (conversations.history, paged, with metadata). */
  async function ownMessages(channelId: string, sinceMs: number, thread?: string): Promise<z.infer<typeof historySchema>["messages"]> {
    const { botId, botUserId } = opts.identity();
    const found: z.infer<typeof historySchema>["messages"] = [];
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
      let raw: unknown;
      const args = { channel: channelId, oldest: (sinceMs / 1000).toFixed(6), include_all_metadata: true, limit: HISTORY_PAGE, ...(cursor ? { cursor } : {}) };
      try {
        raw = thread === undefined ? await client.conversations.history(args) : await client.conversations.replies({ ...args, ts: thread });
      } catch (err) {
        throw toUpstreamError(err, thread === undefined ? "conversations.history" : "conversations.replies");
      }
      const res = historySchema.parse(raw);
      for (const m of res.messages) {
        if (thread !== undefined && m.ts === thread) continue; // replies come after their parent on every page
        const mine = (botId !== undefined && m.bot_id === botId) || (botUserId !== undefined && m.user === botUserId);
        if (mine) found.push(m);
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) break;
    }
    // History comes newest first (replies oldest first); callers want the order things were posted in.
    return thread === undefined ? found.reverse() : found;
  }

  async function openDm(userId: string): Promise<string> {
    try {
      const res = await client.conversations.open({ users: userId });
      const id = res.channel?.id;
      if (!id) throw new UpstreamError("slack", 200, { message: "slack conversations.open returned no channel" });
      return id;
    } catch (err) {
      throw toUpstreamError(err, "conversations.open");
    }
  }

  return {
    openDm,
    openDiscussion: (channelId, ts, message, options) =>
      openSlackDiscussion({ client, postClient, identity: opts.identity, toUpstreamError }, channelId, ts, message, options),
    async editPost(channelId, ts, message) {
      const { text, blocks } = renderMessage(message);
      const metadata = metadataFor(message);
      try {
        await postClient.chat.update({ channel: channelId, ts, text, blocks, ...(metadata ? { metadata } : {}) });
      } catch (err) {
        throw toUpstreamError(err, "chat.update");
      }
    },
    async uploadFile(channelId, file) {
      try {
        await postClient.filesUploadV2({
          channel_id: channelId,
          content: file.content,
          filename: file.filename,
          title: file.filename,
          initial_comment: file.comment,
        });
      } catch (err) {
        throw toUpstreamError(err, "files.uploadV2");
      }
    },
    async post(channelId, message, options) {
      const ts = await postRendered(channelId, message, "chat.postMessage", options);
      return { platform: "slack", channelId, messageId: ts };
    },
    async sendDirect(userId, message, options) {
      await postRendered(await openDm(userId), message, "chat.postMessage (DM)", options);
    },
    ownPosts: async (channelId, sinceMs) => marksOf(await ownMessages(channelId, sinceMs)),
    ownReplies: async (channelId, messageId, sinceMs) => marksOf(await ownMessages(channelId, sinceMs, messageId)),
    async ownDirectAlerts(userId, sinceMs) {
      const messages = await ownMessages(await openDm(userId), sinceMs);
      return messages.flatMap((m) => {
        const meta = alertMarkSchema.safeParse(m.metadata);
        return meta.success ? [{ messageId: m.ts, date: meta.data.event_payload.date }] : [];
      });
    },
  };
}
