// Discord failures in paperboy's terms: REST errors become UpstreamError("discord", status, {code, reason}) with a
// neutral reason the core acts on (it never reads Discord codes), and every error is reduced to safe log fields —
// a DiscordAPIError carries the request URL, which for interaction webhooks contains the interaction token.
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { UpstreamError, type FailureReason } from "../../src/errors.js";

/** Discord JSON error codes → the neutral reason the core acts on (anything not listed is transient). */
export const REASON_BY_CODE: ReadonlyMap<number, FailureReason> = new Map<number, FailureReason>([
  [10003, "channel_gone"], // Unknown Channel
  [10004, "channel_gone"], // Unknown Guild
  [10013, "channel_gone"], // Unknown User
  [50001, "no_permission"], // Missing Access
  [50007, "dm_closed"], // Cannot send messages to this user (DMs closed)
  [50008, "no_permission"], // Cannot send messages in a non-text channel
  [50013, "no_permission"], // Missing Permissions
  [160002, "no_permission"], // Cannot reply without permission to read message history
  [50083, "archived"], // Operation on an archived thread
  [40001, "auth"], // Unauthorized
]);

/** The neutral reason for a REST failure: 401 is a bad token whatever the code, 429 a rate limit. */
export function discordReason(status: number, code: number | undefined): FailureReason {
  if (status === 401) return "auth";
  if (status === 429) return "rate_limited";
  return (code !== undefined ? REASON_BY_CODE.get(code) : undefined) ?? "transient";
}

/** Unknown interaction (too late, > 3 s) and "already acknowledged": the reply is lost, nothing to retry. */
export const LOST_INTERACTION_CODES = new Set([10062, 40060]);

export function discordCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError && typeof err.code === "number" ? err.code : undefined;
}

export function toUpstreamError(err: unknown): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : undefined;
    return new UpstreamError("discord", err.status, {
      cause: err,
      message: `discord: ${err.message} (${code ?? "no code"})`,
      ...(code !== undefined ? { code: String(code) } : {}),
      reason: discordReason(err.status, code),
    });
  }
  if (err instanceof HTTPError) return new UpstreamError("discord", err.status, { cause: err, reason: discordReason(err.status, undefined) });
  if (err instanceof RateLimitError) return new UpstreamError("discord", 429, { cause: err, message: "discord: rate limited" });
  // discord.js rejects login() with code TokenInvalid when the gateway or REST refuses the token.
  if (isTokenInvalid(err)) return new UpstreamError("discord", 401, { cause: err, message: "discord: the bot token was refused", reason: "auth" });
  return new UpstreamError("discord", 0, { cause: err, message: `discord: ${err instanceof Error ? err.message : String(err)}` });
}

/** Log fields for an error, without URLs or request bodies (they may hold interaction tokens). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) return { status: err.status, code: err.code, method: err.method, error: err.message };
  if (err instanceof UpstreamError) return { service: err.service, status: err.status, code: err.code, error: err.message };
  if (err instanceof Error) return { error: err.message, name: err.name, ...(err.stack ? { stack: err.stack } : {}) };
  return { error: String(err) };
}

/** discord.js's "An invalid token was provided" (login) or a gateway close for failed authentication. */
export function isTokenInvalid(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "TokenInvalid" || code === 4004;
}
