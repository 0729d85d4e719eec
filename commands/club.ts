// /paper club [people|off] — this channel's journal club: how many distinct people must 🔖 the same paper before
// paperboy opens a discussion thread on it (default 3, 0 or "off" turns it off). Anyone may see the setting;
// only channel admins change it. The value is validated here in plain words (a whole number from 0 to 25).
import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/dispatch/define-command.js";
import { truncateForEcho } from "../src/dispatch/parse-text.js";
import { UserError } from "../src/errors.js";
import { textReply } from "../src/message.js";
import { DEFAULT_CLUB_THRESHOLD, MAX_CLUB_THRESHOLD } from "../src/store/club.js";
import { channelOf } from "./subscribe.js";

const valueSchema = z.union([
  z.literal("off").transform(() => 0),
  z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(0).max(MAX_CLUB_THRESHOLD)),
]);

/** "when 3 people 🔖 the same paper here, paperboy opens a discussion thread on it". */
function describe(threshold: number): string {
  return `when ${threshold} ${threshold === 1 ? "person 🔖s" : "people 🔖"} the same paper here, paperboy opens a discussion thread on it`;
}

function clubOf(ctx: CommandContext) {
  const club = ctx.deps.club;
  if (!club) throw new UserError("club_unavailable", "Journal club isn't available in this paperboy.");
  return club;
}

export const clubCommand = defineCommand({
  name: "club",
  description: "Journal club: how many people's 🔖 open a discussion thread here (admins change it)",
  schema: z.object({
    people: z.string().max(20).optional().describe("How many people's 🔖 open a thread: 1–25, or off (empty: show the setting)"),
  }),
  examples: ["/paper club", "/paper club 2", "/paper club off"],
  async run(args, ctx) {
    const club = clubOf(ctx);
    const channelId = channelOf(ctx);
    const { platform, userId } = ctx.caller;
    const raw = args.people?.trim().toLowerCase() ?? "";
    if (raw === "") {
      const setting = await club.settings.setting(platform, channelId);
      const threshold = setting?.threshold ?? DEFAULT_CLUB_THRESHOLD;
      const how = setting ? "" : " (the default)";
      return textReply(
        threshold === 0
          ? "Journal club is off in this channel. An admin can turn it on with /paper club 3."
          : `Journal club: ${describe(threshold)}${how}. Admins change it with /paper club 2, or turn it off with /paper club off.`,
      );
    }
    const parsed = valueSchema.safeParse(raw);
    if (!parsed.success) {
      throw new UserError(
        "bad_argument",
        `"${truncateForEcho(args.people ?? "", 20)}" isn't a number of people. Give a whole number from 0 to ${MAX_CLUB_THRESHOLD} (0 or off turns journal club off), e.g. /paper club 3`,
      );
    }
    if (!(await ctx.caller.isAdmin())) {
      throw new UserError(
        "admin_only",
        "Only channel admins can change the journal club (on Discord: Manage Channels or Manage Server; on Slack: workspace admins). /paper club shows the current setting.",
      );
    }
    const threshold = parsed.data;
    await club.settings.setThreshold(platform, channelId, threshold, userId);
    ctx.deps.log.info({ platform, channelId, userId, threshold }, "journal club threshold changed");
    return textReply(
      threshold === 0
        ? "Journal club is now off in this channel: no discussion threads will be opened. /paper club 3 turns it back on."
        : `Journal club is on: ${describe(threshold)}. People who 🔖'd a paper before this change count too, from the next 🔖 on.`,
    );
  },
});
