// Journal club exactly once across instances and crashes: two bots (REAL discord.js Clients) on one Redis store see
// every 🔖 of the same fake Discord, so both see the 3rd at once — exactly one thread and one club message. A crash
// after the claim (lease held, record pending, nothing opened) is finished by a later 🔖 or by the sweep once the
// claim expires; a crash after opening (thread and message there, record still pending) opens nothing again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUB_FRAGMENT, clubMessage, discussionTitle } from "../../../src/format/club.js";
import { paperCard } from "../../../src/format/paper-card.js";
import type { PostedRef } from "../../../src/ports.js";
import { clubLeaseKey, createClubRepo, type ClubKey } from "../../../src/store/club.js";
import { snowflake, type FakeUser } from "../../fakes/fake-discord-model.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { startStoreServer, type StoreServer } from "../../support/store-servers.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let fake: FakeDiscord;
let hf: FakeHf;
let redis: StoreServer;
let a: DiscordHarness;
let b: DiscordHarness;
let readers: FakeUser[];

beforeAll(async () => {
  [fake, hf, redis] = await Promise.all([createFakeDiscord({ heartbeatIntervalMs: 1000 }), createFakeHf(), startStoreServer("redis")]);
  a = await startDiscordHarness({ reuse: { fake, hf }, storeUrl: redis.url });
  b = await startDiscordHarness({ reuse: { fake, hf }, storeUrl: redis.url });
  readers = Array.from({ length: 6 }, (_, i) => ({ id: snowflake(), username: `reader${i}`, bot: false, permissions: fake.world.users.alice.permissions }));
});
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await Promise.all([fake?.close(), hf?.close()]);
  await redis?.stop();
});

