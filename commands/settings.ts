// /paper settings — every feed of this channel (daily, weekly, monthly, trending): when each one's next post
// comes (in its own time zone), its filters and its delivery trouble, plus for the daily feed a preview: how
// many papers the latest finished list would have posted with them; and the channel's journal club setting.
import { z } from "zod";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { formatListDate } from "../src/time/dates.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { UpstreamError } from "../src/errors.js";
import { textReply } from "../src/message.js";
import { describeFilters, describeLiveVotes, describeState, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { DEFAULT_REFRESH_DAYS } from "../src/store/live-votes.js";
import { FEED_LABELS, describeSchedule, nextPostAt } from "../src/schedule/describe-feed.js";
import { selectPapers } from "../src/schedule/filters.js";
import { feedKind } from "../src/store/subscriptions.js";
import { clubSummary } from "./club.js";
import { describeMode, feedChannelOf } from "./posting-mode.js";
import { subscriptionsOf } from "./subscribe.js";

export const settingsCommand = defineCommand({
  name: "settings",
  description: "Show this channel's feeds: next post times, filters and a preview",
  schema: z.object({}),
  examples: ["/paper settings"],
  async run(_args, ctx) {
    const repo = subscriptionsOf(ctx);
    const { channelId } = await feedChannelOf(ctx);
    const { deps, caller } = ctx;
    const feeds = await repo.feedsOf(caller.platform, channelId);
    const club = await clubSummary(ctx, channelId);
    if (feeds.length === 0) {
      const none =
        "This channel isn't subscribed to any feed. An admin can start one with /paper subscribe, e.g. /paper subscribe 09:00 Europe/Berlin 5 or /paper subscribe weekly monday 09:00";
      return textReply(club ? `${none}\n\n${club}` : none);
    }
    const now = deps.now();
    const sections: string[] = [];
    for (const sub of feeds) {
      const kind = feedKind(sub);
      const next = nextPostAt(sub, now.getTime());
      const lines = [
        kind === "daily" ? `Daily post here ${describeSchedule(sub)}.` : `${FEED_LABELS[kind]} (${kind}): ${describeSchedule(sub)}.`,
        `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now.getTime())}).`,
        `${describeFilters(sub).join("; ")}.`,
        describeMode(sub),
        `${describeLiveVotes(sub, DEFAULT_REFRESH_DAYS)}.`,
      ];
      if (kind === "daily") {
        lines.push(`${describeWeekend(sub)}.`);
        try {
          const { date, papers } = await latestClosedDateWithPapers(now, deps.papers);
          lines.push(
            papers.length === 0
              ? "Preview: the recent lists are empty, so there is nothing to preview."
              : `Preview: with these settings the list of ${formatListDate(date)} would have posted ${selectPapers(papers, sub).length} of its ${papers.length} papers.`,
          );
        } catch (err) {
          if (!(err instanceof UpstreamError)) throw err;
          lines.push("Preview: unavailable right now (Hugging Face isn't answering).");
        }
      }
      const state = await repo.getState({ platform: sub.platform, channelId, kind });
      lines.push(...describeState(sub, state, now.getTime(), deps.config.DELIVERY_GIVE_UP_DAYS));
      sections.push(lines.join("\n"));
    }
    const footer = `/paper preview ${feedKind(feeds[0]!)} shows what a feed would post now; /paper unsubscribe [kind] stops one.`;
    return textReply([...sections, footer, ...(club ? [club] : [])].join("\n\n"));
  },
});
