// Posting modes on Discord, end to end on the REAL discord.js client against the fake Discord: thread mode puts one
// header in the channel and the papers in its thread; forum mode makes one post per paper, tagged from the forum's
// own tags (and new ones only when the bot may manage the forum); a 🔖 on a paper in a thread or on a forum post
// bookmarks it; hostile titles never ping and fit Discord's 100-character thread names; wrong modes are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "../../adapters/discord/harness.js";
import { snowflake } from "../../fakes/fake-discord-model.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";

const DATE = "2026-05-05";
let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
  h.hf.setDaily(DATE, [
    makeDailyItem({ id: "2605.00001", title: "Diffusion for robots", upvotes: 90, listDate: DATE, organization: { name: "nvidia", fullname: "NVIDIA" }, ai_keywords: ["Diffusion", "robotics"] }),
    makeDailyItem({ id: "2605.00002", title: `@everyone <@${"1".repeat(18)}> ${"very long hostile title ".repeat(8)}`, upvotes: 80, listDate: DATE, ai_keywords: ["a keyword far longer than twenty", "agents"] }),
    makeDailyItem({ id: "2605.00003", title: "Small models", upvotes: 70, listDate: DATE }),
  ]);
});
afterAll(() => h?.close());

const replyText = async (rec: ReturnType<DiscordHarness["fake"]["slash"]>) => JSON.stringify(await h.fake.settled(rec, 10_000));
const mod = () => h.fake.world.users.mod;
const bookmarksOf = async (userId: string) => h.app.deps.bookmarks.list({ platform: "discord", userId });

