// /paper status — for admins: every feed of this channel: last and next delivery and any failures, plus a count of the
// subscriptions in this workspace and which of them are failing; a platform outage (revoked token) comes first.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { describeState, formatInZone, relative } from "../src/schedule/describe.js";
import { dueSlot, nextSlotAfter } from "../src/schedule/slots.js";
import { describeSchedule } from "../src/schedule/describe-feed.js";
import { feedKind } from "../src/store/subscriptions.js";
import { subscriptionsOf } from "./subscribe.js";

/** At most this many failing channels are named. */
const MAX_LISTED = 10;

export const statusCommand = defineCommand({
  name: "status",
  description: "Delivery status: last and next post, failures (admins)",
  schema: z.object({}),
  adminOnly: true,
  examples: ["/paper status"],
  async run(_args, ctx) {
    const repo = subscriptionsOf(ctx);
    const { deps, caller } = ctx;
    const now = deps.now().getTime();
    const giveUp = deps.config.DELIVERY_GIVE_UP_DAYS;
    const lines: string[] = [];
    // A platform-wide outage explains every missing post at once, so it comes first.
    for (const [platform, health] of Object.entries(deps.adapterHealth?.() ?? {})) {
      if (health?.state !== "outage") continue;
      const since = health.since ? ` since ${new Date(health.since).toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
      lines.push(
        health.reason === "auth"
          ? `⚠ ${platform} refused paperboy's token${since}: nothing is posted there until an operator fixes it (paperboy keeps retrying). Channels are not marked failing for this.`
          : `⚠ ${platform} can't be reached${since}; paperboy keeps retrying.`,
        "",
      );
    }

    const feeds = caller.channelId ? await repo.feedsOf(caller.platform, caller.channelId) : [];
    for (const here of feeds) {
      const kind = feedKind(here);
      const state = await repo.getState({ platform: here.platform, channelId: here.channelId, kind });
      const due = dueSlot(here, state, now);
      const next = nextSlotAfter(Math.max(now, Date.parse(here.activeFrom)), here);
      lines.push(`This channel: ${kind} feed, ${describeSchedule(here)}.`);
      lines.push(...describeState(here, state, now, giveUp));
      lines.push(
        due !== undefined
          ? "Next post: due now (being delivered)."
          : `Next post: ${formatInZone(next, here.timezone)} (${relative(next, now)}).`,
      );
    }
    if (feeds.length === 0) lines.push("This channel isn't subscribed.");

    // Channel feeds only: a personal DM digest is its owner's business.
    const mine = (await repo.list()).filter(
      (s) => !s.userId && s.platform === caller.platform && (!caller.workspaceId || !s.workspaceId || s.workspaceId === caller.workspaceId),
    );
    const states = await Promise.all(mine.map((s) => repo.getState({ platform: s.platform, channelId: s.channelId, kind: feedKind(s) })));
    const failing = mine.filter((_, i) => states[i]?.failing);
    const channels = new Set(mine.map((s) => s.channelId)).size;
    const extra = mine.length > channels ? ` (${mine.length} feeds)` : "";
    lines.push("", `This workspace: ${channels} subscribed channel${channels === 1 ? "" : "s"}${extra}, ${failing.length} failing.`);
    failing.slice(0, MAX_LISTED).forEach((s) => {
      const f = states[mine.indexOf(s)]?.failing;
      if (f) lines.push(`• channel ${s.channelId}${s.kind && s.kind !== "daily" ? ` (${s.kind})` : ""}: failing since ${formatInZone(Date.parse(f.since), s.timezone)} — ${f.lastError}`);
    });
    if (failing.length > MAX_LISTED) lines.push(`…and ${failing.length - MAX_LISTED} more.`);
    return textReply(lines.join("\n"));
  },
});
