// 🔖 reactions → core.handleReaction. Works on messages discord.js has never seen (yesterday's daily post after
// a restart) because the client runs with Message/Reaction/User/Channel partials and only ids are needed.
// Bots — paperboy's own one-click 🔖 included — and every other emoji are ignored. A 🔖 the core could not store
// is taken back (when paperboy may) and the user gets one DM saying so.
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
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
