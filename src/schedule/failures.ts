// How a failed channel delivery is treated. Permanent platform refusals (missing permission, deleted or archived
// channel, bot removed) mark the subscription failing and wait for the next slot; everything else (Hugging Face
// down, platform 5xx, network) is retried with backoff the same day. Also the one private notice an admin gets.
import { UpstreamError } from "../errors.js";
import type { OutgoingMessage } from "../message.js";
import type { DeliveryState, Subscription } from "../store/subscriptions.js";

export type FailureKind = "permanent" | "transient";

export function classifyFailure(err: unknown): FailureKind {
  return err instanceof UpstreamError && err.permanent && (err.service === "discord" || err.service === "slack")
    ? "permanent"
    : "transient";
}

/** Backoff before retrying a transient failure: 1, 2, 4, 8 then every 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** A short, log- and user-safe description: the platform's error code, never an upstream body. */
export function describeFailure(err: unknown): string {
  if (err instanceof UpstreamError) {
    const code = err.code ? ` ${err.code}` : "";
    return `${err.service} refused (status ${err.status}${code})`;
  }
  return err instanceof Error ? err.name : "unknown error";
}

function reasonFor(err: unknown): string {
  if (!(err instanceof UpstreamError)) return "the platform refused the post";
  const code = err.code ?? "";
  if (err.status === 403 || /missing_scope|not_in_channel|restricted_action|50001|50013/.test(code)) {
    return "paperboy is missing permission to post there (it needs to see the channel, send messages and add reactions)";
  }
  if (/is_archived|channel_archived/.test(code)) return "the channel is archived";
  if (err.status === 404 || /channel_not_found|10003/.test(code)) return "the channel no longer exists or paperboy can't see it";
  return `the platform refused the post (${code || `status ${err.status}`})`;
}

/** What the subscription's state becomes after a permanent failure at `now`. */
export function markFailing(state: DeliveryState, err: unknown, now: Date, giveUpDays: number): DeliveryState {
  const since = state.failing?.since ?? now.toISOString();
  const failing = {
    since,
    count: (state.failing?.count ?? 0) + 1,
    lastError: describeFailure(err),
    notified: state.failing?.notified ?? false,
  };
  const givingUp = now.getTime() - Date.parse(since) >= giveUpDays * 86_400_000;
  return { ...state, failing, retry: undefined, ...(givingUp ? { gaveUpAt: now.toISOString() } : {}) };
}

/** The private message to the subscriber when their channel's delivery starts failing. */
export function failureNotice(sub: Subscription, err: unknown, giveUpDays: number): OutgoingMessage {
  const text =
    `paperboy couldn't post today's Hugging Face papers in channel ${sub.channelId}: ${reasonFor(err)}. ` +
    `Once that's fixed it will try again at the next scheduled time (${sub.time} ${sub.timezone}). ` +
    `If it keeps failing, paperboy stops trying after ${giveUpDays} day${giveUpDays === 1 ? "" : "s"}; ` +
    "run /paper subscribe in that channel to start again.";
  return { blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text };
}
