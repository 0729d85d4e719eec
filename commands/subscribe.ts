// /paper subscribe [time] [timezone] [top] [min_upvotes] [keywords] — this channel gets the daily post (admins).
// Running it again changes the settings; omitted arguments keep their current value and any failure state is
// reset. The first post comes at the first slot after this command (CONTRACT.md "Posting model").
import { z } from "zod";
import { UserError } from "../src/errors.js";
import { defineCommand, type CommandContext } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { describeFilters, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { parseKeywords, parseOrganizations } from "../src/schedule/filters.js";
import { clearFailures } from "../src/schedule/failures.js";
import { nextSlotAfter } from "../src/schedule/slots.js";
import { isValidTimeZone } from "../src/time/zoned-time.js";
import { previewSubscription } from "./subscribe-preview.js";
import { MAX_TOP, type Subscription, type SubscriptionRepo } from "../src/store/subscriptions.js";

const NONE = /^(none|-|off|clear)$/i;

/** The subscription repo, or a plain explanation when this paperboy runs no delivery. */
export function subscriptionsOf(ctx: CommandContext): SubscriptionRepo {
  if (!ctx.deps.subscriptions) {
    throw new UserError("no_delivery", "Daily posts aren't available in this paperboy (it runs without a scheduler).");
  }
  return ctx.deps.subscriptions;
}

/** The caller's channel, or a plain explanation (DMs have none). */
export function channelOf(ctx: CommandContext): string {
  const id = ctx.caller.channelId;
  if (ctx.caller.platform === "console") {
    throw new UserError(
      "no_channel",
      "The terminal has no channel that gets a daily post. /paper subscribe 09:00 Europe/Berlin 5 shows what a subscription would post.",
    );
  }
  if (!id) throw new UserError("no_channel", "Run this in the channel that should get the daily post.");
  return id;
}

function normaliseTime(text: string): string {
  const m = /^(\d{1,2})(?::|h|\.)?(\d{2})?$/i.exec(text.trim());
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2] ?? "0");
  if (!m || hour > 23 || minute > 59) {
    throw new UserError("bad_time", `"${text.slice(0, 20)}" isn't a time. Use 24-hour HH:MM, like 09:00 or 18:30.`);
  }
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function normaliseZone(text: string): string {
  const zone = text.trim();
  if (!isValidTimeZone(zone)) {
    throw new UserError("bad_timezone", `"${zone.slice(0, 40)}" isn't a time zone I know. Use an IANA name like Europe/Berlin, America/New_York or UTC.`);
  }
  // Canonical spelling ("europe/berlin" → "Europe/Berlin").
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

export const subscribeCommand = defineCommand({
  name: "subscribe",
  description: "Post the Daily Papers in this channel every day (admins)",
  schema: z.object({
    time: z.string().trim().max(10).optional().describe("Local time of the daily post, HH:MM (default 09:00)"),
    timezone: z.string().trim().max(64).optional().describe("IANA time zone, e.g. Europe/Berlin (default: the server's)"),
    top: z.number().int().min(1).max(MAX_TOP).optional().describe(`How many papers to post, 1–${MAX_TOP} (default 10)`),
    min_upvotes: z.number().int().min(0).max(100_000).optional().describe("Only papers with at least this many upvotes"),
    keywords: z.string().trim().max(300).optional().describe('Keywords, comma-separated; "-" excludes: diffusion, -survey ("none" clears)'),
    organizations: z.string().trim().max(300).optional().describe('Only papers from these organisations, comma-separated ("none" clears)'),
    weekend: z.enum(["skip", "monday"]).optional().describe("Weekends: skip empty days, or roll Fri–Sun up on Monday"),
  }),
  greedy: "keywords",
  adminOnly: true,
  examples: [
    "/paper subscribe 09:00 Europe/Berlin 5",
    "/paper subscribe 08:30 America/New_York 10 20 diffusion, -survey",
    "/paper subscribe weekend=monday organizations=DeepMind,Meta",
  ],
  async run(args, ctx) {
    const { caller, deps } = ctx;
    const now = deps.now();
    // The terminal has no channel: the same checks, then a preview of what the subscription would post.
    const console = caller.platform === "console";
    const repo = console ? undefined : subscriptionsOf(ctx);
    const channelId = console ? "console" : channelOf(ctx);
    const existing = await repo?.get({ platform: caller.platform, channelId });
    const list = (text: string | undefined, parse: (t: string) => string[], current: string[] | undefined) =>
      text === undefined ? (current ?? []) : NONE.test(text) ? [] : parse(text);
    const sub: Subscription = {
      platform: caller.platform,
      channelId,
      ...(caller.workspaceId ? { workspaceId: caller.workspaceId } : {}),
      time: args.time ? normaliseTime(args.time) : (existing?.time ?? "09:00"),
      timezone: args.timezone ? normaliseZone(args.timezone) : (existing?.timezone ?? deps.config.DEFAULT_TIMEZONE),
      top: args.top ?? existing?.top ?? 10,
      minUpvotes: args.min_upvotes ?? existing?.minUpvotes ?? 0,
      keywords: list(args.keywords, parseKeywords, existing?.keywords),
      organizations: list(args.organizations, parseOrganizations, existing?.organizations),
      weekend: args.weekend ?? existing?.weekend ?? "skip",
      subscriberId: caller.userId,
      createdAt: existing?.createdAt ?? now.toISOString(),
      activeFrom: now.toISOString(),
    };
    if (!repo) return previewSubscription(sub, ctx);
    await repo.save(sub);
    // A fresh start: a channel paperboy gave up on (or that was failing) is tried again, and its subscriber is
    // told again if it still fails. The delivery job also ignores failures older than activeFrom, so a job
    // running right now cannot bring the old state back.
    const key = { platform: sub.platform, channelId };
    const state = await repo.getState(key);
    if (state.failing || state.gaveUpAt || state.retry) await repo.saveState(key, clearFailures(state));
    deps.log.info({ platform: sub.platform, channelId, userId: caller.userId, updated: Boolean(existing) }, "subscription saved");
    const next = nextSlotAfter(now.getTime(), sub);
    const lines = [
      `${existing ? "Updated" : "Subscribed"}: this channel gets the Hugging Face Daily Papers every day at ${sub.time} (${sub.timezone}).`,
      `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now.getTime())}).`,
      `${describeFilters(sub).join("; ")}.`,
      `${describeWeekend(sub)}.`,
      "See /paper settings for a preview; /paper unsubscribe stops it. I'll message you privately if posting here fails.",
    ];
    return textReply(lines.join("\n"));
  },
});
