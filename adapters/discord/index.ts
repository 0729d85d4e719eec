// The Discord adapter: a discord.js Client (REST base from DISCORD_API_URL, non-privileged intents only, partials
// for reactions on uncached messages, no mention parsing anywhere) wired to the core's two ports. Commands are
// registered by `npm run deploy:discord` (deploy.ts), never at boot. A refused token (at start or later) is an
// outage of this adapter only: reported by health(), retried with backoff, never thrown out of start().
// Posting modes (threads, forum posts and their tags) live in threads.ts.
import { createHash } from "node:crypto";
import { ChannelType, Client, Events, GatewayIntentBits, Partials, REST, Routes, type RESTOptions } from "discord.js";
import type { Config } from "../../src/config.js";
import type { Logger } from "../../src/log.js";
import type { OutgoingMessage } from "../../src/message.js";
import type { BotCore, ChatAdapter, PostOptions, PostedRef } from "../../src/ports.js";
import { createOutage } from "../../src/adapter-outage.js";
import { UpstreamError } from "../../src/errors.js";
import { createActionCodec } from "./custom-id.js";
import { discordCode, errorFields, toUpstreamError } from "./errors.js";
import { createDiscussionOpener } from "./discussion.js";
import { readOwnAlerts, readOwnPosts } from "./history.js";
import { BOOKMARK_EMOJI, createReactionHandler, createUncachedReactionHandler } from "./reactions.js";
import { renderMessage } from "./render.js";
import { createShardRouter, shardOptions } from "./shards.js";
import { createInteractionHandler } from "./slash.js";
import { createDiscordThreads } from "./threads.js";

export interface DiscordAdapterConfig {
  config: Config;
  core: BotCore;
  log: Logger;
  /** Test overrides for @discordjs/rest (retries, timeout, offset …); `api` always comes from config. */
  restOptions?: Partial<Omit<RESTOptions, "api">>;
  /** How long to wait for guilds announced in READY (discord.js default 15 s). */
  waitGuildTimeoutMs?: number;
  /** How long start() waits for the gateway to be ready. */
  readyTimeoutMs?: number;
  /** How long stop() lets in-flight interactions finish before closing (inside the 8-second SIGTERM budget). */
  drainTimeoutMs?: number;
  /** Backoff while the token is refused or the gateway unreachable (tests shrink it); defaults 5 s doubling to 5 min. */
  outageRetry?: { minDelayMs?: number; maxDelayMs?: number };
  /**
   * False for processes that only post (`npm run deliver`): Discord hands every session of a shard the same
   * interactions and reactions, so such a process must leave them to the bot instead of answering them too.
   * Default true.
   */
  receiveEvents?: boolean;
}

/** The intents paperboy needs: guilds (channels) and guild message reactions (🔖). Neither is privileged. */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions];
const MAX_NONCE = 25;
/**
 * Discord's reaction bucket is 1 per 0.25 s per channel, and @discordjs/rest only paces a route after it has
 * learnt the bucket from a first response — so back-to-back 🔖 on a fresh daily post would draw a 429.
 * Spacing paperboy's own reactions per channel (with a margin for network jitter) avoids it.
 */
const REACTION_SPACING_MS = 300;

