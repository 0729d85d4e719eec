// /paper unsubscribe — this channel stops getting the daily post (admins).
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { channelOf, subscriptionsOf } from "./subscribe.js";

export const unsubscribeCommand = defineCommand({
  name: "unsubscribe",
  description: "Stop the daily post in this channel (admins)",
  schema: z.object({}),
  adminOnly: true,
  examples: ["/paper unsubscribe"],
  async run(_args, ctx) {
    const repo = subscriptionsOf(ctx);
    const channelId = channelOf(ctx);
    const removed = await repo.remove({ platform: ctx.caller.platform, channelId });
    if (removed) ctx.deps.log.info({ platform: ctx.caller.platform, channelId, userId: ctx.caller.userId }, "unsubscribed");
    return textReply(
      removed
        ? "Unsubscribed: this channel won't get the daily post any more. /paper subscribe starts it again."
        : "This channel isn't subscribed, so there is nothing to stop. /paper subscribe starts a daily post.",
    );
  },
});
