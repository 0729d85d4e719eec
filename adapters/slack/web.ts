// paperboy → Slack through the Web API: public posts with `paperboy_paper` message metadata, direct messages,
// and reading our own paper posts back (delivery reconciliation). Slack errors become UpstreamError with
// Slack's code (for logs) and a neutral reason (SLACK_REASONS) the core decides on.
import type { webApi } from "@slack/bolt";
import { z } from "zod";
import { UpstreamError, type FailureReason } from "../../src/errors.js";
import type { OutgoingMessage } from "../../src/message.js";
import type { PostedRef } from "../../src/ports.js";
import { renderMessage } from "./render.js";

export type SlackClient = webApi.WebClient;

export const PAPER_EVENT_TYPE = "paperboy_paper";

/**
 * Slack `error` codes → the neutral reason the core acts on (anything not listed is transient). channel_not_found
 * is no_permission, not channel_gone: Slack answers it for a private channel the bot was removed from as well as
 * for a deleted one (deletions arrive as channel_deleted events instead).
 */
export const SLACK_REASONS: ReadonlyMap<string, FailureReason> = new Map<string, FailureReason>([
  ...(["not_in_channel", "channel_not_found", "missing_scope", "no_permission", "restricted_action",
    "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
    "restricted_action_non_threadable_channel", "ekm_access_denied", "team_access_not_granted", "access_denied",
    "cannot_dm_bot"] as const).map((code) => [code, "no_permission"] as const),
  ...(["user_not_found", "user_disabled"] as const).map((code) => [code, "channel_gone"] as const),
  ["is_archived", "archived"],
  ...(["account_inactive", "invalid_auth", "not_authed", "token_revoked", "token_expired", "org_login_required"] as const).map(
    (code) => [code, "auth"] as const,
  ),
  ["ratelimited", "rate_limited"],
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

const paperMetadataSchema = z.object({
  event_type: z.literal(PAPER_EVENT_TYPE),
  event_payload: z.object({ paper_id: z.string().min(1), date: z.string().optional() }),
});
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
  post(channelId: string, message: OutgoingMessage): Promise<PostedRef>;
  sendDirect(userId: string, message: OutgoingMessage): Promise<void>;
  recentPaperPosts(channelId: string, sinceMs: number): Promise<{ messageId: string; paperId: string; date?: string }[]>;
  /** Opens (or finds) the DM channel with a user. */
  openDm(userId: string): Promise<string>;
}

export function createSlackWeb(opts: { client: SlackClient; identity: () => { botId?: string; botUserId?: string } }): SlackWeb {
  const { client } = opts;

  async function postRendered(channel: string, message: OutgoingMessage, what: string): Promise<string> {
    const { text, blocks } = renderMessage(message);
    const ref = message.ref;
    try {
      const res = await client.chat.postMessage({
        channel,
        text,
        blocks,
        // Our own arXiv/HF links would otherwise unfurl into a second, duplicate card.
        unfurl_links: false,
        unfurl_media: false,
        ...(ref
          ? {
              metadata: {
                event_type: PAPER_EVENT_TYPE,
                event_payload: { paper_id: ref.paperId, ...(ref.date ? { date: ref.date } : {}) },
              },
            }
          : {}),
      });
      if (!res.ts) throw new UpstreamError("slack", 200, { message: `slack ${what} returned no ts` });
      return res.ts;
    } catch (err) {
      throw toUpstreamError(err, what);
    }
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
    async post(channelId, message) {
      const ts = await postRendered(channelId, message, "chat.postMessage");
      return { platform: "slack", channelId, messageId: ts };
    },
    async sendDirect(userId, message) {
      await postRendered(await openDm(userId), message, "chat.postMessage (DM)");
    },
    async recentPaperPosts(channelId, sinceMs) {
      const { botId, botUserId } = opts.identity();
      const found: { messageId: string; paperId: string; date?: string }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
        let raw: unknown;
        try {
          raw = await client.conversations.history({
            channel: channelId,
            oldest: (sinceMs / 1000).toFixed(6),
            include_all_metadata: true,
            limit: HISTORY_PAGE,
            ...(cursor ? { cursor } : {}),
          });
        } catch (err) {
          throw toUpstreamError(err, "conversations.history");
        }
        const res = historySchema.parse(raw);
        for (const m of res.messages) {
          const mine = (botId !== undefined && m.bot_id === botId) || (botUserId !== undefined && m.user === botUserId);
          const meta = paperMetadataSchema.safeParse(m.metadata);
          if (!mine || !meta.success) continue;
          const { paper_id, date } = meta.data.event_payload;
          found.push({ messageId: m.ts, paperId: paper_id, ...(date ? { date } : {}) });
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) break;
      }
      return found;
    },
  };
}
