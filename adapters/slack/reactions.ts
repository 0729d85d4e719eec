// 🔖 on Slack: `reaction_added` / `reaction_removed` with reaction `bookmark` on a message become neutral
// ReactionEvents. The core decides whether the message is a recorded paper post and dedupes Slack's retried
// deliveries by event_id; here we only drop what is certainly not ours (other emoji, files, malformed items).
// A 🔖 the core could not store is answered with an ephemeral line to the reacting user.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { SlackContext } from "./context.js";

export const BOOKMARK_REACTION = "bookmark";

const reactionSchema = z.object({
  user: z.string().min(1),
  reaction: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
});
const envelopeSchema = z.object({ event_id: z.string().optional() });

export function registerReactions(app: App, ctx: SlackContext): void {
  for (const [type, added] of [["reaction_added", true], ["reaction_removed", false]] as const) {
    app.event(type, async ({ event, body }) => {
      const parsed = reactionSchema.safeParse(event);
      if (!parsed.success) return void ctx.log.warn({ issues: parsed.error.issues }, `slack ${type} not understood`);
      const { user, reaction, item } = parsed.data;
      // Skin-tone variants arrive as "name::skin-tone-2"; 🔖 has none, but compare the base name anyway.
      if (reaction.split("::")[0] !== BOOKMARK_REACTION || item.type !== "message" || !item.channel || !item.ts) return;
      // paperboy's own 🔖 (none today; the journal club must never count one) is not a person saving the paper.
      if (user === ctx.botUserId?.()) return;
      const eventId = envelopeSchema.safeParse(body).data?.event_id;
      const channelId = item.channel;
      const messageId = item.ts;
      await ctx.track("slack reaction", { userId: user, channelId, messageId, added }, async () => {
        const outcome = await ctx.core.handleReaction({
          platform: "slack",
          channelId,
          messageId,
          userId: user,
          emoji: BOOKMARK_REACTION,
          added,
          ...(eventId ? { eventId } : {}),
        });
        // Slack lets an app remove only its own reactions, so the user is told in one line only they see.
        if (outcome.status === "failed") {
          await ctx.client.chat.postEphemeral({ channel: channelId, user, text: outcome.notice });
        }
      });
    });
  }
}
