// What a subscription would do, for the console: a terminal has no channel to post in, so `/paper subscribe …`
// there checks its arguments like in chat and shows the next post time and the papers the latest finished list
// would have posted with these settings. Nothing is saved.
import { UpstreamError } from "../src/errors.js";
import type { CommandContext } from "../src/dispatch/define-command.js";
import { textReply, type Reply } from "../src/message.js";
import { describeFilters, describeWeekend, formatInZone, relative } from "../src/schedule/describe.js";
import { selectPapers } from "../src/schedule/filters.js";
import { nextSlotAfter } from "../src/schedule/slots.js";
import type { Subscription } from "../src/store/subscriptions.js";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { formatListDate } from "../src/time/dates.js";

export async function previewSubscription(sub: Subscription, { deps }: CommandContext): Promise<Reply> {
  const now = deps.now().getTime();
  const next = nextSlotAfter(now, sub);
  const lines = [
    `In a Discord or Slack channel, this would post the Hugging Face Daily Papers every day at ${sub.time} (${sub.timezone}).`,
    `Next post: ${formatInZone(next, sub.timezone)} (${relative(next, now)}).`,
    `${describeFilters(sub).join("; ")}.`,
    `${describeWeekend(sub)}.`,
  ];
  try {
    const { date, papers } = await latestClosedDateWithPapers(deps.now(), deps.papers);
    const picked = selectPapers(papers, sub);
    lines.push(`With these settings the list of ${formatListDate(date)} would have posted ${picked.length} of its ${papers.length} papers${picked.length > 0 ? ":" : "."}`);
    picked.forEach((p, i) => lines.push(`  ${i + 1}. ${p.title} (${p.id}, ${p.upvotes ?? 0} upvote${p.upvotes === 1 ? "" : "s"})`));
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    lines.push("Preview of the papers: unavailable right now (Hugging Face isn't answering).");
  }
  lines.push("Nothing is saved in the terminal: run the same command in a channel to start the daily post.");
  return textReply(lines.join("\n"));
}
