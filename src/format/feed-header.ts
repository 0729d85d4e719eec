// The header that opens a weekly, monthly or trending post ("Best of week 48 · 24–28 Nov 2026 · top 10 of
// 212"), with the top-3 highlights and, after downtime, one line naming the periods missed. Daily posts keep
// dailyHeader (daily-list.ts). The header links to Hugging Face's page for the period, which is also how the
// Discord adapter recognises its own header when reconciling after a crash.
import type { Block, OutgoingMessage } from "../message.js";
import type { Paper } from "../paper.js";
import type { FeedKind } from "../store/subscriptions.js";
import { formatDateRange, formatMonth, isoWeekNumber } from "../time/periods.js";
import { byUpvotes } from "./daily-list.js";
import { paperTitle, paperUrl } from "./paper-card.js";
import { truncate } from "./text.js";

export interface FeedHeaderInput {
  kind: Exclude<FeedKind, "daily">;
  /** `2026-W48`, `2026-11` or `trending:2026-12-05`. */
  period: string;
  papers: readonly Paper[];
  totalBeforeFilter: number;
  range?: { first: string; last: string } | undefined;
  missed?: readonly string[];
}

/** Hugging Face's page for a period (week, month, trending on a day). */
export function feedPeriodUrl(kind: FeedHeaderInput["kind"], period: string): string {
  if (kind === "trending") return `https://huggingface.co/papers/trending#${period.slice("trending:".length)}`;
  return `https://huggingface.co/papers/${kind === "weekly" ? "week" : "month"}/${period}`;
}

const periodName = (kind: FeedHeaderInput["kind"], period: string) =>
  kind === "weekly" ? `week ${isoWeekNumber(period)}` : formatMonth(period);

/** "Best of week 48 · 24–28 Nov 2026 · top 10 of 212". */
export function feedTitle(input: FeedHeaderInput): string {
  const count = input.papers.length;
  if (input.kind === "trending") {
    const day = input.period.slice("trending:".length);
    return `Trending on Hugging Face · ${formatDateRange(day, day)} · ${count} new paper${count === 1 ? "" : "s"}`;
  }
  const parts = [`Best of ${periodName(input.kind, input.period)}`];
  if (input.range) parts.push(formatDateRange(input.range.first, input.range.last));
  parts.push(`top ${count} of ${input.totalBeforeFilter.toLocaleString("en-US")}`);
  return parts.join(" · ");
}

export function feedHeader(input: FeedHeaderInput): OutgoingMessage {
  const title = feedTitle(input);
  const url = feedPeriodUrl(input.kind, input.period);
  const blocks: Block[] = [];
  const fallback = [title];
  if (input.papers.length === 0) {
    const none = `None of the ${input.totalBeforeFilter} papers match this feed's filters.`;
    blocks.push({ kind: "text", spans: [{ text: none }] });
    fallback.push(none);
  }
  const top = input.kind === "trending" ? input.papers.slice(0, 3) : byUpvotes(input.papers).slice(0, 3);
  if (top.length > 0) {
    blocks.push({
      kind: "text",
      spans: [{ text: "Top: ", style: "bold" }, ...top.flatMap((p, i) => [...(i > 0 ? [{ text: " · " }] : []), { text: truncate(paperTitle(p), 150), url: paperUrl(p) }])],
    });
    fallback.push(`Top: ${top.map((p) => truncate(paperTitle(p), 150)).join(" · ")}`);
  }
  const missed = (input.missed ?? []).filter((p) => p !== input.period);
  if (missed.length > 0 && input.kind !== "trending") {
    const line = `Catching up: paperboy was offline and missed ${missed.map((p) => periodName(input.kind, p)).join(", ")}. Here is the latest one.`;
    blocks.push({ kind: "context", spans: [{ text: line }] });
    fallback.push(line);
  }
  return { title, url, blocks, fallbackText: fallback.join("\n") };
}
