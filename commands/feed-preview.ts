// What a feed would post now, for /paper preview (private, anywhere, the console included) and for /paper
// subscribe in the console (a terminal has no channel to post in). Weekly, monthly and trending feeds are
// planned by the same code the delivery runs (plan-feeds.ts), so the preview is what the post would show.
import { UpstreamError } from "../src/errors.js";
import type { CommandContext } from "../src/dispatch/define-command.js";
import { textReply, type Reply } from "../src/message.js";
import type { Paper } from "../src/paper.js";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { feedTitle } from "../src/format/feed-header.js";
import { describeFilters, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { FEED_LABELS, describeSchedule, nextPostAt } from "../src/schedule/describe-feed.js";
import { selectPapers } from "../src/schedule/filters.js";
import { createListCache } from "../src/schedule/list-cache.js";
import { planFeedPost } from "../src/schedule/plan-feeds.js";
import { feedKind, type Subscription } from "../src/store/subscriptions.js";
import { rankForUser } from "../src/recommend/for-user.js";
import { formatListDate } from "../src/time/dates.js";

/** Papers shown in a preview, at most (the post itself has the feed's top N). */
const SHOWN = 20;

/** "What this feed would post now": a title line and the papers, or why there are none. */
async function wouldPost(feed: Subscription, ctx: CommandContext, sentBefore: ReadonlySet<string>): Promise<{ title: string; papers: Paper[] }> {
  const { deps } = ctx;
  const kind = feedKind(feed);
  // A rank=foryou digest, like its delivery (channel-job.ts): every paper that passes, then the reader's best top.
  const reader = feed.userId && feed.rank === "foryou" ? { platform: feed.platform, userId: feed.userId } : undefined;
  const sub = reader ? { ...feed, top: Number.MAX_SAFE_INTEGER } : feed;
  const choose = async (papers: Paper[]) =>
    reader ? (await rankForUser(deps, reader, papers, feed.top)).recommendations.map((r) => r.paper) : papers;
  if (kind === "daily") {
    const { date, papers } = await latestClosedDateWithPapers(deps.now(), deps.papers);
    const picked = await choose(selectPapers(papers, sub));
    return { title: `With these settings the list of ${formatListDate(date)} would have posted ${picked.length} of its ${papers.length} papers`, papers: picked };
  }
  const lists = createListCache({ papers: deps.papers });
  // Planned as if its slot were now and it had never posted.
  const outcome = await planFeedPost({ sub, state: {}, slotMs: deps.now().getTime(), lists, sentBefore: async () => sentBefore });
  if (outcome.kind !== "post") {
    return { title: kind === "trending" ? "Posted now: nothing, no trending papers that were not sent here before" : "Posted now: nothing, the latest finished period has no papers", papers: [] };
  }
  const { plan } = outcome;
  const papers = await choose(plan.papers);
  return { title: "Posted now: " + feedTitle({ kind, period: plan.postDate, papers, totalBeforeFilter: plan.totalBeforeFilter, range: plan.range }), papers };
}

/** The preview lines of a feed; `where` says what it is ("In a Discord or Slack channel, this would post …"). */
export async function previewFeed(sub: Subscription, ctx: CommandContext, opts: { intro: string; outro?: string; sentBefore?: ReadonlySet<string> }): Promise<Reply> {
  const now = ctx.deps.now().getTime();
  const next = nextPostAt(sub, now);
  const lines = [
    `${opts.intro} ${feedKind(sub) === "daily" ? FEED_LABELS.daily : FEED_LABELS[feedKind(sub)].toLowerCase()} ${describeSchedule(sub)}.`,
    `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now)}).`,
    `${describeFilters(sub).join("; ")}.`,
  ];
  if (feedKind(sub) === "daily") lines.push(`${describeWeekend(sub)}.`);
  try {
    const { title, papers } = await wouldPost(sub, ctx, opts.sentBefore ?? new Set());
    lines.push(`${title}${papers.length > 0 ? ":" : "."}`);
    papers.slice(0, SHOWN).forEach((p, i) => lines.push(`  ${i + 1}. ${p.title} (${p.id}, ${p.upvotes ?? 0} upvote${p.upvotes === 1 ? "" : "s"})`));
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    lines.push("Preview of the papers: unavailable right now (Hugging Face isn't answering).");
  }
  if (opts.outro) lines.push(opts.outro);
  return textReply(lines.join("\n"));
}

/** /paper subscribe in the console: the same checks, then this preview; nothing is saved. */
export function previewSubscription(sub: Subscription, ctx: CommandContext): Promise<Reply> {
  return previewFeed(sub, ctx, {
    intro: "In a Discord or Slack channel, this would post",
    outro: "Nothing is saved in the terminal: run the same command in a channel to start it.",
  });
}