describe("thread mode", () => {
  it("posts one header in the channel and the papers in its thread, in order; 🔖 there bookmarks; a second pass posts nothing", async () => {
    const channelId = h.fake.world.channel.id;
    const text = await replyText(h.fake.slash("subscribe", { time: "09:00", top: 3, mode: "thread" }, { user: mod() }));
    expect(text).toMatch(/Posting mode: thread/);
    expect(await replyText(h.fake.slash("settings", {}, { user: mod() }))).toMatch(/Posting mode: thread/);
    const before = h.fake.state.channelMessages(channelId).length;
    const [result] = await h.app.delivery.engine.deliverDate(DATE);
    expect(result?.outcome.status).toBe("posted");
    const inChannel = h.fake.state.channelMessages(channelId).slice(before);
    expect(inChannel).toHaveLength(1);
    const header = inChannel[0]!;
    const thread = h.fake.world.channels.get(header.id);
    expect(thread).toMatchObject({ type: 11, parentId: channelId, name: "Daily Papers · Tue 5 May 2026" });
    const replies = h.fake.state.channelMessages(header.id);
    const urls = replies.map((m) => (m.body.embeds as { url?: string }[])[0]?.url);
    expect(urls).toEqual(["2605.00001", "2605.00002", "2605.00003"].map((id) => `https://huggingface.co/papers/${id}`));
    for (const m of replies) expect((await h.app.deps.posts.lookup("discord", header.id, m.id))?.paperId).toMatch(/^2605\./);
    // The ledger says where each message is: the thread (whose id is the header's), for later edits.
    const key = { platform: "discord" as const, channelId, postDate: DATE };
    expect(await h.app.delivery.ledger.getItem(key, "thread")).toMatchObject({ state: "sent", messageId: header.id });
    expect(await h.app.delivery.ledger.getItem(key, "paper:2605.00001")).toMatchObject({ messageId: replies[0]!.id, channelId: header.id });
    expect((await h.app.delivery.ledger.getItem(key, "header"))?.channelId).toBeUndefined();
    expect(h.fake.state.violations.allowedMentions).toEqual([]);
    expect(h.fake.state.violations.pingEveryone).toEqual([]);

    h.fake.react({ id: replies[1]!.id, channelId: header.id }, { user: h.fake.world.users.alice });
    const saved = await h.fake.waitFor(async () => {
      const list = await bookmarksOf(h.fake.world.users.alice.id);
      return list.length > 0 ? list : undefined;
    });
    expect(saved.map((b) => b.paperId)).toEqual(["2605.00002"]);

    // A discussion on a paper already in a thread (journal club) happens in that thread.
    expect(await h.adapter.startThread!(header.id, replies[0]!.id, "Discuss")).toEqual({ threadId: header.id });

    const again = await h.app.delivery.engine.deliverDate(DATE);
    expect(again[0]?.outcome.status).not.toBe("failed");
    expect(h.fake.state.channelMessages(channelId).slice(before)).toHaveLength(1);
    expect(h.fake.state.channelMessages(header.id)).toHaveLength(3);
    await replyText(h.fake.slash("unsubscribe", {}, { user: mod() }));
  });

  it("a header or thread deleted under a running post stops that post, but never ends the feed", async () => {
    for (const [path, code] of [[/\/messages\/\d+\/threads$/, 10008], [/^\/channels\/\d+\/messages$/, 10003]] as const) {
      const channelId = snowflake();
      h.fake.world.channels.set(channelId, { id: channelId, name: "quiet", type: 0, guildId: h.fake.world.guildId, botCanSend: true });
      const now = new Date().toISOString();
      const feed = { platform: "discord" as const, channelId, time: "09:00", timezone: "UTC", top: 2, minUpvotes: 0, keywords: [], organizations: [], weekend: "skip" as const, subscriberId: mod().id, createdAt: now, activeFrom: now, mode: "thread" as const };
      await h.app.deps.subscriptions!.save(feed);
      // The first reply fails as if the thread were gone (the header itself goes to the parent channel first).
      if (code === 10003) h.fake.failNext("POST", new RegExp(`^/channels/(?!${channelId})\\d+/messages$`), 404, code, "Unknown Channel");
      else h.fake.failNext("POST", path, 404, code, "Unknown Message");
      const results = await h.app.delivery.engine.deliverDate(DATE);
      const mine = results.find((r) => r.channelId === channelId);
      expect(mine?.outcome).toMatchObject({ status: "failed", kind: "permanent", reason: "no_permission" });
      expect(await h.app.deps.subscriptions!.get({ platform: "discord", channelId })).toBeDefined();
      await h.app.deps.subscriptions!.remove({ platform: "discord", channelId });
    }
  });

  it("without Create Public Threads the feed is marked failing (its subscriber is told), never ended", async () => {
    const channelId = snowflake();
    h.fake.world.channels.set(channelId, { id: channelId, name: "no-threads", type: 0, guildId: h.fake.world.guildId, botCanSend: true, botCanCreateThreads: false });
    const now = new Date().toISOString();
    await h.app.deps.subscriptions!.save({ platform: "discord", channelId, time: "09:00", timezone: "UTC", top: 2, minUpvotes: 0, keywords: [], organizations: [], weekend: "skip", subscriberId: mod().id, createdAt: now, activeFrom: now, mode: "thread" });
    const results = await h.app.delivery.engine.deliverDate(DATE);
    expect(results.find((r) => r.channelId === channelId)?.outcome).toMatchObject({ status: "failed", kind: "permanent", reason: "no_permission" });
    expect((await h.app.deps.subscriptions!.getState({ platform: "discord", channelId })).failing).toMatchObject({ notified: true });
    await h.app.deps.subscriptions!.remove({ platform: "discord", channelId });
  });

  it("takes a 🔖 in a thread the client never saw (archived before a restart): partials, ids only", async () => {
    const channelId = h.fake.world.channel.id;
    const threadId = snowflake();
    // Straight into the fake's world: no THREAD_CREATE reaches discord.js, so the thread is not in its cache.
    h.fake.world.channels.set(threadId, { id: threadId, name: "old", type: 11, parentId: channelId, guildId: h.fake.world.guildId, botCanSend: true });
    const messageId = snowflake();
    await h.app.deps.posts.record({ platform: "discord", channelId: threadId, messageId }, { paperId: "2605.00003", postedAt: new Date().toISOString() });
    const alice = h.fake.world.users.alice;
    expect(h.fake.react({ id: messageId, channelId: threadId }, { user: alice })).toBe(true);
    await h.fake.waitFor(async () => (await bookmarksOf(alice.id)).some((b) => b.paperId === "2605.00003") || undefined);
    // Exactly once, although discord.js saw the packet too.
    expect(h.seen.reactions.filter((r) => r.messageId === messageId)).toHaveLength(1);
  });
});

