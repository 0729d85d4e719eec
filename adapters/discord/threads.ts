// Posting modes on Discord: the kind of a channel (forum, thread, text), a thread opened from a feed's header
// (idempotent: 160004 "already exists" answers with that thread, whose id is the header's), replies read back from
// a thread, forum posts with tags, and a forum's own posts read back from the guild's active threads (a post is
// recognised by its starter message's embed link, like every paper message in history.ts). Forum tags: the
// forum's own, matched case-insensitively; missing ones are added only when the bot may manage the forum, by
// re-reading the forum just before the edit and sending every tag already there (a person's too) plus ours.
import { ChannelType, Routes, type Client, type REST } from "discord.js";
import { z } from "zod";
import { chooseTags, mergeTags, type ForumTag } from "../../src/format/forum-tags.js";
import type { Action, OutgoingMessage } from "../../src/message.js";
import type { ChannelKind, ForumPostOptions, OwnPost, PostedRef } from "../../src/ports.js";
import { UpstreamError } from "../../src/errors.js";
import { discordCode, toUpstreamError } from "./errors.js";
import { markFromEmbedUrl, readOwnPosts, snowflakeAt } from "./history.js";
import { renderMessage } from "./render.js";

/** Discord: "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;
const UNKNOWN_MESSAGE = 10008;
/** "Cannot execute action on this channel type": e.g. a thread started inside a thread. */
const WRONG_CHANNEL_TYPE = 50024;
/** After a refused tag edit (no Manage Channels), this long before trying again. */
const NO_MANAGE_MS = 60 * 60_000;

const tagSchema = z.object({ id: z.string(), name: z.string() }).passthrough();
const forumSchema = z.object({ available_tags: z.array(tagSchema).default([]) });
const threadSchema = z
  .object({ id: z.string(), parent_id: z.string().nullish(), thread_metadata: z.object({ archive_timestamp: z.string().optional() }).passthrough().optional() })
  .passthrough();
const activeSchema = z.object({ threads: z.array(threadSchema) });
const archivedSchema = z.object({ threads: z.array(threadSchema), has_more: z.boolean().optional() });
/** Archived forum posts read back per reconciliation, at most (newest archived first). */
const ARCHIVED_PAGE = 100;
const ARCHIVED_PAGES = 5;
const starterSchema = z.object({
  id: z.string(),
  author: z.object({ id: z.string() }),
  embeds: z.array(z.object({ url: z.string().optional() }).passthrough()).default([]),
});

export interface DiscordThreadsDeps {
  client: Client;
  encode: (action: Action) => string;
  /** Turns a failure into an UpstreamError (and notes an auth outage); always throws. */
  watch: (err: unknown) => never;
  botId: () => string;
  /** The same API and token as the client's, without automatic retries (forum posts: see postForum). */
  postRest: REST;
  now?: () => number;
}

