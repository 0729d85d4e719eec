// Reading paperboy's own posts back from a Discord channel (delivery reconciliation): paper cards and the daily
// header are recognised by the link paperboy built, never by title text; other people's messages, unmarked
// messages and messages from before `since` are left out; long histories are paged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markFromEmbedUrl } from "../../../adapters/discord/history.js";
import { dailyHeader } from "../../../src/format/daily-list.js";
import { paperCard } from "../../../src/format/paper-card.js";
import { makePaper } from "../../unit/format/make-paper.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(() => h?.close());

describe("ownPosts", () => {
  it("finds the header and paper cards paperboy posted since a time, oldest first, across pages", { timeout: 20_000 }, async () => {
    const channel = h.fake.world.channel.id;
    await h.adapter.post(channel, paperCard(makePaper({ id: "2506.00001" })));
    await new Promise((r) => setTimeout(r, 5));
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    const header = await h.adapter.post(channel, dailyHeader("2025-06-12", [makePaper({ id: "2506.00002" })]));
    // A hostile title that names another paper's URL changes nothing: only the embed link counts.
    const card = await h.adapter.post(channel, paperCard(makePaper({ id: "2506.00002", title: "https://huggingface.co/papers/2506.99999" })));
    await h.adapter.post(channel, { blocks: [{ kind: "text", spans: [{ text: "plain" }] }], fallbackText: "plain" });
    // 150 messages from someone else, stored directly, force a second page.
    const other = h.fake.world.users.alice;
    for (let i = 0; i < 150; i++) {
      const msg = h.fake.state.store({ channelId: channel, body: { content: `chat ${i}`, embeds: [{ url: "https://huggingface.co/papers/2506.00003", title: "x" }] }, files: [], via: "channel" });
      msg.json = { ...msg.json, author: { id: other.id, username: other.username, discriminator: "0", avatar: null } };
    }
    const last = await h.adapter.post(channel, paperCard(makePaper({ id: "hep-th/9901001" })));
    const found = await h.adapter.ownPosts?.(channel, since);
    expect(found).toEqual([
      { messageId: header.messageId, mark: { kind: "header", date: "2025-06-12" } },
      { messageId: card.messageId, mark: { kind: "paper", paperId: "2506.00002" } },
      { messageId: last.messageId, mark: { kind: "paper", paperId: "hep-th/9901001" } },
    ]);
    expect(h.fake.state.requests.filter((r) => r.method === "GET" && r.path === `/channels/${channel}/messages`).length).toBe(2);
  });

  it("recognises only paperboy's own links", () => {
    expect(markFromEmbedUrl("https://huggingface.co/papers/2506.12345")).toEqual({ kind: "paper", paperId: "2506.12345" });
    expect(markFromEmbedUrl("https://huggingface.co/papers/date/2025-06-12")).toEqual({ kind: "header", date: "2025-06-12" });
    expect(markFromEmbedUrl("https://arxiv.org/abs/hep-th/9901001")).toEqual({ kind: "paper", paperId: "hep-th/9901001" });
    for (const url of ["https://huggingface.co/papers/2506.12345?x=1", "https://evil.example/papers/2506.12345", "https://huggingface.co/papers/trending", undefined]) {
      expect(markFromEmbedUrl(url)).toBeUndefined();
    }
  });
});
