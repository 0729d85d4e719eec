// The Slack SDK logs request bodies and results as text at debug level; secrets must not survive in that text.
import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../../../adapters/slack/bolt-logger.js";

describe("scrubSecrets", () => {
  it("removes client secrets, access tokens and Slack tokens from JSON and form text, keeping the rest", () => {
    const json = scrubSecrets('http request body: {"code":"c-1","client_id":"1111.2222","client_secret":"shh-77"}');
    expect(json).toBe('http request body: {"code":"c-1","client_id":"1111.2222","client_secret":"[redacted]"}');
    const result = scrubSecrets('{"ok":true,"access_token":"xoxb-T1-9","token_type":"bot","refresh_token":"xoxe-1-abc"}');
    expect(result).not.toMatch(/xox|T1-9|abc/);
    expect(result).toContain('"token_type":"bot"');
    expect(scrubSecrets("token=xoxb-123-456&channel=C1, app xapp-1-A0-XYZ")).toBe("token=[redacted]&channel=C1, app [redacted]");
  });
});
