// A 🔖 that cannot be stored is never silently lost: with the store down (a real redis-server stopped), the
// reacting user is told in one private line on both platforms (Discord: a DM, and the 🔖 is taken back when
// paperboy may; Slack: an ephemeral message), and nothing half-written appears once the store is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "../../adapters/discord/harness.js";
import { CHANNEL, startSlackHarness, type SlackHarness } from "../../adapters/slack/harness.js";
import { paperCard } from "../../../src/format/paper-card.js";
import type { Paper } from "../../../src/paper.js";
import { BOOKMARK_NOT_SAVED } from "../../../src/dispatch/reactions.js";
import { startRestartableRedis, type RestartableRedis } from "../../support/redis-on-port.js";

const paper = (id: string): Paper => ({ id, title: `Paper ${id}`, abstract: "A.", authors: ["A. Author"], authorCount: 1, keywords: [], source: "hf", listDate: "2026-03-03" });

describe("🔖 while the store is down", () => {
  let redis: RestartableRedis;
  let discord: DiscordHarness;
  let slack: SlackHarness;
  beforeAll(async () => {
    redis = await startRestartableRedis();
    discord = await startDiscordHarness({ storeUrl: redis.url });
    slack = await startSlackHarness({ storeUrl: redis.url });
  });
  afterAll(async () => {
    await Promise.allSettled([discord?.close(), slack?.close()]);
    await redis?.stop();
  });

  it("is reported to the user on both platforms, never dropped silently", async () => {
    // Posted and recorded while the store is up.
    const onDiscord = await discord.app.deps.publish("discord", discord.fake.world.channel.id, paperCard(paper("2509.04664"), { date: "2026-03-03" }));
    const onSlack = await slack.app.deps.publish("slack", CHANNEL, paperCard(paper("2509.04664"), { date: "2026-03-03" }));
    await redis.stop();

    const alice = discord.fake.world.users.alice;
    discord.fake.react({ id: onDiscord.messageId, channelId: onDiscord.channelId }, { user: alice });
    const dm = await discord.fake.waitFor(() =>
      [...discord.fake.state.messages.values()].find((m) => m.channelId !== discord.fake.world.channel.id && String(m.body.content).includes("didn't take")),
    );
    expect(dm.body.content).toBe(BOOKMARK_NOT_SAVED);
    expect(dm.body.allowed_mentions).toEqual({ parse: [] });

    await slack.signer.event({ type: "reaction_added", user: "U0READER", reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: onSlack.messageId }, item_user: "U0BOT" });
    const line = await discord.fake.waitFor(() => slack.fake.visibleTo("U0READER").find((e) => e.text.includes("didn't take")));
    expect(line.text).toBe(BOOKMARK_NOT_SAVED);
    expect(slack.fake.visibleTo("U0READER")).toHaveLength(1);

    // Store back: nothing was half-saved, and the next 🔖 works.
    await redis.start();
    const owner = { platform: "discord" as const, userId: alice.id };
    await discord.fake.waitFor(async () => (await discord.app.deps.bookmarks.list(owner).catch(() => undefined)) !== undefined, 10_000);
    expect(await discord.app.deps.bookmarks.has(owner, "2509.04664")).toBe(false);
    discord.fake.react({ id: onDiscord.messageId, channelId: onDiscord.channelId }, { user: alice, added: false });
    discord.fake.react({ id: onDiscord.messageId, channelId: onDiscord.channelId }, { user: alice });
    await discord.fake.waitFor(async () => discord.app.deps.bookmarks.has(owner, "2509.04664"));
  });
});
