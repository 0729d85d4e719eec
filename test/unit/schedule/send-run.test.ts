// Resuming a daily post after a crash, against an in-memory platform: what was sent is skipped, what has only
// an intent is looked up first (Slack-style history) or resent with the same nonce (Discord-style).
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import type { OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";
import type { ChatAdapter, PostOptions } from "../../../src/ports.js";
import { createPacer } from "../../../src/schedule/pacer.js";
import { deliveryNonce, HEADER_ITEM, sendRun } from "../../../src/schedule/send-run.js";
import { createStore } from "../../../src/store/create-store.js";
import { createDeliveryLedger, type DeliveryRun } from "../../../src/store/deliveries.js";
import { createPostRepo } from "../../../src/store/posts.js";

const paper = (id: string): Paper => ({ id, title: `T ${id}`, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf", upvotes: 1 });

/** A platform that keeps messages and, like Slack, can list the paper messages in a channel. */
function fakePlatform(withHistory: boolean) {
  const messages: { id: string; message: OutgoingMessage; nonce?: string }[] = [];
  const adapter: ChatAdapter = {
    platform: withHistory ? "slack" : "discord",
    start: async () => {},
    stop: async () => {},
    isReady: () => true,
    async post(channelId, message, options?: PostOptions) {
      // Discord's enforce_nonce: the same nonce returns the first message.
      const same = options?.nonce ? messages.find((m) => m.nonce === options.nonce) : undefined;
      if (same && !withHistory) return { platform: adapter.platform, channelId, messageId: same.id };
      const id = String(messages.length + 1);
      messages.push({ id, message, ...(options?.nonce ? { nonce: options.nonce } : {}) });
      return { platform: adapter.platform, channelId, messageId: id };
    },
    ...(withHistory
      ? {
          recentPaperPosts: async () =>
            messages.filter((m) => m.message.ref).map((m) => ({ messageId: m.id, paperId: m.message.ref!.paperId, date: m.message.ref!.date })),
        }
      : {}),
  };
  return { adapter, messages };
}

async function setup(withHistory: boolean) {
  const store = await createStore("memory://", { log: silentLogger });
  const ledger = createDeliveryLedger(store);
  const posts = createPostRepo(store);
  const platform = fakePlatform(withHistory);
  const run: DeliveryRun = {
    platform: platform.adapter.platform,
    channelId: "C1",
    postDate: "2025-06-12",
    dates: ["2025-06-12"],
    missedDates: [],
    papers: [paper("2506.1"), paper("2506.2"), paper("2506.3")],
    totalBeforeFilter: 3,
    createdAt: new Date().toISOString(),
  };
  const deps = { adapter: platform.adapter, posts, ledger, pacer: createPacer({}), paperMessageCost: 1, now: () => new Date() };
  return { ...platform, ledger, posts, run, deps };
}

describe("sendRun after a crash", () => {
  it("Slack-style: a message that was sent but not recorded is found in history, not sent again", async () => {
    const { adapter, messages, ledger, posts, run, deps } = await setup(true);
    const key = { platform: run.platform, channelId: run.channelId, postDate: run.postDate };
    // The crashed process: header sent and recorded; paper 1 sent but the process died before recording it.
    await ledger.markIntent(key, HEADER_ITEM);
    const header = await adapter.post("C1", { blocks: [], fallbackText: "h", ref: { paperId: HEADER_ITEM, date: run.postDate } });
    await ledger.markSent(key, HEADER_ITEM, header.messageId);
    await ledger.markIntent(key, "paper:2506.1");
    await adapter.post("C1", { blocks: [], fallbackText: "p1", ref: { paperId: "2506.1", date: run.postDate } });

    const result = await sendRun(run, deps);
    expect(result).toEqual({ sent: 2, reconciled: 1 });
    expect(messages.map((m) => m.message.ref?.paperId)).toEqual([HEADER_ITEM, "2506.1", "2506.2", "2506.3"]);
    expect((await posts.lookup("slack", "C1", "2"))?.paperId).toBe("2506.1");
    // Running it again sends nothing.
    expect(await sendRun(run, deps)).toEqual({ sent: 0, reconciled: 0 });
  });

  it("Discord-style: an unconfirmed send is repeated with the same nonce, which returns the first message", async () => {
    const { adapter, messages, ledger, run, deps } = await setup(false);
    const key = { platform: run.platform, channelId: run.channelId, postDate: run.postDate };
    await ledger.markIntent(key, HEADER_ITEM);
    await adapter.post("C1", { blocks: [], fallbackText: "h" }, { nonce: deliveryNonce(key, HEADER_ITEM) });
    expect(await sendRun(run, deps)).toEqual({ sent: 4, reconciled: 0 });
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.nonce)).size).toBe(4);
    expect(messages.every((m) => (m.nonce ?? "").length <= 25)).toBe(true);
  });
});
