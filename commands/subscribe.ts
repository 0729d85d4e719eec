// /paper subscribe [kind] [weekday] [time] [timezone] [top] [min_upvotes] [keywords] — this channel gets a feed
// (daily by default; weekly, monthly or trending; one of each kind per channel) (admins). Running it again
// changes that feed's settings; omitted arguments keep their current value and any failure state is reset.
// The first post comes at the first slot after this command (CONTRACT.md "Posting model").
import { z } from "zod";
import { UserError } from "../src/errors.js";
import { defineCommand, type CommandContext } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { describeFilters, describeLiveVotes, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { FEED_LABELS, WEEKDAY_NAMES, describeSchedule, nextPostAt, type WeekdayName } from "../src/schedule/describe-feed.js";
import { parseKeywords, parseOrganizations } from "../src/schedule/filters.js";
import { clearFailures } from "../src/schedule/failures.js";
import { isValidTimeZone } from "../src/time/zoned-time.js";
import { previewSubscription } from "./feed-preview.js";
import { DEFAULT_REFRESH_DAYS, MAX_REFRESH_DAYS } from "../src/store/live-votes.js";
import { chooseMode, feedChannelOf, MODE_WORDS } from "./posting-mode.js";
import { FEED_KINDS, MAX_TOP, POSTING_MODES, feedKind, type FeedKind, type Subscription, type SubscriptionRepo } from "../src/store/subscriptions.js";

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

export function normaliseTime(text: string): string {
  const m = /^(\d{1,2})(?::|h|\.)?(\d{2})?$/i.exec(text.trim());
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2] ?? "0");
  if (!m || hour > 23 || minute > 59) {
    throw new UserError("bad_time", `"${text.slice(0, 20)}" isn't a time. Use 24-hour HH:MM, like 09:00 or 18:30.`);
  }
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