describe("forum mode", () => {
  const postsIn = (forumId: string) => [...h.fake.world.channels.values()].filter((c) => c.type === 11 && c.parentId === forumId);

  it("refuses the wrong mode for the channel, in plain words, and saves nothing", async () => {
    const forum = h.fake.addForum({ tags: [] });
    expect(await replyText(h.fake.slash("subscribe", { mode: "forum" }, { user: mod() }))).toMatch(/isn't a forum channel/);
    expect(await replyText(h.fake.slash("subscribe", { mode: "thread" }, { user: mod(), channelId: forum.id }))).toMatch(/forum channel takes only posts/);
    expect(await replyText(h.fake.slash("subscribe", { mode: "messages" }, { user: mod(), channelId: forum.id }))).toMatch(/mode=forum/);
    expect(await h.app.deps.subscriptions!.list()).toEqual([]);
  });

  it("makes one post per paper with its title and card, tagged from the forum's existing tags only when it may not add any", async () => {
    const forum = h.fake.addForum({ tags: ["NVIDIA", "diffusion", "Other"], botCanManage: false });
    expect(await replyText(h.fake.slash("subscribe", { top: 3, mode: "forum" }, { user: mod(), channelId: forum.id }))).toMatch(/Posting mode: forum/);
    const [result] = await h.app.delivery.engine.deliverDate(DATE);
    expect(result?.outcome.status).toBe("posted");
    const posts = postsIn(forum.id);
    expect(posts).toHaveLength(3);
    const [nvidia, diffusion] = forum.availableTags ?? [];
    expect(forum.availableTags?.map((t) => t.name)).toEqual(["NVIDIA", "diffusion", "Other"]);
    expect(posts[0]).toMatchObject({ name: "Diffusion for robots", appliedTags: [nvidia?.id, diffusion?.id] });
    const hostile = posts[1]!;
    expect([...hostile.name].length).toBeLessThanOrEqual(100);
    expect(hostile.name).not.toContain("@everyone");
    expect(hostile.appliedTags).toEqual([]);
    for (const p of posts) {
      const starter = h.fake.state.messages.get(p.id);
      expect(starter?.channelId).toBe(p.id);
      expect((await h.app.deps.posts.lookup("discord", p.id, p.id))?.paperId).toMatch(/^2605\./);
    }
    expect(h.fake.state.violations.allowedMentions).toEqual([]);
    expect(h.fake.state.violations.pingEveryone).toEqual([]);

    expect(await h.adapter.startThread!(posts[0]!.id, posts[0]!.id, "Discuss")).toEqual({ threadId: posts[0]!.id });
    // 🔖 on a forum post's starter message.
    const bob = h.fake.world.users.mod;
    h.fake.react({ id: posts[2]!.id, channelId: posts[2]!.id }, { user: bob });
    await h.fake.waitFor(async () => (await bookmarksOf(bob.id)).some((b) => b.paperId === "2605.00003") || undefined);

    // A second pass posts nothing new.
    await h.app.delivery.engine.deliverDate(DATE);
    expect(postsIn(forum.id)).toHaveLength(3);
    await replyText(h.fake.slash("unsubscribe", {}, { user: mod(), channelId: forum.id }));
  });

  it("adds the missing tags when it may manage the forum, keeping every tag already there", async () => {
    const forum = h.fake.addForum({ tags: ["Mine", "nvidia"], botCanManage: true });
    const mine = forum.availableTags?.[0]?.id;
    // A person adds a tag that the bot's cache never hears of (as if another instance or an admin just did).
    forum.availableTags?.push({ id: snowflake(), name: "Person's", moderated: false, emoji_id: null, emoji_name: null });
    // Typed inside a post of the forum: the feed is the forum's.
    const post = await fetchForumPost(forum.id);
    expect(await replyText(h.fake.slash("subscribe", { top: 3 }, { user: mod(), channelId: post }))).toMatch(/Posting mode: forum/);
    expect((await h.app.deps.subscriptions!.list()).map((s) => s.channelId)).toEqual([forum.id]);
    await h.app.delivery.engine.deliverDate(DATE);
    const names = forum.availableTags?.map((t) => t.name);
    expect(names).toEqual(["Mine", "nvidia", "Person's", "Diffusion", "robotics", "agents"]);
    expect(forum.availableTags?.[0]?.id).toBe(mine);
    const posts = postsIn(forum.id).filter((p) => p.id !== post);
    const tagName = (id: string) => forum.availableTags?.find((t) => t.id === id)?.name;
    expect(posts[0]?.appliedTags?.map(tagName)).toEqual(["nvidia", "Diffusion", "robotics"]);
    expect(posts[1]?.appliedTags?.map(tagName)).toEqual(["agents"]);
  });
});

describe("forum mode, exactly once", () => {
  it("a forum post whose answer is lost (a 5xx after it was stored, the post archived at once) is found, not posted again", async () => {
    const forum = h.fake.addForum({ tags: [] });
    const now = new Date().toISOString();
    const feed = { platform: "discord" as const, channelId: forum.id, time: "09:00", timezone: "UTC", top: 3, minUpvotes: 0, keywords: [], organizations: [], weekend: "skip" as const, subscriberId: mod().id, createdAt: now, activeFrom: now, mode: "forum" as const };
    await h.app.deps.subscriptions!.save(feed);
    h.fake.faultAfterWrite({
      match: (r) => r.route === `POST /channels/${forum.id}/threads` && JSON.stringify(r.body).includes("2605.00002"),
      fault: 500,
      // Archived before anyone looks: only the forum's archived posts show it now.
      onStrike: () => {
        const newest = [...h.fake.world.channels.values()].filter((c) => c.parentId === forum.id).at(-1);
        if (newest) newest.archivedAt = new Date().toISOString();
      },
    });
    const results = await h.app.delivery.engine.deliverDate(DATE);
    expect(results.find((r) => r.channelId === forum.id)?.outcome).toMatchObject({ status: "posted", sent: 2, reconciled: 1 });
    const posts = [...h.fake.world.channels.values()].filter((c) => c.type === 11 && c.parentId === forum.id);
    expect(posts).toHaveLength(3);
    for (const p of posts) expect((await h.app.deps.posts.lookup("discord", p.id, p.id))?.paperId).toMatch(/^2605\./);
    await h.app.deps.subscriptions!.remove({ platform: "discord", channelId: forum.id });
  });
});

describe("journal club in every mode", () => {
  it("the 3rd 🔖 on a paper in the day's thread, or on a forum post, opens the discussion right there, once", async () => {
    const readers = Array.from({ length: 3 }, (_, i) => ({ id: snowflake(), username: `reader${i}`, bot: false, permissions: h.fake.world.users.alice.permissions }));
    const channelId = snowflake();
    h.fake.world.channels.set(channelId, { id: channelId, name: "club", type: 0, guildId: h.fake.world.guildId, botCanSend: true });
    const forum = h.fake.addForum({ tags: [] });
    const now = new Date().toISOString();
    const base = { platform: "discord" as const, time: "09:00", timezone: "UTC", top: 2, minUpvotes: 0, keywords: [], organizations: [], weekend: "skip" as const, subscriberId: mod().id, createdAt: now, activeFrom: now };
    await h.app.deps.subscriptions!.save({ ...base, channelId, mode: "thread" });
    await h.app.deps.subscriptions!.save({ ...base, channelId: forum.id, mode: "forum" });
    await h.app.delivery.engine.deliverDate(DATE);
    const header = h.fake.state.channelMessages(channelId)[0]!;
    const inThread = h.fake.state.channelMessages(header.id)[0]!;
    const post = [...h.fake.world.channels.values()].find((c) => c.type === 11 && c.parentId === forum.id)!;
    for (const target of [{ channelId: header.id, id: inThread.id }, { channelId: post.id, id: post.id }]) {
      const before = h.fake.state.channelMessages(target.channelId).length;
      for (const user of readers) h.fake.react(target, { user });
      const club = await h.fake.waitFor(() => h.fake.state.channelMessages(target.channelId).slice(before).find((m) => JSON.stringify(m.body).includes("saved this")));
      expect(JSON.stringify(club.body)).toMatch(/3 people saved this/);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.fake.state.channelMessages(target.channelId)).toHaveLength(before + 1);
    }
    // Nothing new in the parent channel: the discussion stayed in the thread.
    expect(h.fake.state.channelMessages(channelId)).toHaveLength(1);
  });

  it("a thread follows its channel's /paper club setting (set on the channel, not on each day's thread)", async () => {
    const readers = Array.from({ length: 2 }, (_, i) => ({ id: snowflake(), username: `fan${i}`, bot: false, permissions: h.fake.world.users.alice.permissions }));
    const channelId = snowflake();
    h.fake.world.channels.set(channelId, { id: channelId, name: "club-two", type: 0, guildId: h.fake.world.guildId, botCanSend: true });
    const now = new Date().toISOString();
    await h.app.deps.subscriptions!.save({ platform: "discord", channelId, time: "09:00", timezone: "UTC", top: 1, minUpvotes: 0, keywords: [], organizations: [], weekend: "skip", subscriberId: mod().id, createdAt: now, activeFrom: now, mode: "thread" });
    expect(await replyText(h.fake.slash("club", { people: "2" }, { user: mod(), channelId }))).toMatch(/2/);
    await h.app.delivery.engine.deliverDate(DATE);
    const header = h.fake.state.channelMessages(channelId)[0]!;
    const paper = h.fake.state.channelMessages(header.id)[0]!;
    for (const user of readers) h.fake.react({ channelId: header.id, id: paper.id }, { user });
    const club = await h.fake.waitFor(() => h.fake.state.channelMessages(header.id).find((m) => JSON.stringify(m.body).includes("saved this")));
    expect(JSON.stringify(club.body)).toMatch(/2 people saved this/);
  });
});

/** A post in the forum made by someone else, to type a command in. */
async function fetchForumPost(forumId: string): Promise<string> {
  const res = await fetch(`${h.fake.apiUrl}/v10/channels/${forumId}/threads`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bot ${h.fake.token}` },
    body: JSON.stringify({ name: "Settings here", message: { content: "hello", allowed_mentions: { parse: [] } } }),
  });
  return String(((await res.json()) as { id: string }).id);
}
