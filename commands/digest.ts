// /paper digest daily|weekly|off [time] [timezone] [top] [rank] — the caller's own feed, delivered to their DMs (the
// chat version of Hugging Face's email digest). Personal and private: anyone may use it, in any channel. It is a
// feed like a channel's (same schedule, ledger and catch-up), whose destination is the caller's DM channel.
// `rank=foryou` picks the papers with the /paper foryou ranking (the caller's bookmarks) instead of by upvotes.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { describeFilters, formatInZone, relative } from "../src/schedule/describe.js";
import { WEEKDAY_NAMES, describeSchedule, nextPostAt } from "../src/schedule/describe-feed.js";
import { MAX_TOP, dmChannelKey, type Subscription } from "../src/store/subscriptions.js";
import { previewFeed } from "./feed-preview.js";
import { buildFeed, saveFeed, subscriptionsOf } from "./subscribe.js";

const DIGEST_KINDS = ["daily", "weekly"] as const;

/** Records `rank` only when it is foryou: upvotes is what a feed without it does. */
const withRank = (sub: Subscription, rank: Subscription["rank"]): Subscription => (rank === "foryou" ? { ...sub, rank } : sub);

export const digestCommand = defineCommand({
  name: "digest",
  description: "Get the daily or weekly papers in your DMs (or turn it off)",
  schema: z.object({
    kind: z.enum(["daily", "weekly", "off"]).describe("daily, weekly, or off to stop your digests"),
    weekday: z.enum(WEEKDAY_NAMES).optional().describe("Weekly digests: the day it comes (default monday)"),
    time: z.string().trim().max(10).optional().describe("Local time, HH:MM (default 09:00)"),
    timezone: z.string().trim().max(64).optional().describe("IANA time zone, e.g. Europe/Berlin"),
    top: z.number().int().min(1).max(MAX_TOP).optional().describe(`How many papers, 1–${MAX_TOP} (default 10)`),
    rank: z.enum(["upvotes", "foryou"]).optional().describe("upvotes (default) or foryou: ranked by your bookmarks"),
  }),
  examples: [
    "/paper digest daily 08:00 Europe/Berlin 5",
    "/paper digest weekly friday 17:00",
    "/paper digest daily rank=foryou",
    "/paper digest off",
  ],
  async run(args, ctx) {
    const { caller, deps } = ctx;
    const channelId = dmChannelKey(caller.userId);
    const base = { platform: caller.platform, channelId, userId: caller.userId };
    if (caller.platform === "console") {
      if (args.kind === "off") return textReply("The terminal keeps no digests, so there is nothing to stop.");
      const sub = withRank(buildFeed(args, { ...base, kind: args.kind }, undefined, ctx), args.rank);
      return previewFeed(sub, ctx, { intro: "In Discord or Slack, your DMs would get", outro: "Nothing is saved in the terminal." });
    }
    const repo = subscriptionsOf(ctx);
    if (args.kind === "off") {
      const removed: string[] = [];
      for (const kind of DIGEST_KINDS) if (await repo.remove({ ...base, kind })) removed.push(kind);
      return textReply(
        removed.length > 0
          ? `Done: no more ${removed.join(" or ")} digest in your DMs. /paper digest daily starts one again.`
          : "You have no digest, so there is nothing to stop. /paper digest daily 08:00 starts one.",
      );
    }
    const existing = await repo.get({ ...base, kind: args.kind });
    const sub = withRank(buildFeed(args, { ...base, kind: args.kind }, existing, ctx), args.rank ?? existing?.rank);
    await saveFeed(repo, sub);
    deps.log.info({ platform: caller.platform, userId: caller.userId, kind: args.kind }, "digest saved");
    const now = deps.now().getTime();
    const next = nextPostAt(sub, now);
    return textReply(
      [
        `${existing ? "Updated" : "Done"}: your DMs get the ${args.kind} digest ${describeSchedule(sub)}.`,
        `Next one: ${formatInZone(next, sub.timezone)} (${relative(next, now)}).`,
        `${describeFilters(sub).join("; ")}.`,
        sub.rank === "foryou"
          ? "Papers are picked for you from your bookmarks, like /paper foryou (most upvoted until you have 3 bookmarks)."
          : "Papers are the most upvoted; add rank=foryou to pick them from your bookmarks.",
        "/paper digest off stops it. Only you see this.",
      ].join("\n"),
    );
  },
});
