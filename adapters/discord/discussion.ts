// Journal club on Discord: a thread started from the paper message (POST /channels/:ch/messages/:id/threads, named
// after the paper, ≤ 100 characters) with paperboy's club message in it. Discord cannot nest threads, so a paper
// message that already sits in a thread or forum post gets the club message as a reply there instead. Idempotent
// for a retry after a crash: 160004 (the message already has a thread) means the thread is there, and paperboy's
// own club message is looked for (by the embed link it built) before posting; the post also carries a nonce.
import { Routes, type Client } from "discord.js";
import { z } from "zod";
import { MAX_DISCUSSION_TITLE } from "../../src/format/club.js";
import { truncate } from "../../src/format/text.js";
import type { OutgoingMessage } from "../../src/message.js";
import type { DiscussionOptions, DiscussionRef } from "../../src/ports.js";
import { UpstreamError } from "../../src/errors.js";
import { discordCode } from "./errors.js";
import { renderMessage, type RenderOptions } from "./render.js";

/** "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;
/** "Cannot execute action on this channel type". */
const NO_THREADS_HERE = 50024;
/** "Unknown Message": the paper message is gone — as final for its discussion as a deleted channel. */
const UNKNOWN_MESSAGE = 10008;
/** Threads archive after a day without messages (Discord's default choice in the client). */
const AUTO_ARCHIVE_MINUTES = 1440;
/** Messages read after the paper message when looking for our own club message (it comes right after). */
const PAGE = 100;
const MAX_PAGES = 3;

const pageSchema = z.array(
  z.object({ id: z.string(), author: z.object({ id: z.string() }), embeds: z.array(z.object({ url: z.string().optional() }).passthrough()).default([]) }),
);

export interface DiscussionDeps {
  client: Client;
  encode: RenderOptions["encode"];
  /** Maps a failure (a refused token becomes the adapter's outage) and rethrows it. */
  watch: (err: unknown) => never;
}

export function createDiscussionOpener(deps: DiscussionDeps) {
  const { client, watch } = deps;

  /** Whether paperboy's club message for this paper (its embed link) is in `channelId` after `afterId`. */
  async function hasClubMessage(channelId: string, afterId: string, url: string | undefined): Promise<boolean> {
    const botId = client.user?.id;
    if (!botId || !url) return false;
    let after = afterId;
    for (let page = 0; page < MAX_PAGES; page++) {
      const raw = await client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: String(PAGE) }) }).catch(watch);
      const messages = pageSchema.parse(raw);
      if (messages.some((m) => m.author.id === botId && m.embeds[0]?.url === url)) return true;
      if (messages.length < PAGE) return false;
      // Newest first: the next page starts after the newest one read.
      after = messages[0]?.id ?? after;
    }
    return false;
  }

  async function send(threadId: string, message: OutgoingMessage, replyTo?: string): Promise<void> {
    const channel = await client.channels.fetch(threadId).catch(watch);
    if (!channel?.isSendable()) {
      throw new UpstreamError("discord", 400, { message: `discord: ${threadId} is not a channel paperboy can post in`, reason: "no_permission" });
    }
    const payload = renderMessage(message, { encode: deps.encode });
    // The nonce makes two processes (or a retry) racing on the same discussion land one message, not two.
    const nonce = `club${replyTo ?? threadId}`.slice(0, 25);
    await channel
      .send({
        ...payload,
        allowedMentions: { parse: [] },
        nonce,
        enforceNonce: true,
        ...(replyTo ? { reply: { messageReference: replyTo, failIfNotExists: false } } : {}),
      })
      .catch(watch);
  }

  /** The club message as a reply to the paper message, in the channel it is in (unless it is there already). */
  async function replyInPlace(channelId: string, messageId: string, message: OutgoingMessage): Promise<DiscussionRef> {
    if (await hasClubMessage(channelId, messageId, message.url)) return { threadId: channelId, created: false };
    await send(channelId, message, messageId);
    return { threadId: channelId, created: true };
  }

  return async function openDiscussion(channelId: string, messageId: string, message: OutgoingMessage, options: DiscussionOptions): Promise<DiscussionRef> {
    const channel = await client.channels.fetch(channelId).catch(watch);
    // Already in a thread or forum post: no thread of its own is possible, so reply to the paper message there.
    if (channel?.isThread()) return replyInPlace(channelId, messageId, message);
    let threadExisted = false;
    try {
      await client.rest.post(Routes.threads(channelId, messageId), {
        body: { name: truncate(options.title, MAX_DISCUSSION_TITLE) || "Discussion", auto_archive_duration: AUTO_ARCHIVE_MINUTES },
      });
    } catch (err) {
      const code = discordCode(err);
      // A channel type without threads (e.g. a voice channel's chat): the reply is the discussion.
      if (code === NO_THREADS_HERE) return replyInPlace(channelId, messageId, message);
      if (code === UNKNOWN_MESSAGE) {
        throw new UpstreamError("discord", 404, { cause: err, code: String(code), message: "discord: the paper message was deleted", reason: "channel_gone" });
      }
      if (code !== THREAD_EXISTS) watch(err);
      threadExisted = true;
    }
    // A thread started from a message has the message's id.
    const threadId = messageId;
    if (threadExisted && (await hasClubMessage(threadId, "0", message.url))) return { threadId, created: false };
    await send(threadId, message);
    return { threadId, created: true };
  };
}
