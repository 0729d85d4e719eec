// What delivery needs to know about a feed's posting mode (store/subscriptions.ts POSTING_MODES): thread mode's
// extra ledger item (the thread, opened once from the header), the thread's name, and the adapter methods a mode
// cannot go without — a run whose platform lacks them fails plainly instead of posting in some other way.
import { UpstreamError } from "../errors.js";
import { threadNameOf } from "../format/forum-tags.js";
import type { ChatAdapter } from "../ports.js";
import type { DeliveryRun } from "../store/deliveries.js";
import type { PostingMode } from "../store/subscriptions.js";
import { formatListDate } from "../time/dates.js";

/** Thread mode's ledger item between the header and the papers: the thread opened from the header. */
export const THREAD_ITEM = "thread";

const LABELS = { daily: "Daily Papers", weekly: "Weekly Papers", monthly: "Monthly Papers", trending: "Trending Papers" } as const;

/** "Daily Papers · Fri 5 Dec 2026", "Weekly Papers · 2026-W48": our own words only, never paper data. */
export function runThreadName(run: Pick<DeliveryRun, "kind" | "postDate">): string {
  const kind = run.kind ?? "daily";
  const period = run.postDate.replace(/^trending:/, "");
  const when = /^\d{4}-\d{2}-\d{2}$/.test(period) ? formatListDate(period) : period;
  return threadNameOf(`${LABELS[kind]} · ${when}`);
}

/** Throws a permanent refusal when `adapter` cannot post in `mode` (a forum feed outside Discord, say). */
export function requireMode(adapter: ChatAdapter, mode: PostingMode): void {
  const missing = mode === "thread" ? !adapter.startThread : mode === "forum" ? !adapter.postForum : false;
  if (missing) {
    throw new UpstreamError(adapter.platform === "console" ? "discord" : adapter.platform, 400, { message: `${adapter.platform} cannot post in ${mode} mode`, reason: "no_permission" });
  }
}
