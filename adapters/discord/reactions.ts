// 🔖 reactions → core.handleReaction. Works on messages discord.js has never seen (yesterday's daily post after
// a restart) because the client runs with Message/Reaction/User/Channel partials and only ids are needed.
// Bots — paperboy's own one-click 🔖 included — and every other emoji are ignored. A 🔖 the core could not store
// is taken back (when paperboy may) and the user gets one DM saying so. A 🔖 in a thread discord.js never cached is
// taken from the raw gateway packet (createUncachedReactionHandler).
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

const rawReactionSchema = z.object({
  t: z.enum(["MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE"]),
  d: z.object({
    user_id: z.string(),
    channel_id: z.string(),
    message_id: z.string(),
    emoji: z.object({ name: z.string().nullable().optional() }),
    member: z.object({ user: z.object({ bot: z.boolean().optional() }).optional() }).optional(),
  }),
});

export interface RawReactionDeps extends ReactionHandlerDeps {
  /** Whether discord.js knows the channel (then its own MessageReactionAdd/Remove event carries the reaction). */
  isCached: (channelId: string) => boolean;
  /** Tells a user privately that their 🔖 did not take. */
  tell: (userId: string, notice: string) => Promise<void>;
}

/**
 * discord.js drops a reaction in a channel it has not cached — a thread it never saw (no THREAD_CREATE: started
 * while paperboy was away and not active at READY, or archived since). Paper messages live in threads and forum posts
 * too (posting modes, journal club replies), so such a 🔖 is taken from the raw gateway packet by its ids instead.
 * Returns the work, or undefined when the packet is not such a reaction.
 */
export function createUncachedReactionHandler(deps: RawReactionDeps) {
  return (packet: unknown): Promise<void> | undefined => {
    // Every gateway packet passes here: only reaction packets are parsed at all.
    const type = (packet as { t?: unknown } | null)?.t;
    if (type !== "MESSAGE_REACTION_ADD" && type !== "MESSAGE_REACTION_REMOVE") return undefined;
    const parsed = rawReactionSchema.safeParse(packet);
    if (!parsed.success) return undefined;
    const { t, d } = parsed.data;
    if (deps.isCached(d.channel_id) || d.emoji.name !== BOOKMARK_EMOJI || d.user_id === deps.selfId() || d.member?.user?.bot === true) {
      return undefined;
    }
    const added = t === "MESSAGE_REACTION_ADD";
    const event = { platform: "discord" as const, channelId: d.channel_id, messageId: d.message_id, userId: d.user_id, emoji: "bookmark", added };
    return (async () => {
      try {
        const outcome = await deps.core.handleReaction(event);
        if (outcome.status === "failed") await deps.tell(d.user_id, outcome.notice);
      } catch (err) {
        deps.log.error({ ...errorFields(err), channelId: event.channelId, messageId: event.messageId, userId: event.userId }, "discord: reaction failed");
      }
    })();
  };
}
