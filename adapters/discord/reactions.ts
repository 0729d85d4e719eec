// 🔖 reactions → core.handleReaction. Works on messages discord.js has never seen (yesterday's daily post after
// a restart) because the client runs with Message/Reaction/User/Channel partials and only ids are needed.
// Bots — paperboy's own one-click 🔖 included — and every other emoji are ignored. A 🔖 the core could not store
// is taken back (when paperboy may) and the user gets one DM saying so.
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import { z } from "zod";
import type { Logger } from "../../src/log.js";
import type { BotCore } from "../../src/ports.js";
import { errorFields } from "./errors.js";

export const BOOKMARK_EMOJI = "🔖";

export interface ReactionHandlerDeps {
  core: BotCore;
  log: Logger;
  /** paperboy's own user id (known once ready). */
  selfId: () => string | undefined;
}

const rawReactionSchema = z.object({
  user_id: z.string(),
  channel_id: z.string(),
  message_id: z.string(),
  guild_id: z.string().optional(),
  emoji: z.object({ name: z.string().nullable() }),
  member: z.object({ user: z.object({ bot: z.boolean().optional() }).passthrough() }).passthrough().optional(),
});

/**
 * discord.js drops a guild reaction whose channel it has not cached (it cannot build a channel without its type):
 * a paper in a thread that was archived when the bot connected, or one it never heard of. Such a raw
 * MESSAGE_REACTION_ADD/REMOVE is handled here from its ids instead; a cached channel is left to the normal path,
 * so no reaction is handled twice. `channelCached` is asked synchronously, before discord.js handles the packet.
 */
export function createRawReactionHandler(deps: ReactionHandlerDeps & { channelCached: (id: string) => boolean; tell: (userId: string, notice: string) => Promise<void> }) {
  return async function handleRaw(packet: { t?: string | null; d?: unknown }): Promise<void> {
    const added = packet.t === "MESSAGE_REACTION_ADD" ? true : packet.t === "MESSAGE_REACTION_REMOVE" ? false : undefined;
    if (added === undefined) return;
    const parsed = rawReactionSchema.safeParse(packet.d);
    if (!parsed.success) return;
    const d = parsed.data;
    if (!d.guild_id || deps.channelCached(d.channel_id)) return;
    if (d.emoji.name !== BOOKMARK_EMOJI || d.user_id === deps.selfId() || d.member?.user.bot === true) return;
    const event = { platform: "discord" as const, channelId: d.channel_id, messageId: d.message_id, userId: d.user_id, emoji: "bookmark", added };
    try {
      const outcome = await deps.core.handleReaction(event);
      if (outcome.status === "failed") await deps.tell(d.user_id, outcome.notice);
    } catch (err) {
      deps.log.error({ ...errorFields(err), channelId: event.channelId, messageId: event.messageId, userId: event.userId }, "discord: reaction failed");
    }
  };
}

export function createReactionHandler(deps: ReactionHandlerDeps) {
  // A 🔖 that could not be stored: take the user's reaction away (needs Manage Messages, so best effort) and
  // tell them in a DM — Discord has no private in-channel line outside an interaction.
  const tellNotStored = async (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, added: boolean, notice: string) => {
    const fields = { channelId: reaction.message.channelId, messageId: reaction.message.id, userId: user.id };
    if (added) await reaction.users.remove(user.id).catch((err: unknown) => deps.log.debug({ ...errorFields(err), ...fields }, "discord: could not remove the 🔖"));
    await user.send({ content: notice, allowedMentions: { parse: [] } }).catch((err: unknown) => deps.log.warn({ ...errorFields(err), ...fields }, "discord: could not tell the user their 🔖 failed"));
  };

  return async function handle(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    added: boolean,
  ): Promise<void> {
    // A partial user's `bot` is null (reaction removals carry no member); only our own id is certain then.
    if (reaction.emoji.name !== BOOKMARK_EMOJI || user.id === deps.selfId() || user.bot === true) return;
    const event = {
      platform: "discord" as const,
      channelId: reaction.message.channelId,
      messageId: reaction.message.id,
      userId: user.id,
      emoji: "bookmark",
      added,
    };
    try {
      const outcome = await deps.core.handleReaction(event);
      if (outcome.status === "failed") await tellNotStored(reaction, user, added, outcome.notice);
    } catch (err) {
      deps.log.error({ ...errorFields(err), channelId: event.channelId, messageId: event.messageId, userId: event.userId }, "discord: reaction failed");
    }
  };
}
