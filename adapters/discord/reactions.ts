// 🔖 reactions → core.handleReaction. Works on messages discord.js has never seen (yesterday's daily post after
// a restart) because the client runs with Message/Reaction/User/Channel partials and only ids are needed.
// Bots — paperboy's own one-click 🔖 included — and every other emoji are ignored.
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
      await deps.core.handleReaction(event);
    } catch (err) {
      deps.log.error({ ...errorFields(err), channelId: event.channelId, messageId: event.messageId, userId: event.userId }, "discord: reaction failed");
    }
  };
}
