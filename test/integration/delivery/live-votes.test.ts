// Live votes end to end, on both platforms: the REAL discord.js Client and Bolt App against the fakes. A daily
// post is delivered, then people vote on the fake Hugging Face: the paper's message is edited in place at the next
// refresh (and only then, and only when a count it shows changed), without pinging anyone, after a restart too;
// a deleted message stops being refreshed, old messages and feeds with refresh_days=0 are never edited.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteChannelMessage } from "../../fakes/fake-discord-messages.js";
import { addForum } from "../../fakes/fake-discord-threads.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { setVotes } from "../../fakes/fake-hf-votes.js";
import { startPaperboy, type Paperboy } from "./in-process.js";
import { createWorld, LIST_DATE, seed, subscription, type World } from "./world.js";

type Platform = "discord" | "slack";
let world: World;
const START = "2025-06-13T07:00:30.000Z";
const INTERVAL_MS = 200;
const ids = Array.from({ length: 4 }, (_, i) => `2506.${String(20000 + i)}`);

beforeAll(async () => {
  world = await createWorld();
});

/** A fresh list (each platform starts from the same counts). Untrusted data: a title that would ping everyone. */
const freshList = () =>
  world.hf.setDaily(
    LIST_DATE,
    ids.map((id, i) => makeDailyItem({ id, title: i === 0 ? "Scaling @everyone <!channel> <@1234>" : `Live paper ${i}`, upvotes: 100 - i, numComments: 1, listDate: LIST_DATE })),
  );
afterAll(async () => {
  await world?.close();
});

const sqliteUrl = () => `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-live-")), "s.sqlite")}`;
const later = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

/** The message showing `paperId` in `channel`, its text as shown now, and the edit requests made to it. */
function paperMessage(platform: Platform, channel: string, paperId: string) {
  if (platform === "discord") {
    const msg = [...world.discord.state.messages.values()].find(
      (m) => m.channelId === channel && (m.body.embeds as { url?: string }[] | undefined)?.[0]?.url?.endsWith(paperId),
    );
    const edits = world.discord.state.requests.filter((r) => r.method === "PATCH" && msg && r.path === `/channels/${channel}/messages/${msg.id}`);
    return { id: msg?.id, shown: JSON.stringify(msg?.body ?? {}), edits };
  }
  const msg = world.slack.state.messages.find((m) => m.channel === channel && m.metadata?.event_payload.paper_id === paperId);
  const edits = world.slack.calls("chat.update").filter((c) => c.body.channel === channel && msg && c.body.ts === msg.ts);
  return { id: msg?.ts, shown: JSON.stringify(msg?.blocks ?? []), edits, metadata: msg?.metadata };
}

const allEdits = (platform: Platform, channels: string[]) =>
  platform === "discord"
    ? world.discord.state.requests.filter((r) => r.method === "PATCH" && channels.some((c) => r.path.startsWith(`/channels/${c}/messages/`)))
    : world.slack.calls("chat.update").filter((c) => channels.includes(String(c.body.channel)));

function deleteMessage(platform: Platform, channel: string, id: string) {
  if (platform === "discord") deleteChannelMessage(world.discord.state, id);
  else world.slack.state.messages.splice(world.slack.state.messages.findIndex((m) => m.channel === channel && m.ts === id), 1);
}

