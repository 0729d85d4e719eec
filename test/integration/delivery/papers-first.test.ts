// Papers first: in a fan-out to many channels no 🔖 reaction reaches Discord before the last paper message, yet
// every paper message ends up with the bot's 🔖; Slack (no seeded reactions) delivers as before. A delivery
// process killed after its sends, in the middle of seeding, leaves nothing unseeded: the next pass seeds the rest.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPaperboy } from "./in-process.js";
import { childInput, createWorld, LIST_DATE, received, seed, spawnChild, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

const sqliteUrl = (name: string) => `sqlite://${join(mkdtempSync(join(tmpdir(), `paperboy-${name}-`)), "s.sqlite")}`;
const PAPER_URL = /huggingface\.co\/papers\/[\d.]+$/;

/** Paper messages in `channels` and whether each carries the bot's 🔖. */
function paperMessages(channels: string[]) {
  return [...world.discord.state.messages.values()].filter(
    (m) => channels.includes(m.channelId) && m.via === "channel" && PAPER_URL.test((m.body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? ""),
  );
}

/** When the fake answered the channels' message posts and 🔖 reactions. */
function timeline(channels: string[]) {
  const mine = world.discord.state.requests.filter((r) => channels.some((c) => r.path.startsWith(`/channels/${c}/`)));
  const posts = mine.filter((r) => r.method === "POST" && /\/messages$/.test(r.path) && r.status < 300).map((r) => r.at);
  const reactions = mine.filter((r) => r.method === "PUT" && r.path.includes("/reactions/")).map((r) => r.at);
  return { posts, reactions };
}

describe("papers first", () => {
  it("sends every paper message of a multi-channel fan-out before the first 🔖, then seeds every 🔖", async () => {
    const url = sqliteUrl("papers-first");
    const discord = Array.from({ length: 8 }, () => world.discordChannel());
    const slack = [world.slackChannel(), world.slackChannel()];
    await seed(url, [...discord.map((c) => subscription("discord", c, { top: 5 })), ...slack.map((c) => subscription("slack", c, { top: 5 }))]);
    const bot = await startPaperboy(world, url, "2025-06-13T07:00:30.000Z");
    try {
      const results = await bot.stack.engine.deliverDate(LIST_DATE);
      expect(results.map((r) => r.outcome.status)).toEqual(results.map(() => "posted"));
    } finally {
      await bot.close();
    }
    const { posts, reactions } = timeline(discord);
    expect(posts).toHaveLength(8 * 6);
    expect(reactions.length).toBeGreaterThanOrEqual(8 * 5);
    expect(Math.min(...reactions)).toBeGreaterThanOrEqual(Math.max(...posts));
    const papers = paperMessages(discord);
    expect(papers).toHaveLength(8 * 5);
    expect(papers.filter((m) => !m.botReactions.has("🔖"))).toEqual([]);
    for (const c of slack) expect(received(world, "slack", c).size).toBe(6);
    expect(world.discord.state.stats.rateLimited).toBe(0);
  });

  it("seeds on the next pass the 🔖 a process killed after its sends never seeded", async () => {
    const url = sqliteUrl("reaction-crash");
    const channels = Array.from({ length: 3 }, () => world.discordChannel());
    await seed(url, channels.map((c) => subscription("discord", c, { top: 3 })));
    const input = childInput(world, url, { driver: "cli", mode: "dated", date: LIST_DATE });

    // The first process freezes at the first 🔖 of one channel, i.e. after every paper message went out.
    const first = spawnChild({ ...input, arm: [{ platform: "discord", channelId: channels[0]!, item: "reaction", point: "before-reaction" }] });
    const deadline = Date.now() + 60_000;
    while (!first.events.some((e) => e.event === "frozen")) {
      if (first.proc.exitCode !== null || Date.now() > deadline) throw new Error(`no freeze: ${first.stderr().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.proc.kill("SIGKILL");
    await first.done;
    expect(paperMessages(channels)).toHaveLength(9);
    expect(paperMessages([channels[0]!]).filter((m) => m.botReactions.has("🔖"))).toEqual([]);

    const second = spawnChild(input);
    expect(await second.done, second.stderr().slice(-2000)).toBeDefined();
    const papers = paperMessages(channels);
    expect(papers).toHaveLength(9);
    expect(papers.filter((m) => !m.botReactions.has("🔖")).map((m) => m.id)).toEqual([]);
    for (const c of channels) expect([...received(world, "discord", c).values()]).toEqual([1, 1, 1, 1]);
  }, 120_000);
});
