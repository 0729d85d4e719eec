// refresh_days on /paper subscribe: a whole number of days 0–7 (0 turns live votes off), kept when the feed is
// changed without it, shown by /paper settings, and any other value refused in plain words.
import { describe, expect, it } from "vitest";
import { settingsCommand } from "../../../commands/settings.js";
import { subscribeCommand } from "../../../commands/subscribe.js";
import { createApp } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import type { CommandDefinition } from "../../../src/dispatch/define-command.js";
import { createSampleSource } from "../../../src/hf/sample.js";
import { silentLogger } from "../../../src/log.js";

async function setup() {
  const config = loadConfig({ STORE_URL: "memory://", LOG_LEVEL: "silent" });
  const defs = [subscribeCommand, settingsCommand] as unknown as CommandDefinition[];
  const app = await createApp(config, { log: silentLogger, commands: defs, papers: createSampleSource(), now: () => new Date("2026-05-06T10:00:00Z") });
  const say = async (name: string, text: string) => {
    const reply = await app.core.runCommand({
      caller: { platform: "slack", userId: "UADMIN", channelId: "C1", workspaceId: "T1", isAdmin: async () => true },
      name,
      input: { kind: "text", text },
    });
    return reply.messages.map((m) => m.fallbackText).join("\n");
  };
  return { app, say };
}

describe("refresh_days", () => {
  it("defaults to 3 days, takes 0–7, keeps its value when other settings change, and shows in settings", async () => {
    const { app, say } = await setup();
    await say("subscribe", "09:00 UTC 5");
    expect(await say("settings", "")).toContain("posts of the last 3 days are kept current (refresh_days=3)");
    expect(await say("subscribe", "refresh_days=5")).toContain("last 5 days");
    await say("subscribe", "10:00");
    const feed = await app.delivery.subscriptions.get({ platform: "slack", channelId: "C1" });
    expect(feed).toMatchObject({ time: "10:00", refreshDays: 5 });
    await say("subscribe", "refresh_days=0");
    expect(await say("settings", "")).toContain("Live votes: off");
    await app.close();
  });

  it.each(["refresh_days=8", "refresh_days=-1", "refresh_days=2.5", "refresh_days=soon"])("refuses %s in plain words", async (text) => {
    const { app, say } = await setup();
    expect(await say("subscribe", text)).toContain("refresh_days must be a whole number of days from 0 to 7");
    await app.close();
  });
});
