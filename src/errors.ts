// The two kinds of failure paperboy knows (STYLE habit 6). A UserError is something the person in chat can
// fix: its message is shown to them, privately, as is. Everything else is logged with context and the user
// sees only a short generic line — never a stack trace, a token or an upstream body.
import type { Platform } from "./platforms.js";

/** A mistake the user can fix. `message` is plain words, safe to show; `code` is for tests and logs. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why a chat platform refused, in neutral terms. Each adapter maps its platform's codes onto these
 * (adapters/discord/errors.ts, adapters/slack/web.ts); the core decides per reason and never reads a platform code.
 * - no_permission: paperboy may not see or post in the channel (a human must grant it)
 * - channel_gone: the channel (or the user, for a DM) no longer exists
 * - archived: the channel or thread is archived
 * - auth: the bot's token is invalid or revoked — an outage of the whole adapter, not of one channel
 * - rate_limited: the platform asked us to slow down
 * - transient: anything else (5xx, network, timeouts); retrying later may help
 * - dm_closed: a direct message was refused because the user does not accept DMs from paperboy
 */
export const FAILURE_REASONS = ["no_permission", "channel_gone", "archived", "auth", "rate_limited", "transient", "dm_closed"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Reasons no retry can fix until someone acts in the workspace. */
const NEEDS_A_HUMAN: ReadonlySet<FailureReason> = new Set(["no_permission", "channel_gone", "archived", "auth", "dm_closed"]);

/** An upstream service (Hugging Face, arXiv, a chat platform) failed or answered nonsense. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    readonly service: "huggingface" | "arxiv" | Exclude<Platform, "console">,
    /** HTTP status when there was one; 0 for network errors, timeouts and unparseable bodies. */
    readonly status: number,
    options?: { cause?: unknown; message?: string; code?: string; reason?: FailureReason },
  ) {
    super(options?.message ?? `${service} request failed (status ${status})`, { cause: options?.cause });
    this.code = options?.code;
    this.reason = options?.reason ?? (status === 429 ? "rate_limited" : "transient");
    this.permanent = NEEDS_A_HUMAN.has(this.reason);
  }
  /** The platform's own error code when there is one: Discord's numeric code as a string, Slack's `error` field. For logs only. */
  readonly code: string | undefined;
  /** The neutral reason, set by the adapter that raised it. */
  readonly reason: FailureReason;
  /** True when retrying cannot help until a human acts (every reason but rate_limited and transient). */
  readonly permanent: boolean;
}

/** The neutral reason of any error: an UpstreamError's own, otherwise "transient". */
export function failureReasonOf(err: unknown): FailureReason {
  return err instanceof UpstreamError ? err.reason : "transient";
}

/** What a user sees when something that is not their fault went wrong. */
export const GENERIC_ERROR_TEXT = "Sorry — something went wrong on our side. Please try again in a minute.";

/** What a user sees when Hugging Face (or arXiv) cannot be reached. */
export const UPSTREAM_ERROR_TEXT =
  "Hugging Face isn't answering right now, so paperboy can't fetch papers. Please try again in a few minutes.";

/** The text to show a user for any error: a UserError's own words, otherwise a generic line. */
export function userFacingMessage(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof UpstreamError && (err.service === "huggingface" || err.service === "arxiv")) {
    return UPSTREAM_ERROR_TEXT;
  }
  return GENERIC_ERROR_TEXT;
}
