// End to end: 🔖 on a paper message paperboy posted bookmarks it for the reacting user, removing the reaction
// un-bookmarks it; other emoji, bots, unrecorded messages are ignored. It keeps working for a message posted
// before a restart (not in the new client's cache; same persisted store) and across a gateway resume.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paperCard } from "../../../src/format/paper-card.js";
import type { PostedRef } from "../../../src/ports.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let fake: FakeDiscord;
let hf: FakeHf;
let dir: string;
let h: DiscordHarness;

beforeAll(async () => {
  [fake, hf] = await Promise.all([createFakeDiscord({ heartbeatIntervalMs: 1000 }), createFakeHf()]);
  dir = await mkdtemp(join(tmpdir(), "paperboy-discord-"));
  h = await startDiscordHarness({ reuse: { fake, hf }, storeUrl: `sqlite://${join(dir, "store.sqlite")}` });
});
afterAll(async () => {
  await h?.close();
  await Promise.all([fake?.close(), hf?.close()]);
  await rm(dir, { recursive: true, force: true });
});

async function postPaper(id: string): Promise<PostedRef> {
  const paper = await h.app.deps.papers.paper(id);
  return h.app.deps.publish("discord", fake.world.channel.id, paperCard(paper));
}

const owner = (userId: string) => ({ platform: "discord" as const, userId });
const hasBookmark = (userId: string, paperId: string) => h.app.deps.bookmarks.has(owner(userId), paperId);
const message = (ref: PostedRef) => ({ id: ref.messageId, channelId: ref.channelId });

describe("Discord adapter: 🔖 reactions", () => {
  it("bookmarks on 🔖 and un-bookmarks when the reaction is removed", async () => {
    const ref = await postPaper("2509.04664");
    const alice = fake.world.users.alice.id;
    expect(fake.react(message(ref))).toBe(true);
    await fake.waitFor(async () => hasBookmark(alice, "2509.04664"));
    await fake.waitFor(() => h.seen.reactions.length === 1);
    expect(await hasBookmark(alice, "2509.04664")).toBe(true);
    fake.react(message(ref), { added: false });
    await fake.waitFor(() => h.seen.reactions.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(await hasBookmark(alice, "2509.04664")).toBe(false);
  });

  it("ignores other emoji, other bots, and messages paperboy did not record", async () => {
    const ref = await postPaper("2509.04664");
    const before = h.seen.reactions.length;
    fake.react(message(ref), { emoji: "👍" });
    fake.react(message(ref), { user: fake.world.users.otherBot });
    const header = await h.adapter.post(fake.world.channel.id, { title: "Header", blocks: [], fallbackText: "Header" });
    fake.react({ id: header.messageId, channelId: header.channelId }, { user: fake.world.users.mod });
    await fake.waitFor(() => h.seen.reactions.length === before + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.seen.reactions.length).toBe(before + 1);
    expect(await hasBookmark(fake.world.users.otherBot.id, "2509.04664")).toBe(false);
    expect((await h.app.deps.bookmarks.list(owner(fake.world.users.mod.id))).length).toBe(0);
    // A header is not a paper message: paperboy does not put its 🔖 on it.
    expect(fake.state.messages.get(header.messageId)?.botReactions.size).toBe(0);
  });

  it("still counts 🔖 after a gateway resume", async () => {
    const ref = await postPaper("2509.04664");
    fake.gateway.requestReconnect();
    await fake.waitFor(() => fake.gateway.resumes === 1 && fake.gateway.connected());
    fake.react(message(ref), { user: fake.world.users.mod });
    await fake.waitFor(async () => hasBookmark(fake.world.users.mod.id, "2509.04664"));
    expect(await hasBookmark(fake.world.users.mod.id, "2509.04664")).toBe(true);
    await h.app.deps.bookmarks.remove(owner(fake.world.users.mod.id), "2509.04664");
  });

  it("counts 🔖 on a message posted before a restart (uncached, same store)", async () => {
    const ref = await postPaper("2509.04664");
    await h.stopBot();
    expect(h.adapter.isReady()).toBe(false);
    h = await startDiscordHarness({ reuse: { fake, hf }, storeUrl: `sqlite://${join(dir, "store.sqlite")}` });
    const carol = fake.world.users.mod.id;
    fake.react(message(ref), { user: fake.world.users.mod });
    await fake.waitFor(() => h.seen.reactions.length === 1);
    await fake.waitFor(async () => hasBookmark(carol, "2509.04664"));
    expect(await hasBookmark(carol, "2509.04664")).toBe(true);
    expect(fake.gateway.identifies).toHaveLength(2);
  });
});