export function createDiscordThreads(deps: DiscordThreadsDeps) {
  const { client, watch } = deps;
  const now = deps.now ?? (() => Date.now());
  const noManageUntil = new Map<string, number>();
  const rest = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      return watch(err);
    }
  };

  async function channelKind(channelId: string): Promise<ChannelKind> {
    const channel = await client.channels.fetch(channelId).catch(watch);
    if (channel?.type === ChannelType.GuildForum) return { kind: "forum" };
    if (channel?.isThread()) {
      const parent = channel.parentId ? await client.channels.fetch(channel.parentId).catch(() => null) : null;
      const parentId = channel.parentId ? { parentId: channel.parentId } : {};
      return parent?.type === ChannelType.GuildForum ? { kind: "thread", ...parentId, forumId: parent.id } : { kind: "thread", ...parentId };
    }
    return { kind: "text" };
  }

  async function forumTags(forumId: string): Promise<z.infer<typeof tagSchema>[]> {
    return forumSchema.parse(await rest(() => client.rest.get(Routes.channel(forumId)))).available_tags;
  }

  /** The forum's tags after adding `names` (re-read right before the edit); the old list when the bot may not. */
  async function addTags(forumId: string, names: string[]): Promise<ForumTag[]> {
    const current = await forumTags(forumId);
    const merged = mergeTags(current, names);
    if (merged.length === current.length) return current;
    try {
      const res = await client.rest.patch(Routes.channel(forumId), { body: { available_tags: merged } });
      return forumSchema.parse(res).available_tags;
    } catch (err) {
      const upstream = toUpstreamError(err);
      if (upstream.reason !== "no_permission") watch(upstream);
      noManageUntil.set(forumId, now() + NO_MANAGE_MS);
      return current;
    }
  }

  return {
    channelKind,

    async startThread(channelId: string, messageId: string, name: string): Promise<{ threadId: string }> {
      try {
        // No message body: a thread's name never pings, and this request carries nothing else.
        const res = z.object({ id: z.string() }).parse(await client.rest.post(Routes.threads(channelId, messageId), { body: { name } }));
        return { threadId: res.id };
      } catch (err) {
        if (discordCode(err) === THREAD_EXISTS) return { threadId: messageId };
        // A message already inside a thread (a paper of thread or forum mode) is discussed in that thread.
        if (discordCode(err) === WRONG_CHANNEL_TYPE && (await channelKind(channelId).catch(() => undefined))?.kind === "thread") return { threadId: channelId };
        // The header was deleted before its thread opened (Unknown Message): this post stops, the feed goes on.
        if (discordCode(err) === UNKNOWN_MESSAGE) throw new UpstreamError("discord", 404, { cause: err, message: "discord: the post's header was deleted", reason: "no_permission" });
        return watch(err);
      }
    },

    async ownReplies(channelId: string, messageId: string, sinceMs: number): Promise<OwnPost[]> {
      // The thread of a message has the message's id; a thread never opened has no replies (Unknown Channel).
      try {
        const found = await readOwnPosts(client.rest, deps.botId(), messageId, sinceMs);
        return found.map((p) => ({ ...p, channelId: messageId }));
      } catch (err) {
        if (err instanceof UpstreamError && err.status === 404) return [];
        throw err;
      }
    },

    async postForum(forumId: string, message: OutgoingMessage, options: ForumPostOptions): Promise<PostedRef> {
      const forum = await client.channels.fetch(forumId).catch(watch);
      if (forum?.type !== ChannelType.GuildForum) {
        throw new UpstreamError("discord", 400, { message: `discord: channel ${forumId} is not a forum`, reason: "no_permission" });
      }
      // The cached tags (kept current by CHANNEL_UPDATE) choose; only an edit re-reads the forum first.
      let tags: ForumTag[] = forum.availableTags.map((t) => ({ id: t.id, name: t.name }));
      const canCreate = (noManageUntil.get(forumId) ?? 0) <= now();
      let choice = chooseTags(options.tags, tags, canCreate);
      if (choice.create.length > 0) {
        tags = await addTags(forumId, choice.create);
        choice = chooseTags(options.tags, tags, false);
      }
      const { content, embeds, components, files } = renderMessage(message, { encode: deps.encode });
      if (files?.length) throw new Error("discord: a forum post carries no files");
      // Sent once, never retried by the REST client: no nonce exists for a forum post, so after a 5xx or a lost
      // answer only delivery, having looked at the forum's posts, may send it again.
      const body = { name: options.name, applied_tags: choice.apply, message: { ...(content ? { content } : {}), embeds, components, allowed_mentions: { parse: [] } } };
      const created = z.object({ id: z.string() }).parse(await rest(() => deps.postRest.post(Routes.threads(forumId), { body })));
      // A forum post's starter message has the thread's id.
      return { platform: "discord", channelId: created.id, messageId: created.id };
    },

    /**
     * paperboy's own forum posts created since `sinceMs`, each as its thread + starter message: the guild's active
     * threads under the forum, and its archived posts (a forum may archive a quiet post after an hour) back to
     * `sinceMs` — a post created since then was archived since then too.
     */
    async ownForumPosts(forumId: string, guildId: string, sinceMs: number): Promise<OwnPost[]> {
      const active = activeSchema.parse(await rest(() => client.rest.get(Routes.guildActiveThreads(guildId))));
      const after = BigInt(snowflakeAt(sinceMs));
      const byId = new Map(active.threads.filter((t) => t.parent_id === forumId).map((t) => [t.id, t]));
      let before: string | undefined;
      for (let page = 0; page < ARCHIVED_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(ARCHIVED_PAGE), ...(before ? { before } : {}) });
        const res = archivedSchema.parse(await rest(() => client.rest.get(Routes.channelThreads(forumId, "public"), { query })));
        for (const t of res.threads) byId.set(t.id, t);
        const last = res.threads.at(-1)?.thread_metadata?.archive_timestamp;
        if (!res.has_more || !last || Date.parse(last) < sinceMs) break;
        before = last;
      }
      const threads = [...byId.values()].filter((t) => BigInt(t.id) >= after);
      threads.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      const found: OwnPost[] = [];
      for (const t of threads) {
        let raw: unknown;
        try {
          raw = await client.rest.get(Routes.channelMessage(t.id, t.id));
        } catch (err) {
          if (toUpstreamError(err).status === 404) continue; // the starter message was deleted
          return watch(err);
        }
        const starter = starterSchema.safeParse(raw);
        if (!starter.success || starter.data.author.id !== deps.botId()) continue;
        const mark = markFromEmbedUrl(starter.data.embeds[0]?.url);
        if (mark) found.push({ messageId: t.id, channelId: t.id, mark });
      }
      return found;
    },
  };
}