describe.each(["discord", "slack"] as const)("live votes on %s", (platform) => {
  const channel = () => (platform === "discord" ? world.discordChannel() : world.slackChannel());
  let url: string;
  let live: string;
  let off: string;
  let bot: Paperboy;
  beforeAll(freshList);

  it("edits a paper message at the next refresh once its votes change, and only then", async () => {
    url = sqliteUrl();
    live = channel();
    off = channel();
    await seed(url, [subscription(platform, live, { top: 4 }), subscription(platform, off, { top: 4, refreshDays: 0 })]);
    bot = await startPaperboy(world, url, START, {}, { refreshIntervalMs: INTERVAL_MS });
    const results = await bot.stack.engine.deliverDate(LIST_DATE);
    expect(results.map((r) => r.outcome.status)).toEqual(["posted", "posted"]);

    // Nothing changed on Hugging Face: a refresh edits nothing.
    bot.setNow(later(INTERVAL_MS));
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 0, unchanged: 4 });
    expect(allEdits(platform, [live, off])).toEqual([]);

    setVotes(world.hf, ids[1]!, { upvotes: 4321, githubStars: 77 });
    bot.setNow(later(2 * INTERVAL_MS));
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 1, unchanged: 3 });
    const edited = paperMessage(platform, live, ids[1]!);
    expect(edited.edits).toHaveLength(1);
    expect(edited.shown).toContain("4,321");
    if (platform === "slack") expect(edited.metadata).toEqual({ event_type: "paperboy_paper", event_payload: { paper_id: ids[1], date: LIST_DATE } });
    // refresh_days=0: the same paper in the other channel keeps its counts.
    expect(paperMessage(platform, off, ids[1]!).edits).toEqual([]);

    // Unchanged since the last edit: no second edit.
    bot.setNow(later(3 * INTERVAL_MS));
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 0 });
    expect(paperMessage(platform, live, ids[1]!).edits).toHaveLength(1);
  });

  it("picks up a change by itself within one refresh interval, without pinging anyone", async () => {
    setVotes(world.hf, ids[0]!, { upvotes: 999, numComments: 12 });
    bot.setNow(later(4 * INTERVAL_MS));
    bot.stack.refresher.start();
    for (let i = 0; i < 200 && !paperMessage(platform, live, ids[0]!).shown.includes("999"); i++) await new Promise((r) => setTimeout(r, 20));
    expect(paperMessage(platform, live, ids[0]!).shown).toContain("999");
    if (platform === "discord") {
      for (const r of allEdits(platform, [live])) expect((r.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
      expect(world.discord.state.violations).toEqual({ allowedMentions: [], pingEveryone: [] });
      expect(world.discord.state.stats.rateLimited).toBe(0);
    } else {
      for (const c of world.slack.calls("chat.update").filter((e) => e.body.channel === live)) expect(c.body.link_names).toBeUndefined();
      expect(world.slack.state.messages.filter((m) => m.channel === live).map((m) => m.pings)).toEqual([0, 0, 0, 0, 0]);
    }
  });

  it("stops refreshing a deleted message, and keeps refreshing the others after a restart", async () => {
    await bot.close();
    const gone = paperMessage(platform, live, ids[2]!);
    deleteMessage(platform, live, gone.id!);
    setVotes(world.hf, ids[2]!, { upvotes: 5 });
    setVotes(world.hf, ids[3]!, { upvotes: 6543 });

    // A new process on the same store: the index survived.
    bot = await startPaperboy(world, url, later(5 * INTERVAL_MS), {}, { refreshIntervalMs: INTERVAL_MS });
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 1, dropped: 1 });
    expect(paperMessage(platform, live, ids[3]!).shown).toContain("6,543");
    const triedGone = allEdits(platform, [live]).length;

    setVotes(world.hf, ids[2]!, { upvotes: 50 });
    bot.setNow(later(6 * INTERVAL_MS));
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 0, dropped: 0 });
    expect(allEdits(platform, [live])).toHaveLength(triedGone);
  });

  it("never edits messages older than the window", async () => {
    setVotes(world.hf, ids[3]!, { upvotes: 7777 });
    bot.setNow(later(3 * 86_400_000 + 1));
    const before = allEdits(platform, [live, off]).length;
    expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 0, unchanged: 0 });
    expect(allEdits(platform, [live, off])).toHaveLength(before);
    expect(await bot.stack.liveVotes.live(Date.parse(later(3 * 86_400_000 + 1)))).toEqual([]);
    await bot.close();
  });
});

