// What delivery does about a failed post, decided per neutral reason (src/errors.ts FAILURE_REASONS) — never by
// reading a platform's codes. A refusal only a human can fix (permission, archived) marks the subscription failing
// until the next slot; a deleted channel ends it; a revoked token is the adapter's outage and leaves channels
// alone; everything else is retried with backoff the same day. Also the one private notice a subscriber gets.
import { failureReasonOf, UpstreamError, type FailureReason } from "../errors.js";
import type { OutgoingMessage } from "../message.js";
import type { DeliveryState, Subscription } from "../store/subscriptions.js";

/**
 * - fail-channel: mark the subscription failing, tell the subscriber once, try again at the next slot
 * - end-subscription: the channel is gone; remove the subscription
 * - adapter-outage: the platform refused paperboy itself; the slot stays due until the adapter is back
 * - retry: try again after a backoff
 */
export type FailureDecision = "fail-channel" | "end-subscription" | "adapter-outage" | "retry";

const DECISIONS: Record<FailureReason, FailureDecision> = {
  no_permission: "fail-channel",
  archived: "fail-channel",
  channel_gone: "end-subscription",
  auth: "adapter-outage",
  rate_limited: "retry",
  transient: "retry",
  dm_closed: "fail-channel",
};

export function decideFailure(err: unknown): { reason: FailureReason; decision: FailureDecision } {
  // Only a chat platform's refusal is about the channel; Hugging Face trouble is always retried.
  const platform = err instanceof UpstreamError && (err.service === "discord" || err.service === "slack");
  const reason = platform ? failureReasonOf(err) : "transient";
  return { reason, decision: DECISIONS[reason] };
}

/** Backoff before retrying a transient failure: 1, 2, 4, 8 then every 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/** A short, log- and user-safe description: the service, status and reason, never an upstream body. */
export function describeFailure(err: unknown): string {
  if (err instanceof UpstreamError) return `${err.service} refused (status ${err.status}, ${err.reason})`;
  return err instanceof Error ? err.name : "unknown error";
}

const REASON_TEXT: Record<FailureReason, string> = {
  no_permission:
    "paperboy is missing permission to post there (it needs to see the channel, send messages and add reactions)",
  archived: "the channel is archived",
  channel_gone: "the channel no longer exists",
  auth: "paperboy's access to the workspace was revoked",
  rate_limited: "the platform asked paperboy to slow down",
  transient: "the platform refused the post",
  dm_closed: "the recipient does not accept direct messages from paperboy",
};

/** What the subscription's state becomes after a failure a human must fix, at `now`. */
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

/** The failure bookkeeping a new /paper subscribe clears: the subscriber starts again from a clean slate. */
export function clearFailures(state: DeliveryState): DeliveryState {
  return { ...state, failing: undefined, gaveUpAt: undefined, retry: undefined };
}

/** The private message to the subscriber when their channel's delivery starts failing. */
export function failureNotice(sub: Subscription, err: unknown, giveUpDays: number): OutgoingMessage {
  const text =
    `paperboy couldn't post today's Hugging Face papers in channel ${sub.channelId}: ${REASON_TEXT[failureReasonOf(err)]}. ` +
    `Once that's fixed it will try again at the next scheduled time (${sub.time} ${sub.timezone}). ` +
    `If it keeps failing, paperboy stops trying after ${giveUpDays} day${giveUpDays === 1 ? "" : "s"}; ` +
    "run /paper subscribe in that channel to start again.";
  return { blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text };
}
