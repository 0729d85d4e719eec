// The feed commands as a user types them: subscribe with a kind and weekday (positionally or key=value), settings
// listing every feed with its next post time, unsubscribe [kind], a personal digest anyone may start, and
// preview of each kind.
import { describe, expect, it } from "vitest";
import { digestCommand } from "../../../commands/digest.js";
import { previewCommand } from "../../../commands/preview.js";
import { settingsCommand } from "../../../commands/settings.js";
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

const paper = (id: string, title: string, upvotes: number, listDate: string): Paper => ({
  id, title, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf", upvotes, listDate,
});
// Wednesday 2026-12-02, 10:00 UTC: week 48 (23–29 Nov) and November are complete.
const NOW = new Date("2026-12-02T10:00:00Z");
const nov = [paper("2611.1", "Diffusion transformers", 40, "2026-11-24"), paper("2611.2", "A survey of diffusion", 90, "2026-11-27")];
const papers: PaperSource = {
  daily: async (date) => (date === "2026-12-01" ? [paper("2612.1", "December paper", 3, date)] : []),
  search: async () => [],
  paper: async () => {
    throw new Error("unused");
  },
  week: async (w) => (w === "2026-W48" ? nov : []),
  month: async (m) => (m === "2026-11" ? nov : []),
  trending: async () => [paper("2611.9", "Trending one", 1, "2026-11-30"), ...nov],
};

async function setup() {
  const config = loadConfig({ STORE_URL: "memory://", LOG_LEVEL: "silent", DEFAULT_TIMEZONE: "UTC" });
  const defs = [subscribeCommand, unsubscribeCommand, settingsCommand, previewCommand, digestCommand] as unknown as CommandDefinition[];
  const app = await createApp(config, { log: silentLogger, commands: defs, papers, now: () => NOW });
  const subscriptions = createSubscriptionRepo({ store: app.store });
  app.deps.subscriptions = subscriptions;
  const caller = (over: Partial<Caller> = {}): Caller => ({ platform: "slack", userId: "UADMIN", channelId: "C1", workspaceId: "T1", isAdmin: async () => true, ...over });
  const say = async (name: string, text: string, who = caller()) => {
    const reply = await app.core.runCommand({ caller: who, name, input: { kind: "text", text } });
    return reply.messages.map((m) => m.fallbackText).join("\n");
  };
  return { subscriptions, say, caller };
}

describe("feed commands", () => {
  it("subscribe takes a kind and weekday first; settings lists every feed with its next post", async () => {
    const { say, subscriptions } = await setup();
    expect(await say("subscribe", "09:00 Europe/Berlin 5")).toContain("every day at 09:00 (Europe/Berlin)");
    const weekly = await say("subscribe", "weekly friday 16:00 Europe/Berlin 3");
    expect(weekly).toContain("every Friday at 16:00 (Europe/Berlin)");
    expect(weekly).toContain("Next post: Fri 4 Dec, 16:00");
    await say("subscribe", "kind=trending time=08:00");
    const feeds = await subscriptions.feedsOf("slack", "C1");
    expect(feeds.map((f) => [f.kind ?? "daily", f.time, f.top])).toEqual([["daily", "09:00", 5], ["weekly", "16:00", 3], ["trending", "08:00", 10]]);
    expect(feeds[1]?.weekday).toBe(5);
    const settings = await say("settings", "", { platform: "slack", userId: "U2", channelId: "C1", isAdmin: async () => false });
    expect(settings).toContain("Daily post here every day at 09:00");
    expect(settings).toContain("Best of the week (weekly): every Friday at 16:00");
    expect(settings).toContain("Trending papers (trending)");
    expect(settings.match(/Next post:/g)).toHaveLength(3);
    expect(await say("subscribe", "weekly funday")).toContain("isn't a time");
  });

  it("unsubscribe stops one kind, or every feed", async () => {
    const { say, subscriptions } = await setup();
    await say("subscribe", "09:00");
    await say("subscribe", "weekly monday 09:00");
    await say("subscribe", "monthly 09:00");
    expect(await say("unsubscribe", "weekly")).toContain("won't get the weekly feed");
    expect(await say("unsubscribe", "weekly")).toContain("has no weekly feed");
    expect((await subscriptions.feedsOf("slack", "C1")).map((f) => f.kind ?? "daily")).toEqual(["daily", "monthly"]);
    expect(await say("unsubscribe", "")).toContain("daily, monthly feeds");
    expect(await subscriptions.feedsOf("slack", "C1")).toEqual([]);
  });

  it("digest is personal: anyone, delivered to their DMs; off stops it", async () => {
    const { say, subscriptions, caller } = await setup();
    const member = caller({ userId: "UBOB", isAdmin: async () => false });
    expect(await say("digest", "weekly friday 17:00 Europe/Berlin 5", member)).toContain("your DMs get the weekly digest every Friday at 17:00");
    const [feed] = await subscriptions.feedsOf("slack", "dm:UBOB");
    expect(feed).toMatchObject({ kind: "weekly", userId: "UBOB", top: 5, weekday: 5 });
    expect(await say("digest", "off", member)).toContain("no more weekly digest");
    expect(await subscriptions.feedsOf("slack", "dm:UBOB")).toEqual([]);
    expect(await say("digest", "hourly", member)).toMatch(/daily|weekly/);
  });

  it("digest keeps rank=foryou (Slack text) until rank=upvotes, and says how its papers are picked", async () => {
    const { say, subscriptions, caller } = await setup();
    const member = caller({ userId: "UBOB", isAdmin: async () => false });
    const rankOf = async () => (await subscriptions.feedsOf("slack", "dm:UBOB"))[0]?.rank;
    expect(await say("digest", "daily 08:00 UTC 5 foryou", member)).toContain("picked for you from your bookmarks");
    expect(await rankOf()).toBe("foryou");
    expect(await say("digest", "daily 07:00", member)).toContain("picked for you");
    expect(await rankOf()).toBe("foryou");
    expect(await say("digest", "daily rank=upvotes", member)).toContain("most upvoted; add rank=foryou");
    expect(await rankOf()).toBeUndefined();
    expect(await say("digest", "daily rank=best", member)).toMatch(/upvotes|foryou/);
  });

  it("preview shows what each kind would post now", async () => {
    const { say } = await setup();
    expect(await say("preview", "weekly 1")).toContain("Best of week 48 · 24–27 Nov 2026 · top 1 of 2");
    expect(await say("preview", "monthly")).toContain("Best of Nov 2026 · 24–27 Nov 2026 · top 2 of 2");
    expect(await say("preview", "trending 1")).toContain("1. Trending one (2611.9");
    expect(await say("preview", "")).toContain("the list of Tue 1 Dec 2026 would have posted 1 of its 1 papers");
  });
});