describe.each(["discord", "slack"] as const)("live votes on a card posted with Post to channel (%s)", (platform) => {
  it("keeps its Save button and refreshes its counts", async () => {
    freshList();
    const url = sqliteUrl();
    const ch = platform === "discord" ? world.discordChannel() : world.slackChannel();
    const bot = await startPaperboy(world, url, START, {}, { refreshIntervalMs: INTERVAL_MS });
    try {
      const caller = { platform, userId: platform === "slack" ? "U0ADMIN01" : "1", channelId: ch, isAdmin: async () => true };
      await bot.app.core.runAction({ caller, action: { kind: "post", paperId: ids[2]! } });
      setVotes(world.hf, ids[2]!, { upvotes: 8765 });
      bot.setNow(later(INTERVAL_MS));
      expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 1 });
      const card = paperMessage(platform, ch, ids[2]!);
      expect(card.shown).toContain("8,765");
      expect(card.shown).toContain("Save");
    } finally {
      await bot.close();
    }
  });
});

describe("live votes in every posting mode", () => {
  const modes = [
    ["discord", "thread"],
    ["discord", "forum"],
    ["slack", "thread"],
  ] as const;
  it.each(modes)("%s, %s mode: the paper's message is edited where it landed", async (platform, mode) => {
    freshList();
    const url = sqliteUrl();
    const ch = platform === "slack" ? world.slackChannel() : mode === "forum" ? addForum(world.discord.world, { tags: ["agents"] }).id : world.discordChannel();
    await seed(url, [subscription(platform, ch, { top: 4, mode })]);
    const bot = await startPaperboy(world, url, START, {}, { refreshIntervalMs: INTERVAL_MS });
    try {
      const [result] = await bot.stack.engine.deliverDate(LIST_DATE);
      expect(result?.outcome.status).toBe("posted");
      setVotes(world.hf, ids[3]!, { upvotes: 2468 });
      bot.setNow(later(INTERVAL_MS));
      expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 1, unchanged: 3 });
      if (platform === "discord") {
        // The message sits in a thread (thread mode) or is a forum post's starter (forum mode): its channel's parent is `ch`.
        const msg = [...world.discord.state.messages.values()].find(
          (m) => world.discord.world.channels.get(m.channelId)?.parentId === ch && (m.body.embeds as { url?: string }[] | undefined)?.[0]?.url?.endsWith(ids[3]!),
        );
        expect(JSON.stringify(msg?.body)).toContain("2,468");
        expect(world.discord.state.violations.allowedMentions).toEqual([]);
      } else {
        const reply = world.slack.state.messages.find((m) => m.channel === ch && m.metadata?.event_payload.paper_id === ids[3]);
        expect(reply?.thread_ts).toBeDefined();
        expect(JSON.stringify(reply?.blocks)).toContain("2,468");
      }
    } finally {
      await bot.close();
    }
  });
});

describe.each(["discord", "slack"] as const)("a refused edit on %s", (platform) => {
  it("(rate limit, server error) is left for the next refresh, which makes it", async () => {
    freshList();
    const url = sqliteUrl();
    const ch = platform === "discord" ? world.discordChannel() : world.slackChannel();
    await seed(url, [subscription(platform, ch, { top: 4 })]);
    const bot = await startPaperboy(world, url, START, {}, { refreshIntervalMs: INTERVAL_MS });
    try {
      await bot.stack.engine.deliverDate(LIST_DATE);
      setVotes(world.hf, ids[0]!, { upvotes: 1357 });
      if (platform === "discord") world.discord.state.failures.push({ method: "PATCH", path: /^\/channels\/\d+\/messages\/\d+$/, status: 500, code: 0, message: "500: Internal Server Error" });
      else world.slack.inject("chat.update", { status: 429, retryAfterSec: 1 });
      bot.setNow(later(INTERVAL_MS));
      expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 0, dropped: 0, left: 1 });
      expect(paperMessage(platform, ch, ids[0]!).shown).not.toContain("1,357");
      bot.setNow(later(2 * INTERVAL_MS));
      expect(await bot.stack.refresher.runOnce()).toMatchObject({ edited: 1, dropped: 0, left: 0 });
      expect(paperMessage(platform, ch, ids[0]!).shown).toContain("1,357");
    } finally {
      await bot.close();
    }
  });
});
