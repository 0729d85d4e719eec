// Journal club on Discord end to end (REAL discord.js Client, fake Discord, SQLite store): the 3rd distinct 🔖 on a
// paper message starts exactly one thread from it, named after the paper (≤ 100 characters), with the club message
// in it and no pings; fewer, repeated, removed or later 🔖 open nothing new — also after a restart. /paper club
// changes the threshold (admins only). A paper message already inside a thread or a forum post gets a reply there.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUB_FRAGMENT, MAX_DISCUSSION_TITLE } from "../../../src/format/club.js";
import { paperCard } from "../../../src/format/paper-card.js";
import type { PostedRef } from "../../../src/ports.js";
import { snowflake, type FakeUser } from "../../fakes/fake-discord-model.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { makeDailyItem, type JsonObject } from "../../fixtures/hf/index.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let fake: FakeDiscord;
let hf: FakeHf;
let dir: string;
let h: DiscordHarness;
let readers: FakeUser[];

const HOSTILE_ID = "2603.99990";
const HOSTILE_TITLE = `@everyone <@&123456789012345678> ${"Attention Is All You Need, Again and Again ".repeat(4)}`;

beforeAll(async () => {
  [fake, hf] = await Promise.all([createFakeDiscord({ heartbeatIntervalMs: 1000 }), createFakeHf()]);
  hf.setPaper(HOSTILE_ID, makeDailyItem({ id: HOSTILE_ID, title: HOSTILE_TITLE }).paper as JsonObject);
  dir = await mkdtemp(join(tmpdir(), "paperboy-club-"));
  h = await start();
  readers = Array.from({ length: 6 }, (_, i) => ({ id: snowflake(), username: `reader${i}`, bot: false, permissions: fake.world.users.alice.permissions }));
});
afterAll(async () => {
  await h?.close();
  await Promise.all([fake?.close(), hf?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const start = () => startDiscordHarness({ reuse: { fake, hf }, storeUrl: `sqlite://${join(dir, "store.sqlite")}` });
const settle = () => new Promise((r) => setTimeout(r, 200));

async function postPaper(id: string, channelId = fake.world.channel.id): Promise<PostedRef> {
  const paper = await h.app.deps.papers.paper(id);
  return h.app.deps.publish("discord", channelId, paperCard(paper));
}

/** `user` 🔖s the message; resolves once the bookmark is stored (the club counts right after). */
async function save(ref: PostedRef, user: FakeUser, paperId: string): Promise<void> {
  fake.react({ id: ref.messageId, channelId: ref.channelId }, { user });
  await fake.waitFor(() => h.app.deps.bookmarks.has({ platform: "discord", userId: user.id }, paperId));
}

async function unsave(ref: PostedRef, user: FakeUser, paperId: string): Promise<void> {
  fake.react({ id: ref.messageId, channelId: ref.channelId }, { user, added: false });
  await fake.waitFor(async () => !(await h.app.deps.bookmarks.has({ platform: "discord", userId: user.id }, paperId)));
}

/** Messages in the thread started from the paper message (none when there is no thread). */
const threadMessages = (ref: PostedRef) => (fake.world.channels.has(ref.messageId) ? fake.state.channelMessages(ref.messageId) : []);
const threadStarts = () => fake.state.requests.filter((r) => r.method === "POST" && /\/messages\/\d+\/threads$/.test(r.path) && r.status === 201).length;
const embedOf = (m: { body: Record<string, unknown> }) => (m.body.embeds as { url?: string; title?: string; description?: string }[] | undefined)?.[0];

async function setClub(people: string, user: FakeUser = fake.world.users.mod): Promise<string> {
  const rec = fake.slash("club", people === "" ? {} : { people }, { user });
  const { original, followUps } = await fake.settled(rec);
  const msg = followUps[0] ?? original;
  return String(msg?.body.content ?? JSON.stringify(msg?.body.embeds ?? ""));
}

describe("Discord journal club", () => {
  it("opens exactly one thread at the 3rd distinct 🔖 — repeats and removed 🔖 don't count, a 4th adds nothing", async () => {
    const ref = await postPaper(HOSTILE_ID);
    const [a, b, c, d] = readers as [FakeUser, FakeUser, FakeUser, FakeUser];
    await save(ref, a, HOSTILE_ID);
    await save(ref, a, HOSTILE_ID); // the same person twice counts once
    await save(ref, b, HOSTILE_ID);
    await unsave(ref, b, HOSTILE_ID); // a removed 🔖 removes the person
    await save(ref, c, HOSTILE_ID);
    // paperboy's own 🔖 (seeded on every paper message) never counts.
    expect(fake.state.messages.get(ref.messageId)?.botReactions.has("🔖")).toBe(true);
    await settle();
    expect(fake.world.channels.has(ref.messageId)).toBe(false);

    const starts = threadStarts();
    await save(ref, d, HOSTILE_ID);
    const [club] = await fake.waitFor(() => (threadMessages(ref).length > 0 ? threadMessages(ref) : undefined));
    const thread = fake.world.channels.get(ref.messageId);
    expect(thread?.parentId).toBe(fake.world.channel.id);
    expect(thread?.name.length).toBeLessThanOrEqual(MAX_DISCUSSION_TITLE);
    expect(thread?.name.startsWith("@everyone")).toBe(true);
    expect(embedOf(club!)?.description).toContain("3 people saved this — discuss here");
    expect(embedOf(club!)?.url).toBe(`https://huggingface.co/papers/${HOSTILE_ID}#${CLUB_FRAGMENT}`);
    expect(club?.body.allowed_mentions).toEqual({ parse: [] });
    expect(threadStarts()).toBe(starts + 1);

    await save(ref, b, HOSTILE_ID);
    await settle();
    expect(threadMessages(ref)).toHaveLength(1);
    expect(threadStarts()).toBe(starts + 1);
    expect(fake.state.violations).toEqual({ allowedMentions: [], pingEveryone: [] });
  });

  it("after a restart (new client, same store) a 🔖 opens nothing new", async () => {
    const ref = await postPaper("2603.90001");
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90001");
    await fake.waitFor(() => threadMessages(ref).length === 1);
    const starts = threadStarts();
    await h.stopBot();
    h = await start();
    await save(ref, readers[4]!, "2603.90001");
    await settle();
    expect(threadMessages(ref)).toHaveLength(1);
    expect(threadStarts()).toBe(starts);
  });

  it("/paper club shows and changes the threshold: admins only, 0–25 in plain words", async () => {
    expect(await setClub("")).toMatch(/when 3 people 🔖 the same paper here.*\(the default\)/);
    expect(await setClub("2", fake.world.users.alice)).toMatch(/Only channel admins can change the journal club/);
    expect(await setClub("26")).toMatch(/"26" isn't a number of people\. Give a whole number from 0 to 25/);
    expect(await setClub("two")).toMatch(/isn't a number of people/);
    expect(await setClub("off")).toMatch(/Journal club is now off/);
    expect(await setClub("", fake.world.users.alice)).toMatch(/Journal club is off in this channel/);
  });

  it("K = 0 (off) never opens a thread", async () => {
    const ref = await postPaper("2603.90002");
    for (const r of readers.slice(0, 5)) await save(ref, r, "2603.90002");
    await settle();
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
  });

  it("K = 2 set with the command opens the thread at the 2nd 🔖", async () => {
    expect(await setClub("2")).toMatch(/when 2 people 🔖 the same paper here/);
    const ref = await postPaper("2603.90003");
    await save(ref, readers[0]!, "2603.90003");
    await settle();
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
    await save(ref, readers[1]!, "2603.90003");
    const [club] = await fake.waitFor(() => (threadMessages(ref).length > 0 ? threadMessages(ref) : undefined));
    expect(embedOf(club!)?.description).toContain("2 people saved this — discuss here");
  });

  it("a paper message inside a thread gets the club message as a reply there (threads don't nest)", async () => {
    const header = await h.adapter.post(fake.world.channel.id, { title: "Daily papers", blocks: [], fallbackText: "Daily papers" });
    const res = await fetch(`${fake.apiUrl}/v10/channels/${fake.world.channel.id}/messages/${header.messageId}/threads`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
      body: JSON.stringify({ name: "Daily papers" }),
    });
    expect(res.status).toBe(201);
    const threadId = header.messageId;
    await fake.waitFor(() => fake.world.channels.has(threadId));
    const ref = await postPaper("2603.90004", threadId);
    // A channel of its own: the default threshold (3) applies in it.
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90004");
    const reply = await fake.waitFor(() => fake.state.channelMessages(threadId).find((m) => embedOf(m)?.url?.endsWith(CLUB_FRAGMENT)));
    expect(reply.body.message_reference).toMatchObject({ message_id: ref.messageId });
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
    await save(ref, readers[3]!, "2603.90004");
    await settle();
    expect(fake.state.channelMessages(threadId).filter((m) => embedOf(m)?.url?.endsWith(CLUB_FRAGMENT))).toHaveLength(1);
  });

  it("a forum post gets the club message as a reply to its starter message", async () => {
    const forum = fake.addForum();
    const res = await fetch(`${fake.apiUrl}/v10/channels/${forum.id}/threads`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
      body: JSON.stringify({ name: "A paper", message: { content: "card", allowed_mentions: { parse: [] } } }),
    });
    const postId = String(((await res.json()) as { id: string }).id);
    // What the forum posting mode records: the post (a thread) is the channel, its starter message shares its id.
    const ref = { platform: "discord" as const, channelId: postId, messageId: postId };
    await h.app.deps.posts.record(ref, { paperId: "2603.90005", postedAt: new Date().toISOString() });
    await fake.waitFor(() => fake.world.channels.has(postId));
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90005");
    const reply = await fake.waitFor(() => fake.state.channelMessages(postId).find((m) => embedOf(m)?.url?.endsWith(CLUB_FRAGMENT)));
    expect(reply.body.message_reference).toMatchObject({ message_id: postId });
  });

  it("a 🔖 in a thread discord.js never saw (no THREAD_CREATE) still counts", async () => {
    const threadId = snowflake();
    fake.world.channels.set(threadId, { id: threadId, name: "old papers", type: 11, parentId: fake.world.channel.id, guildId: fake.world.guildId, botCanSend: true });
    const res = await fetch(`${fake.apiUrl}/v10/channels/${threadId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
      body: JSON.stringify({ content: "a paper", allowed_mentions: { parse: [] } }),
    });
    const ref = { platform: "discord" as const, channelId: threadId, messageId: String(((await res.json()) as { id: string }).id) };
    await h.app.deps.posts.record(ref, { paperId: "2603.90007", postedAt: new Date().toISOString() });
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90007");
    const reply = await fake.waitFor(() => fake.state.channelMessages(threadId).find((m) => embedOf(m)?.url?.endsWith(CLUB_FRAGMENT)));
    expect(reply.body.message_reference).toMatchObject({ message_id: ref.messageId });
  });

  it("no permission to start threads: logged once, recorded, not retried on every 🔖", async () => {
    fake.world.channel.botCanCreateThreads = false;
    try {
      const ref = await postPaper("2603.90006");
      for (const r of readers.slice(0, 4)) await save(ref, r, "2603.90006");
      await settle();
      expect(fake.world.channels.has(ref.messageId)).toBe(false);
      const refused = h.logs.filter((l) => /journal club: the platform refused/.test(l.msg));
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ reason: "no_permission", paperId: "2603.90006" });
      const record = await h.app.store.namespace("club").get(`discord:${fake.world.channel.id}:2603.90006`);
      expect(record).toMatchObject({ state: "failed", reason: "no_permission" });
    } finally {
      fake.world.channel.botCanCreateThreads = true;
    }
  });
});
