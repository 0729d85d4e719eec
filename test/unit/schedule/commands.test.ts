// /paper subscribe, unsubscribe, settings and status as a user types them (Slack-style text and typed options).
import { describe, expect, it } from "vitest";
import { settingsCommand } from "../../../commands/settings.js";
import { statusCommand } from "../../../commands/status.js";
import { subscribeCommand } from "../../../commands/subscribe.js";
import { unsubscribeCommand } from "../../../commands/unsubscribe.js";
import { createApp } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import type { CommandDefinition } from "../../../src/dispatch/define-command.js";
import type { PaperSource } from "../../../src/hf/source.js";
import { silentLogger } from "../../../src/log.js";
import type { Paper } from "../../../src/paper.js";
import type { Caller } from "../../../src/ports.js";
import { createSubscriptionRepo } from "../../../src/store/subscriptions.js";

const paper = (id: string, title: string, upvotes: number): Paper => ({
  id, title, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf", upvotes,
});
// Thursday 2025-06-12's list; "now" is Friday 2025-06-13 10:00 UTC (Thursday's list is the latest closed).
const lists: Record<string, Paper[]> = {
  "2025-06-12": [paper("2506.1", "Diffusion transformers", 40), paper("2506.2", "A survey of diffusion", 90), paper("2506.3", "Robot learning", 5)],
};
const papers: PaperSource = {
  daily: async (date) => lists[date] ?? [],
  search: async () => [],
  paper: async () => {
    throw new Error("unused");
  },
};

async function setup() {
  const config = loadConfig({ STORE_URL: "memory://", LOG_LEVEL: "silent", DEFAULT_TIMEZONE: "Europe/Berlin", DELIVERY_GIVE_UP_DAYS: "3" });
  const defs = [subscribeCommand, unsubscribeCommand, settingsCommand, statusCommand] as unknown as CommandDefinition[];
  const app = await createApp(config, { log: silentLogger, commands: defs, papers, now: () => new Date("2025-06-13T10:00:00Z") });
  const subscriptions = createSubscriptionRepo({ store: app.store });
  app.deps.subscriptions = subscriptions;
  const caller = (over: Partial<Caller> = {}): Caller => ({ platform: "slack", userId: "UADMIN", channelId: "C1", workspaceId: "T1", isAdmin: async () => true, ...over });
  const say = async (name: string, text: string, who = caller()) => {
    const reply = await app.core.runCommand({ caller: who, name, input: { kind: "text", text } });
    return reply.messages.map((m) => m.fallbackText).join("\n");
  };
  return { app, subscriptions, say, caller };
}

describe("subscription commands", () => {
  it("subscribes with positional arguments and shows the next post in the channel's zone", async () => {
    const { say, subscriptions } = await setup();
    const text = await say("subscribe", "08:30 America/New_York 5 10 diffusion, -survey");
    expect(text).toContain("Subscribed");
    expect(text).toContain("Next post: Fri 13 Jun, 08:30 EDT (in 3 h)");
    expect(text).toContain("matching any of: diffusion");
    expect(text).toContain("never: survey");
    const sub = await subscriptions.get({ platform: "slack", channelId: "C1" });
    expect(sub).toMatchObject({ time: "08:30", timezone: "America/New_York", top: 5, minUpvotes: 10, keywords: ["diffusion", "-survey"], subscriberId: "UADMIN", workspaceId: "T1" });
  });

  it("keeps earlier settings when only some are changed, and takes key=value for the rest", async () => {
    const { say, subscriptions } = await setup();
    await say("subscribe", "9:00 europe/berlin 3");
    await say("subscribe", "weekend=monday organizations=DeepMind,Meta");
    expect(await subscriptions.get({ platform: "slack", channelId: "C1" })).toMatchObject({
      time: "09:00", timezone: "Europe/Berlin", top: 3, weekend: "monday", organizations: ["DeepMind", "Meta"],
    });
  });

  it("explains bad times and zones in plain words, and refuses non-admins", async () => {
    const { say, caller } = await setup();
    expect(await say("subscribe", "25:00")).toContain("isn't a time. Use 24-hour HH:MM");
    expect(await say("subscribe", "09:00 Mars/Olympus")).toContain("isn't a time zone I know");
    const notAdmin = await say("subscribe", "09:00", caller({ isAdmin: async () => false }));
    expect(notAdmin).not.toContain("Subscribed");
  });

  it("settings shows the next time and how many papers yesterday's list would have posted", async () => {
    const { say } = await setup();
    expect(await say("settings", "")).toContain("isn't subscribed");
    await say("subscribe", "18:00 UTC 10 0 diffusion, -survey");
    const text = await say("settings", "", { platform: "slack", userId: "U2", channelId: "C1", isAdmin: async () => false });
    expect(text).toContain("Next post: Fri 13 Jun, 18:00 UTC (in 8 h)");
    expect(text).toContain("the list of Thu 12 Jun 2025 would have posted 1 of its 3 papers");
    expect(text).toContain("Last post: none yet");
  });

  it("status names failing channels; unsubscribe stops the post", async () => {
    const { say, subscriptions } = await setup();
    await say("subscribe", "09:00");
    await say("subscribe", "09:00", { platform: "slack", userId: "UADMIN", channelId: "C2", workspaceId: "T1", isAdmin: async () => true });
    await subscriptions.saveState(
      { platform: "slack", channelId: "C2" },
      { failing: { since: "2025-06-12T07:00:00.000Z", count: 2, lastError: "slack refused (status 200 not_in_channel)", notified: true } },
    );
    const status = await say("status", "");
    expect(status).toContain("2 subscribed channels, 1 failing");
    expect(status).toContain("channel C2: failing since");
    expect(status).toContain("not_in_channel");
    expect(await say("unsubscribe", "")).toContain("Unsubscribed");
    expect(await say("unsubscribe", "")).toContain("isn't subscribed");
    expect((await subscriptions.list()).map((s) => s.channelId)).toEqual(["C2"]);
  });
});
