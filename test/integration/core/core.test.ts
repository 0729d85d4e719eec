// The platform-neutral core end to end (real commands, real HF client against the fake HF, memory store):
// buttons, reactions and error mapping as any adapter sees them through the BotCore port.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../../src/message.js";
import type { Caller, ChatAdapter, PostedRef } from "../../../src/ports.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";

const alice: Caller = { platform: "slack", userId: "U_ALICE", channelId: "C_PAPERS", isAdmin: () => Promise.resolve(false) };
const text = (m: OutgoingMessage[]) => m.map((x) => x.fallbackText).join("\n");

/** A recording ChatAdapter at the port: what the core asked to post, and where. */
function recordingAdapter(): ChatAdapter & { sent: { channelId: string; message: OutgoingMessage }[] } {
  const sent: { channelId: string; message: OutgoingMessage }[] = [];
  return {
    platform: "slack",
    sent,
    isReady: () => true,
    start: async () => {},
    stop: async () => {},
    async post(channelId, message): Promise<PostedRef> {
      sent.push({ channelId, message });
      return { platform: "slack", channelId, messageId: `1700000000.00000${sent.length}` };
    },
  };
}

let hf: FakeHf;
let app: TestCore;
beforeAll(async () => {
  hf = await createFakeHf();
});
afterAll(() => hf.close());
afterEach(async () => {
  hf.clearFaults();
  await app.close();
});

describe("core", () => {
  it("Post to channel posts the card publicly and records it so 🔖 bookmarks it", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    const adapter = recordingAdapter();
    app.registerAdapter(adapter);
    const reply = await app.core.runAction({ caller: alice, action: { kind: "post", paperId: "2509.04664" } });
    expect(text(reply.messages)).toMatch(/Posted “Why Language Models Hallucinate”/);
    expect(adapter.sent).toHaveLength(1);
    expect(adapter.sent[0]!.message.ref?.paperId).toBe("2509.04664");

    const messageId = "1700000000.000001";
    await app.core.handleReaction({ platform: "slack", channelId: "C_PAPERS", messageId, userId: "U_BOB", emoji: "bookmark", added: true });
    const bobs = await app.deps.bookmarks.list({ platform: "slack", userId: "U_BOB" });
    expect(bobs.map((b) => b.paperId)).toEqual(["2509.04664"]);

    await app.core.handleReaction({ platform: "slack", channelId: "C_PAPERS", messageId, userId: "U_BOB", emoji: "bookmark", added: false });
    expect(await app.deps.bookmarks.list({ platform: "slack", userId: "U_BOB" })).toEqual([]);
  });

  it("ignores other emoji, unrecorded messages and repeated event ids", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    await app.deps.posts.record({ platform: "slack", channelId: "C1", messageId: "1.1" }, { paperId: "2509.04664", postedAt: "" });
    const base = { platform: "slack" as const, channelId: "C1", messageId: "1.1", userId: "U1", added: true };
    await app.core.handleReaction({ ...base, emoji: "thumbsup" });
    await app.core.handleReaction({ ...base, messageId: "9.9", emoji: "bookmark" });
    expect(await app.deps.bookmarks.list({ platform: "slack", userId: "U1" })).toEqual([]);

    await app.core.handleReaction({ ...base, emoji: "bookmark", eventId: "Ev1" });
    await app.core.handleReaction({ ...base, emoji: "bookmark", added: false, eventId: "Ev2" });
    // Slack retries Ev1: it must not re-add what Ev2 removed.
    await app.core.handleReaction({ ...base, emoji: "bookmark", eventId: "Ev1" });
    expect(await app.deps.bookmarks.list({ platform: "slack", userId: "U1" })).toEqual([]);
  });

  it("saves a 🔖 even while Hugging Face is down (nothing the user saved is lost)", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    await app.deps.posts.record({ platform: "discord", channelId: "1", messageId: "2" }, { paperId: "2511.99999", postedAt: "" });
    hf.setFault("/api/papers", { status: 503 });
    await app.core.handleReaction({ platform: "discord", channelId: "1", messageId: "2", userId: "3", emoji: "bookmark", added: true });
    const saved = await app.deps.bookmarks.list({ platform: "discord", userId: "3" });
    expect(saved.map((b) => b.paperId)).toEqual(["2511.99999"]);
  });

  it("Save, Remove and paging answer privately; paging replaces the message in place", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    const saved = await app.core.runAction({ caller: alice, action: { kind: "save", paperId: "2509.04664" } });
    expect(saved.visibility).toBe("ephemeral");
    expect(text(saved.messages)).toMatch(/Saved/);
    const again = await app.core.runAction({ caller: alice, action: { kind: "save", paperId: "2509.04664" } });
    expect(text(again.messages)).toMatch(/already in your bookmarks/);
    const removed = await app.core.runAction({ caller: alice, action: { kind: "unsave", paperId: "2509.04664" } });
    expect(removed.replaceOriginal).toBe(true);
    expect(text(removed.messages)).toMatch(/no bookmarks yet/);
    const page = await app.core.runAction({ caller: alice, action: { kind: "page", query: "kazakh", page: 1, label: "Next" } });
    expect(page.replaceOriginal).toBe(true);
  });

  it("maps Hugging Face failures to one plain sentence, never internals", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    hf.setFault("/api/papers/search", { status: 500, body: '{"error":"secret internal detail"}' });
    const reply = await app.core.runCommand({ caller: alice, name: "search", input: { kind: "text", text: "diffusion" } });
    expect(reply.visibility).toBe("ephemeral");
    expect(text(reply.messages)).toMatch(/Hugging Face isn't answering/);
    expect(text(reply.messages)).not.toMatch(/secret internal detail|Error|at /);
  });

  it("autocompletes paper titles for get", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    const choices = await app.core.autocomplete({ caller: alice, name: "get", option: "id", partial: "kazakh" });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => c.name.length <= 100 && /^\d{4}\.\d{4,5}$/.test(c.value))).toBe(true);
  });

  it("answers a bare /paper with help, and an unknown subcommand with the real ones", async () => {
    app = await createTestCore({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
    const bare = await app.core.runCommand({ caller: alice, name: "", input: { kind: "text", text: "" } });
    expect(text(bare.messages)).toMatch(/\/paper search/);
    const unknown = await app.core.runCommand({ caller: alice, name: "serch", input: { kind: "text", text: "x" } });
    expect(text(unknown.messages)).toMatch(/I don't know "serch". Did you mean \/paper search\? I can do: search, get/);
  });
});
