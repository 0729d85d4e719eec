import { describe, expect, it } from "vitest";
import { ConfigError, enabledPlatforms, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it("has working defaults for an empty environment (console mode)", () => {
    const cfg = loadConfig({});
    expect(cfg.HF_API_URL).toBe("https://huggingface.co");
    expect(cfg.STORE_URL).toBe("sqlite://data/paperboy.sqlite");
    expect(cfg.PORT).toBe(3000);
    expect(enabledPlatforms(cfg)).toEqual({ discord: false, slack: false });
  });

  it("names every bad key at once", () => {
    try {
      loadConfig({ PORT: "eighty", DEFAULT_TIMEZONE: "Mars/Olympus", HF_API_URL: "ftp://x", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).message;
      for (const key of ["PORT", "DEFAULT_TIMEZONE", "HF_API_URL", "LOG_LEVEL"]) expect(text).toContain(key);
    }
  });

  it("requires the Slack pieces to come together", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: "s" })).toThrow(/SLACK_BOT_TOKEN/);
    expect(enabledPlatforms(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).slack).toBe(true);
  });

  it("Slack distribution: all three OAuth secrets plus the signing secret, HTTP mode, no single bot token", () => {
    const oauth = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "cs", SLACK_STATE_SECRET: "ss", SLACK_SIGNING_SECRET: "sig" };
    const cfg = loadConfig({ ...oauth, SLACK_SCOPES: "commands, chat:write" });
    expect(enabledPlatforms(cfg).slack).toBe(true);
    expect(cfg.SLACK_SCOPES).toEqual(["commands", "chat:write"]);
    expect(() => loadConfig({ SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: "sig" })).toThrow(/SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: .*all three/);
    expect(() => loadConfig({ ...oauth, SLACK_SIGNING_SECRET: "" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ ...oauth, SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_BOT_TOKEN: leave it unset/);
    expect(() => loadConfig({ ...oauth, SLACK_APP_TOKEN: "xapp-1" })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => loadConfig({ ...oauth, SLACK_REDIRECT_URI: "https://bot.example/callback" })).toThrow(/SLACK_REDIRECT_URI/);
    expect(loadConfig({ ...oauth, SLACK_REDIRECT_URI: "https://bot.example/slack/oauth_redirect" }).SLACK_REDIRECT_URI).toBe(
      "https://bot.example/slack/oauth_redirect",
    );
  });

  it("never puts a secret value in its error message", () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-very-secret", PORT: "-1" });
    } catch (err) {
      expect((err as Error).message).not.toContain("xoxb-very-secret");
    }
  });

  it("reads admin ids as a list", () => {
    expect(loadConfig({ SLACK_ADMIN_USER_IDS: " U1, U2 ,," }).SLACK_ADMIN_USER_IDS).toEqual(["U1", "U2"]);
  });
});
