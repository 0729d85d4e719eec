// The send protocol against an in-memory platform: what was sent is skipped; an item whose outcome is unknown (an
// intent left by a crash, a 5xx or lost answer just now) is looked up in the channel's history first and only
// sent again when absent; without history the nonce is the fallback. The header is never a paper post.
import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.js";
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

interface Stored {
  id: string;
  message: OutgoingMessage;
  options: PostOptions;
}

/** A platform that keeps messages, forgets nonces (an expired window) unless told, and may fail after storing. */
function fakePlatform(opts: { history: boolean; nonceWorks?: boolean }) {
  const messages: Stored[] = [];
  const failAfterStore: (number | undefined)[] = [];
  const adapter: ChatAdapter = {
    platform: "discord",
    start: async () => {},
    stop: async () => {},
    isReady: () => true,
    async post(channelId, message, options = {}) {
      const same = opts.nonceWorks && options.nonce ? messages.find((m) => m.options.nonce === options.nonce) : undefined;
      if (same) return { platform: adapter.platform, channelId, messageId: same.id };
      const id = String(messages.length + 1);
      messages.push({ id, message, options });
      const status = failAfterStore.shift();
      if (status !== undefined) throw new UpstreamError("discord", status, { message: "failed after storing" });
      return { platform: adapter.platform, channelId, messageId: id };
    },
    ...(opts.history
      ? {
          ownPosts: async () =>
            messages.map((m) => ({
              messageId: m.id,
              mark: m.message.ref ? { kind: "paper" as const, paperId: m.message.ref.paperId } : { kind: "header" as const, date: m.options.header?.date },
            })),
        }
      : {}),
  };
  return { adapter, messages, failAfterStore };
}

async function setup(opts: { history: boolean; nonceWorks?: boolean }) {
  const store = await createStore("memory://", { log: silentLogger });
  const ledger = createDeliveryLedger(store);
  const posts = createPostRepo(store);
  const platform = fakePlatform(opts);
  const run: DeliveryRun = {
    platform: "discord",
    channelId: "C1",
    postDate: "2025-06-12",
    dates: ["2025-06-12"],
    missedDates: [],
    papers: [paper("2506.1"), paper("2506.2"), paper("2506.3")],
    totalBeforeFilter: 3,
    createdAt: new Date().toISOString(),
  };
  const key = { platform: run.platform, channelId: run.channelId, postDate: run.postDate };
  const deps = { adapter: platform.adapter, posts, ledger, pacer: createPacer({}), paperMessageCost: 1, now: () => new Date(), retryDelayMs: 1 };
  const keys = () => platform.messages.map((m) => m.message.ref?.paperId ?? "header");
  return { ...platform, ledger, posts, run, key, deps, keys };
}

describe("sendRun after a crash", () => {
  it("a message sent but not recorded is found in history, recorded, and not sent again (nonce long expired)", async () => {
    const { adapter, ledger, posts, run, key, deps, keys } = await setup({ history: true });
    // The crashed process: header sent and recorded; paper 1 sent but the process died before recording it.
    await ledger.markIntent(key, HEADER_ITEM);
    const header = await adapter.post("C1", { blocks: [], fallbackText: "h" }, { header: { date: run.postDate } });
    await ledger.markSent(key, HEADER_ITEM, header.messageId);
    await ledger.markIntent(key, "paper:2506.1");
    await adapter.post("C1", { blocks: [], fallbackText: "p1", ref: { paperId: "2506.1", date: run.postDate } });

    expect(await sendRun(run, deps)).toEqual({ sent: 2, reconciled: 1 });
    expect(keys()).toEqual([HEADER_ITEM, "2506.1", "2506.2", "2506.3"]);
    expect((await posts.lookup("discord", "C1", "2"))?.paperId).toBe("2506.1");
    expect(await sendRun(run, deps)).toEqual({ sent: 0, reconciled: 0 });
  });

  it("a header sent before the crash is recognised as the header: one header, never a paper post", async () => {
    const { adapter, ledger, posts, run, key, deps, keys } = await setup({ history: true });
    await ledger.markIntent(key, HEADER_ITEM);
    await adapter.post("C1", { blocks: [], fallbackText: "h" }, { header: { date: run.postDate } });
    expect(await sendRun(run, deps)).toEqual({ sent: 3, reconciled: 1 });
    expect(keys()).toEqual([HEADER_ITEM, "2506.1", "2506.2", "2506.3"]);
    expect(await posts.lookup("discord", "C1", "1")).toBeUndefined();
  });

  it("a header of another day in history does not count", async () => {
    const { adapter, ledger, key, run, deps, keys } = await setup({ history: true });
    await adapter.post("C1", { blocks: [], fallbackText: "yesterday" }, { header: { date: "2025-06-11" } });
    await ledger.markIntent(key, HEADER_ITEM);
    expect(await sendRun(run, deps)).toEqual({ sent: 4, reconciled: 0 });
    expect(keys().filter((k) => k === HEADER_ITEM)).toHaveLength(2);
  });

  it("without history, an unconfirmed send is repeated with the same nonce", async () => {
    const { adapter, messages, ledger, key, run, deps } = await setup({ history: false, nonceWorks: true });
    await ledger.markIntent(key, HEADER_ITEM);
    await adapter.post("C1", { blocks: [], fallbackText: "h" }, { nonce: deliveryNonce(key, HEADER_ITEM) });
    expect(await sendRun(run, deps)).toEqual({ sent: 4, reconciled: 0 });
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.options.nonce)).size).toBe(4);
    expect(messages.every((m) => (m.options.nonce ?? "").length <= 25)).toBe(true);
  });
});

describe("sendRun when the platform fails after storing", () => {
  it.each([500, 502, 503, 0])("status %s: history shows the message, so it is recorded, not sent again", async (status) => {
    const { failAfterStore, posts, run, deps, keys } = await setup({ history: true });
    failAfterStore.push(undefined, status);
    expect(await sendRun(run, deps)).toEqual({ sent: 3, reconciled: 1 });
    expect(keys()).toEqual([HEADER_ITEM, "2506.1", "2506.2", "2506.3"]);
    expect((await posts.lookup("discord", "C1", "2"))?.paperId).toBe("2506.1");
  });

  it("a failure that is not about the outcome (a 4xx) is not retried", async () => {
    const { adapter, run, deps } = await setup({ history: true });
    const refusing: ChatAdapter = { ...adapter, post: async () => Promise.reject(new UpstreamError("discord", 403, { reason: "no_permission" })) };
    await expect(sendRun(run, { ...deps, adapter: refusing })).rejects.toMatchObject({ status: 403 });
  });
});
