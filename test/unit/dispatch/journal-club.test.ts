// The journal-club decisions on their own (memory store, a hand-written recording adapter): the threshold, what a
// refusal does (failed, logged once, retried after the cool-down only), what a transient error does (stays
// pending; the next 🔖 retries on the same message), and the message and title it hands the adapter.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJournalClub, FAILED_RETRY_MS, PENDING_GIVE_UP_MS, type JournalClub } from "../../../src/dispatch/journal-club.js";
import { UpstreamError } from "../../../src/errors.js";
import { clubMessage, clubReason, discussionTitle, MAX_DISCUSSION_TITLE } from "../../../src/format/club.js";
import type { PaperSource } from "../../../src/hf/source.js";
import { silentLogger } from "../../../src/log.js";
import type { OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";
import type { ChatAdapter, DiscussionOptions } from "../../../src/ports.js";
import { createClubRepo, parseClubKey, type ClubKey, type ClubRepo } from "../../../src/store/club.js";
import { createStore } from "../../../src/store/create-store.js";
import type { Store } from "../../../src/store/types.js";

const paper = (id: string, title = `Paper ${id}`): Paper => ({ id, title, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf" });
const papers = { paper: async (id: string) => paper(id) } as unknown as PaperSource;

interface Call {
  channelId: string;
  messageId: string;
  message: OutgoingMessage;
  options: DiscussionOptions;
}

let store: Store;
let repo: ClubRepo;
let calls: Call[];
let refuse: Error | undefined;
let clock: Date;
let club: JournalClub;
const key: ClubKey = { platform: "discord", channelId: "C1", paperId: "2601.00001" };

beforeEach(async () => {
  store = await createStore("memory://", { log: silentLogger });
  repo = createClubRepo(store);
  calls = [];
  refuse = undefined;
  clock = new Date("2026-05-06T12:00:00Z");
  const adapter = {
    platform: "discord",
    async openDiscussion(channelId: string, messageId: string, message: OutgoingMessage, options: DiscussionOptions) {
      calls.push({ channelId, messageId, message, options });
      if (refuse) throw refuse;
      return { threadId: messageId, created: true };
    },
  } as unknown as ChatAdapter;
  club = createJournalClub({ repo, leases: store.leases, papers, adapterFor: () => adapter, log: silentLogger, now: () => clock });
});
afterEach(() => store.close());

const saveAll = async (users: string[], messageId = "M1") => {
  for (const u of users) await club.saved(key, messageId, u);
};

describe("journal club", () => {
  it("opens once at the threshold, on the message of the K-th 🔖, with the reason and the title", async () => {
    await saveAll(["a", "b", "a"]);
    expect(calls).toHaveLength(0);
    await club.saved(key, "M2", "c");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channelId: "C1", messageId: "M2", options: { title: "Paper 2601.00001", paperId: "2601.00001" } });
    expect(calls[0]?.message.fallbackText).toContain("3 people saved this — discuss here");
    await saveAll(["d", "e"]);
    expect(calls).toHaveLength(1);
    expect(await repo.record(key)).toMatchObject({ state: "done", messageId: "M2", savers: 3 });
  });

  it("a removed 🔖 takes the person out of the count; K = 0 is off", async () => {
    await saveAll(["a", "b"]);
    await club.unsaved(key, "b");
    await saveAll(["c"]);
    expect(calls).toHaveLength(0);
    await repo.setThreshold("discord", "C1", 0);
    await saveAll(["d", "e", "f"]);
    expect(calls).toHaveLength(0);
    await repo.setThreshold("discord", "C1", 2);
    await saveAll(["g"]);
    expect(calls).toHaveLength(1);
  });

  it("a refusal a human must fix is recorded as failed and retried only after the cool-down", async () => {
    refuse = new UpstreamError("discord", 403, { reason: "no_permission" });
    await saveAll(["a", "b", "c", "d"]);
    expect(calls).toHaveLength(1);
    expect(await repo.record(key)).toMatchObject({ state: "failed", reason: "no_permission" });
    refuse = undefined;
    clock = new Date(clock.getTime() + FAILED_RETRY_MS + 1);
    await saveAll(["e"]);
    expect(calls).toHaveLength(2);
    expect(await repo.record(key)).toMatchObject({ state: "done" });
  });

  it("a transient error stays pending; the next 🔖 retries on the claimed message", async () => {
    refuse = new UpstreamError("discord", 503);
    await saveAll(["a", "b"]);
    await club.saved(key, "M1", "c");
    expect(await repo.record(key)).toMatchObject({ state: "pending", messageId: "M1" });
    refuse = undefined;
    await club.saved(key, "M9", "d");
    expect(calls.map((c) => c.messageId)).toEqual(["M1", "M1"]);
    expect(await repo.record(key)).toMatchObject({ state: "done", messageId: "M1" });
    expect(await repo.due(Date.now() + 3_600_000, 10)).toEqual([]);
  });

  it("a discussion still failing a day after its claim is given up (until a 🔖 after the cool-down)", async () => {
    refuse = new UpstreamError("discord", 503);
    await saveAll(["a", "b", "c"]);
    clock = new Date(clock.getTime() + PENDING_GIVE_UP_MS + 1);
    await saveAll(["d"]);
    expect(calls).toHaveLength(1);
    expect(await repo.record(key)).toMatchObject({ state: "failed", reason: "transient" });
    expect(await repo.due(Date.now() + 3_600_000, 10)).toEqual([]);
  });

  it("a refused token (auth) is the adapter's outage, not the paper's: it stays pending", async () => {
    refuse = new UpstreamError("discord", 401, { reason: "auth" });
    await saveAll(["a", "b", "c"]);
    expect(await repo.record(key)).toMatchObject({ state: "pending" });
  });
});

describe("journal club text and keys", () => {
  it("says why, in singular and plural, and bounds the thread name", () => {
    expect(clubReason(1)).toBe("1 person saved this — discuss here");
    expect(clubReason(3)).toBe("3 people saved this — discuss here");
    const long = paper("2601.00002", `${"word ".repeat(60)}\n@everyone`);
    expect(discussionTitle(long).length).toBeLessThanOrEqual(MAX_DISCUSSION_TITLE);
    expect(discussionTitle(paper("2601.00003", " \n "))).toBe("arXiv 2601.00003");
    expect(clubMessage(paper("2601.00004"), 3).url).toBe("https://huggingface.co/papers/2601.00004#paperboy-club");
  });

  it("parses the keys it writes, with old-style paper ids", () => {
    expect(parseClubKey("slack:C0X:hep-th/9901001")).toEqual({ platform: "slack", channelId: "C0X", paperId: "hep-th/9901001" });
    expect(parseClubKey("nope:C0X:1")).toBeUndefined();
  });
});
