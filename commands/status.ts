// /paper status — for admins: this channel's last and next delivery and any failures, plus a count of the
// subscriptions in this workspace and which of them are failing; a platform outage (revoked token) comes first.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { describeState, formatInZone, relative } from "../src/schedule/describe.js";
import { dueSlot, nextSlotAfter } from "../src/schedule/slots.js";
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

    const here = caller.channelId ? await repo.get({ platform: caller.platform, channelId: caller.channelId }) : undefined;
    if (here) {
      const state = await repo.getState({ platform: here.platform, channelId: here.channelId });
      const due = dueSlot(here, state, now);
      const next = nextSlotAfter(Math.max(now, Date.parse(here.activeFrom)), here);
      lines.push(`This channel: daily at ${here.time} (${here.timezone}).`);
      lines.push(...describeState(here, state, now, giveUp));
      lines.push(
        due !== undefined
          ? "Next post: due now (being delivered)."
          : `Next post: ${formatInZone(next, here.timezone)} (${relative(next, now)}).`,
      );
    } else {
      lines.push("This channel isn't subscribed.");
    }

    const mine = (await repo.list()).filter(
      (s) => s.platform === caller.platform && (!caller.workspaceId || !s.workspaceId || s.workspaceId === caller.workspaceId),
    );
    const states = await Promise.all(mine.map((s) => repo.getState({ platform: s.platform, channelId: s.channelId })));
    const failing = mine.filter((_, i) => states[i]?.failing);
    lines.push("", `This workspace: ${mine.length} subscribed channel${mine.length === 1 ? "" : "s"}, ${failing.length} failing.`);
    failing.slice(0, MAX_LISTED).forEach((s) => {
      const f = states[mine.indexOf(s)]?.failing;
      if (f) lines.push(`• channel ${s.channelId}: failing since ${formatInZone(Date.parse(f.since), s.timezone)} — ${f.lastError}`);
    });
    if (failing.length > MAX_LISTED) lines.push(`…and ${failing.length - MAX_LISTED} more.`);
    return textReply(lines.join("\n"));
  },
});