export function normaliseZone(text: string): string {
  const zone = text.trim();
  if (!isValidTimeZone(zone)) {
    throw new UserError("bad_timezone", `"${zone.slice(0, 40)}" isn't a time zone I know. Use an IANA name like Europe/Berlin, America/New_York or UTC.`);
  }
  // Canonical spelling ("europe/berlin" → "Europe/Berlin").
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

/** The settings a feed command may give; omitted ones keep the existing feed's (or the defaults). */
export interface FeedArgs {
  time?: string | undefined;
  timezone?: string | undefined;
  top?: number | undefined;
  min_upvotes?: number | undefined;
  keywords?: string | undefined;
  organizations?: string | undefined;
  weekend?: "skip" | "monday" | undefined;
  weekday?: WeekdayName | undefined;
  refresh_days?: number | undefined;
}

/** A feed from typed arguments over the existing one (validated: a bad time or zone is a UserError). */
export function buildFeed(
  args: FeedArgs,
  base: Pick<Subscription, "platform" | "channelId"> & { kind: FeedKind; userId?: string; workspaceId?: string | undefined },
  existing: Subscription | undefined,
  ctx: CommandContext,
): Subscription {
  const now = ctx.deps.now();
  const list = (text: string | undefined, parse: (t: string) => string[], current: string[] | undefined) =>
    text === undefined ? (current ?? []) : NONE.test(text) ? [] : parse(text);
  const weekday = args.weekday ? WEEKDAY_NAMES.indexOf(args.weekday) : existing?.weekday;
  return {
    platform: base.platform,
    channelId: base.channelId,
    ...(base.kind === "daily" ? {} : { kind: base.kind }),
    ...(base.kind === "weekly" ? { weekday: weekday ?? 1 } : {}),
    ...(base.userId ? { userId: base.userId } : {}),
    ...(base.workspaceId ? { workspaceId: base.workspaceId } : {}),
    time: args.time ? normaliseTime(args.time) : (existing?.time ?? "09:00"),
    timezone: args.timezone ? normaliseZone(args.timezone) : (existing?.timezone ?? ctx.deps.config.DEFAULT_TIMEZONE),
    top: args.top ?? existing?.top ?? 10,
    minUpvotes: args.min_upvotes ?? existing?.minUpvotes ?? 0,
    keywords: list(args.keywords, parseKeywords, existing?.keywords),
    organizations: list(args.organizations, parseOrganizations, existing?.organizations),
    weekend: args.weekend ?? existing?.weekend ?? "skip",
    subscriberId: ctx.caller.userId,
    createdAt: existing?.createdAt ?? now.toISOString(),
    activeFrom: now.toISOString(),
    ...((args.refresh_days ?? existing?.refreshDays) !== undefined ? { refreshDays: args.refresh_days ?? existing?.refreshDays } : {}),
  };
}

const REFRESH_DAYS_ERROR = `refresh_days must be a whole number of days from 0 to ${MAX_REFRESH_DAYS}, like refresh_days=3 (0 turns live votes off).`;

/** Saves a feed and gives it a fresh start: a feed paperboy gave up on (or that was failing) is tried again. */
export async function saveFeed(repo: SubscriptionRepo, sub: Subscription): Promise<void> {
  await repo.save(sub);
  // The delivery job also ignores failures older than activeFrom, so a job running now cannot bring them back.
  const key = { platform: sub.platform, channelId: sub.channelId, kind: feedKind(sub) };
  const state = await repo.getState(key);
  if (state.failing || state.gaveUpAt || state.retry) await repo.saveState(key, clearFailures(state));
}

export const subscribeCommand = defineCommand({
  name: "subscribe",
  description: "Post a feed in this channel: daily, weekly, monthly or trending papers (admins)",
  schema: z.object({
    kind: z.enum(FEED_KINDS).optional().describe("daily (default), weekly, monthly or trending"),
    weekday: z.enum(WEEKDAY_NAMES).optional().describe("Weekly feeds: the day of the post (default monday)"),
    time: z.string().trim().max(10).optional().describe("Local time of the post, HH:MM (default 09:00)"),
    timezone: z.string().trim().max(64).optional().describe("IANA time zone, e.g. Europe/Berlin (default: the server's)"),
    top: z.number().int().min(1).max(MAX_TOP).optional().describe(`How many papers to post, 1–${MAX_TOP} (default 10)`),
    min_upvotes: z.number().int().min(0).max(100_000).optional().describe("Only papers with at least this many upvotes"),
    keywords: z.string().trim().max(300).optional().describe('Keywords, comma-separated; "-" excludes: diffusion, -survey ("none" clears)'),
    organizations: z.string().trim().max(300).optional().describe('Only papers from these organisations, comma-separated ("none" clears)'),
    weekend: z.enum(["skip", "monday"]).optional().describe("Daily feeds at weekends: skip empty days, or roll Fri–Sun up on Monday"),
    mode: z.enum(POSTING_MODES).optional().describe("messages (default), thread (papers in a thread) or forum (a post per paper)"),
    refresh_days: z
      .number({ error: REFRESH_DAYS_ERROR })
      .int({ error: REFRESH_DAYS_ERROR })
      .min(0, { error: REFRESH_DAYS_ERROR })
      .max(MAX_REFRESH_DAYS, { error: REFRESH_DAYS_ERROR })
      .optional()
      .describe(`Live votes: keep the counts of the last N days' posts current, 0–${MAX_REFRESH_DAYS} (default ${DEFAULT_REFRESH_DAYS}, 0 = off)`),
  }),
  greedy: "keywords",
  keyOnly: ["mode", "refresh_days"],
  adminOnly: true,
  examples: [
    "/paper subscribe 09:00 Europe/Berlin 5",
    "/paper subscribe weekly friday 16:00 Europe/Berlin 10",
    "/paper subscribe 08:30 America/New_York 10 20 diffusion, -survey",
    "/paper subscribe weekend=monday organizations=DeepMind,Meta",
    "/paper subscribe mode=thread",
    "/paper subscribe refresh_days=0",
  ],
  async run(args, ctx) {
    const { caller, deps } = ctx;
    const now = deps.now();
    const kind = args.kind ?? "daily";
    // The terminal has no channel: the same checks, then a preview of what the feed would post.
    const console = caller.platform === "console";
    const repo = console ? undefined : subscriptionsOf(ctx);
    const where = console ? { channelId: "console", kind: { kind: "text" as const } } : await feedChannelOf(ctx);
    const { channelId } = where;
    const existing = await repo?.get({ platform: caller.platform, channelId, kind });
    const mode = console ? "messages" : chooseMode(ctx, args.mode, existing, where.kind);
    const sub = { ...buildFeed(args, { platform: caller.platform, channelId, kind, workspaceId: caller.workspaceId }, existing, ctx), ...(mode === "messages" ? {} : { mode }) };
    if (!repo) return previewSubscription(sub, ctx);
    await saveFeed(repo, sub);
    deps.log.info({ platform: sub.platform, channelId, kind, userId: caller.userId, updated: Boolean(existing) }, "subscription saved");
    const next = nextPostAt(sub, now.getTime());
    const lines = [
      `${existing ? "Updated" : "Subscribed"}: this channel gets ${kind === "daily" ? "the Hugging Face Daily Papers" : FEED_LABELS[kind].toLowerCase()} ${describeSchedule(sub)}.`,
      `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now.getTime())}).`,
      `${describeFilters(sub).join("; ")}.`,
      ...(kind === "daily" ? [`${describeWeekend(sub)}.`] : []),
      `Posting mode: ${mode} (${MODE_WORDS[mode]}).${mode === "messages" ? "" : " mode=messages switches back."}`,
      ...(args.refresh_days !== undefined ? [`${describeLiveVotes(sub, DEFAULT_REFRESH_DAYS)}.`] : []),
      `See /paper settings for every feed here; /paper unsubscribe ${kind} stops this one. I'll message you privately if posting here fails.`,
    ];
    return textReply(lines.join("\n"));
  },
});
