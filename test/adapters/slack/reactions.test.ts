// 🔖 on Slack end to end: a paper posted through the delivery path (deps.publish → adapter.post), then
// reaction_added / reaction_removed events signed like Slack's, including retried deliveries and a reaction
// on a message posted before a restart (new core + adapter over the same SQLite store).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paperCard } from "../../../src/format/paper-card.js";
import type { Paper } from "../../../src/paper.js";
import { CHANNEL, bookmarkIds, settledBookmarks, startSlackHarness, type SlackHarness } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "paperboy-slack-"));
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ storeUrl: `sqlite://${join(dir, "store.sqlite")}` });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const paper = (id: string, title = `Paper ${id}`): Paper => ({ id, title, abstract: "A.", authors: ["A. Author"], authorCount: 1, keywords: [], source: "hf", listDate: "2026-03-03" });

async function publish(id: string): Promise<string> {
  const ref = await h.app.deps.publish("slack", CHANNEL, paperCard(paper(id), { date: "2026-03-03" }));
  return ref.messageId;
}

const reaction = (type: "reaction_added" | "reaction_removed", user: string, ts: string, name = "bookmark", channel = CHANNEL) => ({
  type,
  user,
  reaction: name,
  item: { type: "message", channel, ts },
  item_user: "U0BOT",
});

/** Lets the (auto-acked) event reach the core before asserting that nothing happened. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("🔖 reactions", () => {
  it("adding bookmarks the paper for that user; removing un-bookmarks it", async () => {
    const ts = await publish("2603.90001");
    const res = await h.signer.event(reaction("reaction_added", "U0ANN", ts));
    expect(res.status).toBe(200);
    expect(await bookmarkIds(h, "U0ANN", 1)).toEqual(["2603.90001"]);
    await h.signer.event(reaction("reaction_removed", "U0ANN", ts));
    expect(await settledBookmarks(h, "U0ANN", [])).toEqual([]);
  });

  it("the posted message carries paperboy_paper metadata with the list date", () => {
    const msg = h.fake.state.messages.find((m) => m.metadata?.event_payload.paper_id === "2603.90001");
    expect(msg?.metadata).toEqual({ event_type: "paperboy_paper", event_payload: { paper_id: "2603.90001", date: "2026-03-03" } });
  });

  it("other emoji, unrecorded messages and file items are ignored", async () => {
    const ts = await publish("2603.90002");
    await h.signer.event(reaction("reaction_added", "U0BEN", ts, "thumbsup"));
    await h.signer.event(reaction("reaction_added", "U0BEN", "1700000000.000100"));
    await h.signer.event({ type: "reaction_added", user: "U0BEN", reaction: "bookmark", item: { type: "file", file: "F123" } });
    await h.signer.event(reaction("reaction_added", "U0BEN", ts, "bookmark", "C0OTHER"));
    await settle();
    expect(await bookmarkIds(h, "U0BEN", 99, 0)).toEqual([]);
  });

  it("a retried delivery (same event_id) is processed once", async () => {
    const ts = await publish("2603.90003");
    const first = await h.signer.event(reaction("reaction_added", "U0CAT", ts), { eventId: "Ev0RETRY1" });
    expect(await bookmarkIds(h, "U0CAT", 1)).toEqual(["2603.90003"]);
    await h.signer.event(reaction("reaction_removed", "U0CAT", ts), { eventId: "Ev0RETRY2" });
    expect(await settledBookmarks(h, "U0CAT", [])).toEqual([]);
    // Slack redelivers the first event (x-slack-retry-num: 1): it must not bring the bookmark back.
    const retry = await h.signer.event(reaction("reaction_added", "U0CAT", ts), { eventId: first.eventId, retryNum: 1 });
    expect(retry.status).toBe(200);
    await settle();
    expect(await bookmarkIds(h, "U0CAT", 99, 0)).toEqual([]);
  });

  it("works on a message posted before a restart", async () => {
    const ts = await publish("2603.90004");
    h = await h.restart();
    await h.signer.event(reaction("reaction_added", "U0DAN", ts));
    expect(await bookmarkIds(h, "U0DAN", 1)).toEqual(["2603.90004"]);
  });

  it("nobody was pinged and nothing was rejected", () => {
    expect(h.fake.state.rejections).toEqual([]);
    expect(h.fake.state.totalPings()).toBe(0);
  });
});