export function createDiscordAdapter(opts: DiscordAdapterConfig): ChatAdapter {
  const { config, core } = opts;
  const log = opts.log.child({ adapter: "discord" });
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error("createDiscordAdapter: DISCORD_TOKEN is not set");

  const client = new Client({
    intents: DISCORD_INTENTS,
    partials: [Partials.Message, Partials.Reaction, Partials.User, Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { ...opts.restOptions, api: config.DISCORD_API_URL },
    waitGuildTimeout: opts.waitGuildTimeoutMs ?? 15_000,
    ...shardOptions(config),
  });
  const shards = createShardRouter(client, log, () => stopping);
  const codec = createActionCodec();
  const nextReaction = new Map<string, number>();
  const reactionSlot = async (channelId: string) => {
    const now = Date.now();
    const at = Math.max(now, nextReaction.get(channelId) ?? 0);
    nextReaction.set(channelId, at + REACTION_SPACING_MS);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const onInteraction = createInteractionHandler({ core, log, codec });
  const onReaction = createReactionHandler({ core, log, selfId: () => client.user?.id });
  const onUncachedReaction = createUncachedReactionHandler({
    core,
    log,
    selfId: () => client.user?.id,
    isCached: (channelId) => client.channels.cache.has(channelId),
    tell: async (userId, notice) => {
      await client.users.send(userId, { content: notice, allowedMentions: { parse: [] } }).catch((err: unknown) => log.warn({ ...errorFields(err), userId }, "discord: could not tell the user their 🔖 failed"));
    },
  });
  if (opts.receiveEvents ?? true) {
    client.on(Events.InteractionCreate, (i) => {
      if (!stopping) track(onInteraction(i));
    });
    client.on(Events.MessageReactionAdd, (r, u) => {
      if (!stopping) track(onReaction(r, u, true));
    });
    client.on(Events.MessageReactionRemove, (r, u) => {
      if (!stopping) track(onReaction(r, u, false));
    });
    // Emitted before discord.js handles the packet, so "not cached" here means discord.js will drop it.
    client.on(Events.Raw, (packet: unknown) => {
      const work = stopping || !client.isReady() ? undefined : onUncachedReaction(packet);
      if (work) track(work);
    });
  }
  // Destinations gone for good end their subscriptions. An outage is GuildUnavailable, never GuildDelete.
  client.on(Events.ChannelDelete, (channel) => {
    log.info({ channelId: channel.id }, "discord: channel deleted");
    track(core.handleLifecycle({ kind: "channel_deleted", platform: "discord", channelId: channel.id }));
  });
  client.on(Events.ThreadDelete, (thread) => {
    track(core.handleLifecycle({ kind: "channel_deleted", platform: "discord", channelId: thread.id }));
  });
  client.on(Events.GuildDelete, (guild) => {
    log.info({ guildId: guild.id }, "discord: removed from a server");
    track(core.handleLifecycle({ kind: "app_removed", platform: "discord", workspaceId: guild.id }));
  });
  client.on(Events.Error, (err) => log.error(errorFields(err), "discord: client error"));

  async function textChannel(channelId: string) {
    const channel = await client.channels.fetch(channelId).catch(watch);
    if (!channel?.isSendable()) {
      throw new UpstreamError("discord", 400, { message: `discord: channel ${channelId} is not a text channel`, reason: "no_permission" });
    }
    return channel;
  }

  // Login and READY: run by start() and, during an outage, by its retry loop (on a fresh connection each time).
  let everLoggedIn = false;
  async function connect(): Promise<void> {
    if (everLoggedIn) await client.destroy();
    everLoggedIn = true;
    let onReady: ((c: Client<true>) => void) | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("discord: gateway not ready in time")), opts.readyTimeoutMs ?? 60_000);
      onReady = (c) => {
        clearTimeout(timer);
        log.info({ botId: c.user.id, guilds: c.guilds.cache.size, shards: shards.local(), shardCount: shards.count() }, "discord: ready");
        resolve();
      };
      client.once(Events.ClientReady, onReady);
    });
    try {
      // A shard closed for good (e.g. 4011: more shards needed) ends the attempt with the setting to change.
      await Promise.race([client.login(token).then(() => ready), shards.fatal]);
    } catch (err) {
      if (onReady) client.off(Events.ClientReady, onReady);
      void ready.catch(() => undefined);
      throw toUpstreamError(err);
    }
  }
  const botId = () => {
    const id = client.user?.id;
    if (!id) throw new UpstreamError("discord", 0, { message: "discord: not connected yet" });
    return id;
  };
  // Writes that have no nonce (forum posts) must not be repeated by the REST client after a 5xx or a timeout.
  const postRest = new REST({ ...opts.restOptions, api: config.DISCORD_API_URL, retries: 0 }).setToken(token);
  const threads = createDiscordThreads({ client, encode: codec.encode, watch: (err) => watch(err), botId, postRest });

  const outage = createOutage({
    log,
    name: "discord",
    hint: "check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)",
    reconnect: connect,
    ...opts.outageRetry,
  });
  /** A refused token while running is the adapter's outage, not the channel's: pause and retry. */
  const watch = (err: unknown): never => {
    const upstream = toUpstreamError(err);
    if (upstream.reason === "auth") outage.begin(upstream);
    throw upstream;
  };

  return {
    platform: "discord",
    async start() {
      try {
        await connect();
      } catch (err) {
        // Never fatal: a refused or unreachable Discord must not take the other platforms down with it.
        outage.begin(err);
      }
    },
    health: () => (stopping ? { state: "stopped" } : outage.health(client.isReady())),
    async stop() {
      stopping = true;
      outage.stop();
      const drain = Promise.allSettled([...inFlight]);
      await Promise.race([drain, new Promise((r) => setTimeout(r, opts.drainTimeoutMs ?? 4000).unref())]);
      await client.destroy();
      postRest.clearHashSweeper();
      postRest.clearHandlerSweeper();
    },
    isReady: () => shards.allReady() && !outage.active(),
    canDeliver: (channelId, guildId) => shards.canDeliver(channelId, guildId),
    async post(channelId: string, message: OutgoingMessage, options?: PostOptions): Promise<PostedRef> {
      // Thread mode: the reply goes into the thread opened from that message, which has the message's id.
      const target = options?.replyTo ?? channelId;
      const payload = renderMessage(message, { encode: codec.encode });
      // enforce_nonce: Discord returns the first message for a repeated nonce, so a retried send can't double-post.
      const nonce = options?.nonce === undefined ? undefined : fitNonce(options.nonce);
      try {
        const channel = await textChannel(target);
        const sent = await channel.send({ ...payload, ...(nonce ? { nonce, enforceNonce: true } : {}) }).catch(watch);
        return { platform: "discord", channelId: target, messageId: sent.id };
      } catch (err) {
        // A deleted thread is not a deleted channel: the feed lives on (the next post opens a new thread).
        if (options?.replyTo && err instanceof UpstreamError && err.reason === "channel_gone") throw threadGone(err);
        throw err;
      }
    },
    async seedReaction(channelId, messageId) {
      // PUT …/reactions/🔖/@me: idempotent, so a pass that seeds again after a crash changes nothing.
      await reactionSlot(channelId);
      try {
        await client.rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(BOOKMARK_EMOJI)));
      } catch (err) {
        const upstream = toUpstreamError(err);
        log.warn({ ...errorFields(err), channelId, messageId, reason: upstream.reason }, "discord: could not add 🔖");
        watch(upstream);
      }
    },
    openDiscussion: createDiscussionOpener({ client, encode: codec.encode, watch }),
    async editPost(channelId, messageId, message) {
      const { content, embeds, components } = renderMessage(message, { encode: codec.encode });
      try {
        // A raw PATCH: the message need not be cached, and the body names allowed_mentions itself.
        await client.rest.patch(Routes.channelMessage(channelId, messageId), {
          body: { ...(content !== undefined ? { content } : {}), embeds, components, allowed_mentions: { parse: [] } },
        });
      } catch (err) {
        // 10008 Unknown Message: deleted. For an edit that is the end of the thing edited, like a gone channel.
        if (discordCode(err) === 10008) throw new UpstreamError("discord", 404, { cause: err, code: "10008", reason: "channel_gone", message: "discord: message deleted" });
        watch(err);
      }
    },
    async ownPosts(channelId, sinceMs) {
      const me = botId();
      // A forum holds no messages of its own: its posts are threads, found among the guild's active ones.
      const channel = await client.channels.fetch(channelId).catch(watch);
      if (channel?.type === ChannelType.GuildForum) return threads.ownForumPosts(channelId, channel.guildId, sinceMs);
      return readOwnPosts(client.rest, me, channelId, sinceMs);
    },
    async ownDirectAlerts(userId, sinceMs) {
      const botId = client.user?.id;
      if (!botId) throw new UpstreamError("discord", 0, { message: "discord: not connected yet" });
      const dm = await client.users.createDM(userId).catch(watch);
      return readOwnAlerts(client.rest, botId, dm.id, sinceMs);
    },
    channelKind: (channelId) => threads.channelKind(channelId),
    startThread: (channelId, messageId, name) => threads.startThread(channelId, messageId, name),
    ownReplies: (channelId, messageId, sinceMs) => threads.ownReplies(channelId, messageId, sinceMs),
    postForum: (forumId, message, options) => threads.postForum(forumId, message, options),
    async directChannel(userId: string): Promise<string> {
      try {
        return (await client.users.createDM(userId)).id;
      } catch (err) {
        return watch(err);
      }
    },
    // An alert is marked by its embed link (format/follow-alert.ts), so `options` needs no Discord field.
    async sendDirect(userId: string, message: OutgoingMessage): Promise<void> {
      try {
        const dm = await client.users.createDM(userId);
        await dm.send(renderMessage(message, { encode: codec.encode }));
      } catch (err) {
        watch(err);
      }
    },
  };
}

/** The day's thread (or its header) was deleted under a running post: this post stops; the feed does not end. */
export function threadGone(err: UpstreamError): UpstreamError {
  return new UpstreamError("discord", err.status, { cause: err, message: "discord: the post's thread or its header was deleted", reason: "no_permission" });
}

/** Discord nonces are ≤ 25 characters; longer keys are hashed down, deterministically. */
function fitNonce(nonce: string): string {
  return nonce.length <= MAX_NONCE ? nonce : createHash("sha256").update(nonce).digest("base64url").slice(0, MAX_NONCE);
}
