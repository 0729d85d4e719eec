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