const settle = () => new Promise((r) => setTimeout(r, 200));
const clubMessages = (channelId: string) => fake.state.channelMessages(channelId).filter((m) => ((m.body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? "").endsWith(CLUB_FRAGMENT));
const threadStarts = (messageId: string) => fake.state.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/messages/${messageId}/threads`)).length;

async function postPaper(id: string): Promise<PostedRef> {
  return a.app.deps.publish("discord", fake.world.channel.id, paperCard(await a.app.deps.papers.paper(id)));
}

/** `user` 🔖s the message; both bots store the bookmark (the same record) and count the saver. */
async function save(ref: PostedRef, user: FakeUser, paperId: string): Promise<void> {
  const before = [a.seen.reactions.length, b.seen.reactions.length];
  fake.react({ id: ref.messageId, channelId: ref.channelId }, { user });
  await fake.waitFor(() => a.seen.reactions.length > before[0]! && b.seen.reactions.length > before[1]!);
  await fake.waitFor(() => a.app.deps.bookmarks.has({ platform: "discord", userId: user.id }, paperId));
}

describe("Discord journal club across instances and crashes", () => {
  it("two bots seeing the 3rd 🔖 at once open exactly one thread with one club message", async () => {
    const ref = await postPaper("2603.90011");
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90011");
    await fake.waitFor(() => clubMessages(ref.messageId).length > 0);
    await settle();
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    expect(fake.world.channels.get(ref.messageId)?.type).toBe(11);
    // One start request at all: the claim kept the other bot away (not Discord's 160004 or the nonce).
    expect(threadStarts(ref.messageId)).toBe(1);
    await save(ref, readers[3]!, "2603.90011");
    await settle();
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    const opened = [...a.logs, ...b.logs].filter((l) => l.msg === "journal club: discussion opened" && l.paperId === "2603.90011");
    expect(opened).toHaveLength(1);
  });

  it("claimed but not opened (a crashed opener): a later 🔖 takes the expired claim over and opens it once", async () => {
    const ref = await postPaper("2603.90012");
    const key: ClubKey = { platform: "discord", channelId: ref.channelId, paperId: "2603.90012" };
    const repo = createClubRepo(a.app.store);
    for (const r of readers.slice(0, 3)) await repo.addSaver(key, r.id);
    // What a process leaves when it dies right after claiming: its lease (short here) and a pending record.
    expect(await a.app.store.leases.tryAcquire(clubLeaseKey(key), "crashed-instance", 300)).toBe(true);
    await repo.write(key, { state: "pending", messageId: ref.messageId, savers: 3, at: new Date().toISOString() }, Date.now() + 300);
    await save(ref, readers[3]!, "2603.90012"); // while the claim holds: nothing, the claimant may still finish
    await settle();
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    await save(ref, readers[4]!, "2603.90012");
    await fake.waitFor(() => clubMessages(ref.messageId).length > 0);
    await settle();
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    expect(threadStarts(ref.messageId)).toBe(1);
    expect(await repo.record(key)).toMatchObject({ state: "done", messageId: ref.messageId });
  });

  it("claimed but not opened, and no 🔖 comes: the scheduler's sweep opens it after the claim expires", async () => {
    const ref = await postPaper("2603.90013");
    const key: ClubKey = { platform: "discord", channelId: ref.channelId, paperId: "2603.90013" };
    const repo = createClubRepo(a.app.store);
    expect(await a.app.store.leases.tryAcquire(clubLeaseKey(key), "crashed-instance", 200)).toBe(true);
    await repo.write(key, { state: "pending", messageId: ref.messageId, savers: 3, at: new Date().toISOString() }, Date.now() + 200);
    await a.app.deps.club?.sweep();
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    await Promise.all([a.app.deps.club?.sweep(), b.app.deps.club?.sweep()]);
    await fake.waitFor(() => clubMessages(ref.messageId).length > 0);
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    expect(embedText(clubMessages(ref.messageId)[0])).toContain("3 people saved this — discuss here");
    expect(await repo.record(key)).toMatchObject({ state: "done" });
    expect(await a.app.deps.club?.sweep()).toBe(0);
  });

  it("opened but not recorded (a crash after the thread and message were posted): no second thread or message", async () => {
    const ref = await postPaper("2603.90014");
    const key: ClubKey = { platform: "discord", channelId: ref.channelId, paperId: "2603.90014" };
    const repo = createClubRepo(a.app.store);
    const paper = await a.app.deps.papers.paper("2603.90014");
    await repo.write(key, { state: "pending", messageId: ref.messageId, savers: 3, at: new Date().toISOString() }, Date.now());
    // The crashed process got this far: thread started and club message posted, record still pending.
    await a.adapter.openDiscussion!(ref.channelId, ref.messageId, clubMessage(paper, 3), { title: discussionTitle(paper), paperId: paper.id });
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    // Past Discord's nonce window, so only reading the thread back can prevent a duplicate.
    fake.state.expireNonces([ref.messageId]);
    for (const r of readers.slice(0, 3)) await save(ref, r, "2603.90014");
    await fake.waitFor(async () => (await repo.record(key))?.state === "done");
    await settle();
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    expect(threadStarts(ref.messageId)).toBe(2); // the retry's start was answered 160004: the thread was there
    expect(fake.state.channelMessages(ref.messageId)).toHaveLength(1);
  });

  it("thread started but the club message never posted: the retry posts it once, in the existing thread", async () => {
    const ref = await postPaper("2603.90015");
    const key: ClubKey = { platform: "discord", channelId: ref.channelId, paperId: "2603.90015" };
    const repo = createClubRepo(a.app.store);
    await repo.write(key, { state: "pending", messageId: ref.messageId, savers: 3, at: new Date().toISOString() }, Date.now());
    const res = await fetch(`${fake.apiUrl}/v10/channels/${ref.channelId}/messages/${ref.messageId}/threads`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
      body: JSON.stringify({ name: "crashed" }),
    });
    expect(res.status).toBe(201);
    await b.app.deps.club?.sweep();
    await fake.waitFor(() => clubMessages(ref.messageId).length > 0);
    await settle();
    expect(clubMessages(ref.messageId)).toHaveLength(1);
    expect(await repo.record(key)).toMatchObject({ state: "done" });
  });

  it("a pending discussion whose paper message was deleted ends as failed (channel_gone), with nothing posted", async () => {
    const ref = await postPaper("2603.90016");
    const key: ClubKey = { platform: "discord", channelId: ref.channelId, paperId: "2603.90016" };
    const repo = createClubRepo(a.app.store);
    await repo.write(key, { state: "pending", messageId: ref.messageId, savers: 3, at: new Date().toISOString() }, Date.now());
    fake.state.messages.delete(ref.messageId);
    await a.app.deps.club?.sweep();
    expect(await repo.record(key)).toMatchObject({ state: "failed", reason: "channel_gone" });
    expect(fake.world.channels.has(ref.messageId)).toBe(false);
    expect(await a.app.deps.club?.sweep()).toBe(0);
  });
});

function embedText(m: { body: Record<string, unknown> } | undefined): string {
  return (m?.body.embeds as { description?: string }[] | undefined)?.[0]?.description ?? "";
}
