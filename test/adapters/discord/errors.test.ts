// Discord's refusals mapped onto the neutral reasons the core acts on (adapters/discord/errors.ts): the core never
// sees a Discord code, so this table is the whole contract between the two.
import { DiscordAPIError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { isTokenInvalid, toUpstreamError } from "../../../adapters/discord/errors.js";

const apiError = (status: number, code: number) =>
  new DiscordAPIError({ code, message: "refused" }, code, status, "POST", "https://discord.test/api/v10/channels/1/messages", { body: undefined, files: undefined });

describe("Discord error → neutral reason", () => {
  it.each([
    [403, 50013, "no_permission"],
    [403, 50001, "no_permission"],
    [400, 50008, "no_permission"],
    [404, 10003, "channel_gone"],
    [404, 10004, "channel_gone"],
    [400, 50083, "archived"],
    [401, 0, "auth"],
    [429, 0, "rate_limited"],
    [500, 0, "transient"],
    [400, 50035, "transient"],
  ])("status %i code %i is %s", (status, code, reason) => {
    const err = toUpstreamError(apiError(status, code));
    expect(err).toMatchObject({ service: "discord", status, reason });
    expect(err.message).not.toContain("discord.test");
  });

  it("a refused login and a rate limit", () => {
    expect(isTokenInvalid(Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" }))).toBe(true);
    expect(toUpstreamError(Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" }))).toMatchObject({ reason: "auth" });
    const limited = new RateLimitError({ timeToReset: 1000, limit: 1, method: "POST", hash: "h", url: "u", route: "/r", majorParameter: "1", global: false, retryAfter: 1000, sublimitTimeout: 0, scope: "user" });
    expect(toUpstreamError(limited)).toMatchObject({ status: 429, reason: "rate_limited" });
  });
});
