// /paper settings — this channel's subscription: when the next post comes (in the channel's own time zone), the
// filters, and a preview: how many papers the latest finished list would have posted with them.
import { z } from "zod";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { formatListDate } from "../src/time/dates.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { UpstreamError } from "../src/errors.js";
import { textReply } from "../src/message.js";
import { describeFilters, describeState, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { selectPapers } from "../src/schedule/filters.js";
import { nextSlotAfter } from "../src/schedule/slots.js";
import { channelOf, subscriptionsOf } from "./subscribe.js";

export const settingsCommand = defineCommand({
  name: "settings",
  description: "Show this channel's daily post: next time, filters and a preview",
  schema: z.object({}),
  examples: ["/paper settings"],
  async run(_args, ctx) {
    const repo = subscriptionsOf(ctx);
    const channelId = channelOf(ctx);
    const { deps, caller } = ctx;
    const key = { platform: caller.platform, channelId };
    const sub = await repo.get(key);
    if (!sub) {
      return textReply(
        "This channel isn't subscribed to the daily post. An admin can start it with /paper subscribe, e.g. /paper subscribe 09:00 Europe/Berlin 5",
      );
    }
    const now = deps.now();
    const next = nextSlotAfter(Math.max(now.getTime(), Date.parse(sub.activeFrom)), sub);
    let preview: string;
    try {
      const { date, papers } = await latestClosedDateWithPapers(now, deps.papers);
      const picked = selectPapers(papers, sub).length;
      preview =
        papers.length === 0
          ? "Preview: the recent lists are empty, so there is nothing to preview."
          : `Preview: with these settings the list of ${formatListDate(date)} would have posted ${picked} of its ${papers.length} papers.`;
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      preview = "Preview: unavailable right now (Hugging Face isn't answering).";
    }
    const lines = [
      `Daily post here every day at ${sub.time} (${sub.timezone}).`,
      `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now.getTime())}).`,
      `${describeFilters(sub).join("; ")}.`,
      `${describeWeekend(sub)}.`,
      preview,
      ...describeState(sub, await repo.getState(key), now.getTime(), deps.config.DELIVERY_GIVE_UP_DAYS),
    ];
    return textReply(lines.join("\n"));
  },
});
