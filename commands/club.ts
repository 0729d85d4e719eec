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

/** The threshold typed (undefined when none); a plain-words UserError for anything but 0–25 or "off". */
function parseValue(text: string | undefined): number | undefined {
  const raw = text?.trim().toLowerCase() ?? "";
  if (raw === "") return undefined;
  const parsed = valueSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UserError(
    "bad_argument",
    `"${truncateForEcho(text ?? "", 20)}" isn't a number of people. Give a whole number from 0 to ${MAX_CLUB_THRESHOLD} (0 or off turns journal club off), e.g. /paper club 3`,
  );
}

function clubOf(ctx: CommandContext) {
  const club = ctx.deps.club;
  if (!club) throw new UserError("club_unavailable", "Journal club isn't available in this paperboy.");
  return club;
}

/** One line for /paper settings: this channel's journal club, or undefined where there is none. */
export async function clubSummary(ctx: CommandContext, channelId: string): Promise<string | undefined> {
  const club = ctx.deps.club;
  if (!club) return undefined;
  const setting = await club.settings.setting(ctx.caller.platform, channelId);
  const threshold = setting?.threshold ?? DEFAULT_CLUB_THRESHOLD;
  return threshold === 0
    ? "Journal club: off (/paper club 3 turns it on)."
    : `Journal club: ${describe(threshold)}${setting ? "" : " (the default)"}; /paper club changes it.`;
}

export const clubCommand = defineCommand({
  name: "club",
  description: "Journal club: how many people's 🔖 open a discussion thread here (admins change it)",
  schema: z.object({
    people: z.string().optional().describe("How many people's 🔖 open a thread: 1–25, or off (empty: show the setting)"),
  }),
  examples: ["/paper club", "/paper club 2", "/paper club off"],
  async run(args, ctx) {
    const { platform, userId } = ctx.caller;
    const value = parseValue(args.people);
    // The terminal has no channel and no reactions from other people: say what it would do in one.
    if (platform === "console") {
      const k = value ?? DEFAULT_CLUB_THRESHOLD;
      return textReply(
        k === 0
          ? "In a Discord or Slack channel, this would turn the journal club off (admins only)."
          : `In a Discord or Slack channel, ${describe(k)}${value === undefined ? " (the default)" : " (admins change it)"}.`,
      );
    }
    const club = clubOf(ctx);
    const channelId = channelOf(ctx);
    if (value === undefined) {
      const setting = await club.settings.setting(platform, channelId);
      const threshold = setting?.threshold ?? DEFAULT_CLUB_THRESHOLD;
      const how = setting ? "" : " (the default)";
      return textReply(
        threshold === 0
          ? "Journal club is off in this channel. An admin can turn it on with /paper club 3."
          : `Journal club: ${describe(threshold)}${how}. Admins change it with /paper club 2, or turn it off with /paper club off.`,
      );
    }
    if (!(await ctx.caller.isAdmin())) {
      throw new UserError(
        "admin_only",
        "Only channel admins can change the journal club (on Discord: Manage Channels or Manage Server; on Slack: workspace admins). /paper club shows the current setting.",
      );
    }
    await club.settings.setThreshold(platform, channelId, value, userId);
    ctx.deps.log.info({ platform, channelId, userId, threshold: value }, "journal club threshold changed");
    return textReply(
      value === 0
        ? "Journal club is now off in this channel: no discussion threads will be opened. /paper club 3 turns it back on."
        : `Journal club is on: ${describe(value)}. People who 🔖'd a paper before this change count too, from the next 🔖 on.`,
    );
  },
});
