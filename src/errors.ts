// The two kinds of failure paperboy knows (STYLE habit 6). A UserError is something the person in chat can
// fix: its message is shown to them, privately, as is. Everything else is logged with context and the user
// sees only a short generic line — never a stack trace, a token or an upstream body.
import { textReply, type Reply } from "./message.js";

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

/** An upstream service (Hugging Face, arXiv, a chat platform) failed or answered nonsense. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    readonly service: "huggingface" | "arxiv" | "discord" | "slack",
    /** HTTP status when there was one; 0 for network errors, timeouts and unparseable bodies. */
    readonly status: number,
    options?: { cause?: unknown; message?: string; code?: string; permanent?: boolean },
  ) {
    super(options?.message ?? `${service} request failed (status ${status})`, { cause: options?.cause });
    this.code = options?.code;
    this.permanent = options?.permanent ?? false;
  }
  /** The platform's own error code when there is one: Discord's numeric code as a string, Slack's `error` field. */
  readonly code: string | undefined;
  /**
   * True when retrying cannot help until a human acts: missing permission, channel deleted or archived,
   * bot removed. The delivery engine marks such a subscription failing instead of retrying it.
   */
  readonly permanent: boolean;
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

/** The private reply for a failed command or button: the user-facing words, marked as a failure. */
export function errorReply(err: unknown): Reply {
  const failure = err instanceof UserError ? err.code : err instanceof UpstreamError ? "upstream" : "internal";
  return { ...textReply(userFacingMessage(err)), failure };
}
