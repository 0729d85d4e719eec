// Discord failures in paperboy's terms: REST errors become UpstreamError("discord", status, {code, permanent})
// so delivery knows which ones a retry cannot fix, and every error is reduced to safe log fields — a
// DiscordAPIError carries the request URL, which for interaction webhooks contains the interaction token.
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { UpstreamError } from "../../src/errors.js";

/** JSON error codes that need a human (re-invite, grant a permission, pick another channel) before a retry helps. */
export const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  10013, // Unknown User
  50001, // Missing Access
  50007, // Cannot send messages to this user
  50008, // Cannot send messages in a non-text channel
  50013, // Missing Permissions
  50083, // Operation on an archived thread
  160002, // Cannot reply without permission to read message history
]);

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
      permanent: code !== undefined && PERMANENT_CODES.has(code),
    });
  }
  if (err instanceof HTTPError) return new UpstreamError("discord", err.status, { cause: err });
  if (err instanceof RateLimitError) return new UpstreamError("discord", 429, { cause: err, message: "discord: rate limited" });
  return new UpstreamError("discord", 0, { cause: err, message: `discord: ${err instanceof Error ? err.message : String(err)}` });
}

/** Log fields for an error, without URLs or request bodies (they may hold interaction tokens). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) return { status: err.status, code: err.code, method: err.method, error: err.message };
  if (err instanceof UpstreamError) return { service: err.service, status: err.status, code: err.code, error: err.message };
  if (err instanceof Error) return { error: err.message, name: err.name, ...(err.stack ? { stack: err.stack } : {}) };
  return { error: String(err) };
}
