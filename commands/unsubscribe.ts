// /paper unsubscribe [kind] — this channel stops getting one feed, or every feed when no kind is given (admins).
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { FEED_KINDS, feedKind } from "../src/store/subscriptions.js";
import { feedChannelOf } from "./posting-mode.js";
import { subscriptionsOf } from "./subscribe.js";

export const unsubscribeCommand = defineCommand({
  name: "unsubscribe",
  description: "Stop a feed in this channel, or all of them (admins)",
  schema: z.object({
    kind: z.enum(FEED_KINDS).optional().describe("Which feed to stop: daily, weekly, monthly or trending (default: all)"),
  }),
  adminOnly: true,
  examples: ["/paper unsubscribe", "/paper unsubscribe weekly"],
  async run(args, ctx) {
    const repo = subscriptionsOf(ctx);
    const { channelId } = await feedChannelOf(ctx);
    const { platform, userId } = ctx.caller;
    const kinds = args.kind ? [args.kind] : (await repo.feedsOf(platform, channelId)).map(feedKind);
    const removed: string[] = [];
    for (const kind of kinds) if (await repo.remove({ platform, channelId, kind })) removed.push(kind);
    if (removed.length > 0) ctx.deps.log.info({ platform, channelId, userId, kinds: removed }, "unsubscribed");
    if (removed.length > 0) {
      return textReply(`Unsubscribed: this channel won't get the ${removed.join(", ")} feed${removed.length === 1 ? "" : "s"} any more. /paper subscribe starts one again.`);
    }
    return textReply(
      args.kind
        ? `This channel has no ${args.kind} feed, so there is nothing to stop. /paper settings lists its feeds.`
        : "This channel isn't subscribed, so there is nothing to stop. /paper subscribe starts a daily post.",
    );
  },
});
