// Button clicks as Slack sends them (signed block_actions, built from the buttons paperboy actually rendered):
// Save, Post to channel, Next/Previous paging in place, and Remove on the App Home tab.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAction } from "../../../adapters/slack/action-codec.js";
import { ALICE, CHANNEL, bookmarkIds, buttonsOf, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

async function privateReply(text: string, user = ALICE) {
  const before = h.fake.visibleTo(user).length;
  await h.signer.slash(text, { user });
  return waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to ${text}`);
}

describe("Save", () => {
  it("bookmarks the paper and confirms privately without touching the card", async () => {
    const card = await privateReply("get 2509.04664");
    const res = await h.signer.click({ kind: "ephemeral", message: card }, "Save");
    expect(res.status).toBe(200);
    const confirm = await waitFor(() => h.fake.visibleTo(ALICE).find((m) => textOf(m).includes("Saved")));
    expect(textOf(confirm)).toContain("Why Language Models Hallucinate");
    expect(card.replacements).toBe(0);
    const list = await h.app.deps.bookmarks.list({ platform: "slack", userId: ALICE });
    expect(list.map((b) => b.paperId)).toEqual(["2509.04664"]);
  });
});

describe("Post to channel", () => {
  it("posts the card publicly with paperboy_paper metadata, records it, and 🔖 on it bookmarks", async () => {
    const card = await privateReply("get 2509.04664", "U0POSTER");
    await h.signer.click({ kind: "ephemeral", message: card }, "Post to channel", { user: "U0POSTER" });
    const posted = await waitFor(() => h.fake.state.messages.find((m) => m.channel === CHANNEL));
    expect(posted.metadata).toEqual({ event_type: "paperboy_paper", event_payload: { paper_id: "2509.04664", date: "2025-09-08" } });
    expect(posted.raw.link_names).toBeUndefined();
    expect(posted.raw.unfurl_links).toBe("false");
    expect(textOf(posted)).toContain("Why Language Models Hallucinate");
    await waitFor(() => h.fake.visibleTo("U0POSTER").some((m) => textOf(m).includes("Posted")));
    expect(await h.app.deps.posts.lookup("slack", CHANNEL, posted.ts)).toMatchObject({ paperId: "2509.04664" });

    await h.signer.event({ type: "reaction_added", user: "U0READER", reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: posted.ts }, item_user: "U0BOT" });
    const saved = await bookmarkIds(h, "U0READER", 1);
    expect(saved).toEqual(["2509.04664"]);
  });

  it("a channel the bot is not in gets a plain private explanation", async () => {
    h.fake.state.channel("C0PRIVATE").member = false;
    const card = await privateReply("get 2509.04664");
    const other = { ...card, channel: "C0PRIVATE" };
    await h.signer.click({ kind: "ephemeral", message: other }, "Post to channel");
    const note = await waitFor(() => h.fake.visibleTo(ALICE).find((m) => /invite paperboy/i.test(textOf(m))));
    expect(note.channel).toBe("C0PRIVATE");
  });

  it("Save on a public channel post answers privately and never replaces the post", async () => {
    const post = h.fake.state.messages.find((m) => m.channel === CHANNEL);
    if (!post) throw new Error("no post");
    await h.signer.click({ kind: "message", message: post }, "Save", { user: "U0CAROL" });
    await waitFor(() => h.fake.visibleTo("U0CAROL").some((m) => textOf(m).includes("Saved")));
    expect(post.edited).toBeUndefined();
    expect(h.fake.responses.at(-1)?.body.replace_original).toBe(false);
  });
});

describe("Next / Previous", () => {
  it("pages the private search result in place", async () => {
    const page1 = await privateReply("search fixture copy", "U0PAGER");
    const count = h.fake.visibleTo("U0PAGER").length;
    await h.signer.click({ kind: "ephemeral", message: page1 }, "Next ›");
    await waitFor(() => page1.replacements === 1, 5000, "replacement");
    expect(textOf(page1)).toMatch(/Results 6–10 of/);
    expect(buttonsOf(page1)).toEqual(expect.arrayContaining(["‹ Previous", "Next ›"]));
    await h.signer.click({ kind: "ephemeral", message: page1 }, "‹ Previous");
    await waitFor(() => page1.replacements === 2, 5000, "second replacement");
    expect(textOf(page1)).toMatch(/Results 1–5 of/);
    expect(h.fake.visibleTo("U0PAGER")).toHaveLength(count);
  });

  it("a forged button value is ignored", async () => {
    expect(decodeAction('{"kind":"page","query":"x","page":-1,"label":"Next"}')).toBeUndefined();
    expect(decodeAction("not json")).toBeUndefined();
    expect(decodeAction('{"kind":"page","query":"","page":2,"label":"Next","list":"everything"}')).toBeUndefined();
    expect(decodeAction('{"kind":"page","query":"","page":2,"label":"Next","list":"trending"}')).toEqual({ kind: "page", query: "", page: 2, label: "Next", list: "trending" });
  });
});

describe("App Home", () => {
  it("shows the reading list with Remove buttons and updates after Remove", async () => {
    await h.signer.event({ type: "app_home_opened", user: ALICE, channel: "D0ALICE", tab: "home" });
    const view = await waitFor(() => h.fake.state.homeViews.get(ALICE));
    expect(textOf({ blocks: view.blocks })).toContain("Why Language Models Hallucinate");
    expect(buttonsOf({ blocks: view.blocks })).toEqual(["Mark read", "Remove"]);

    await h.signer.click({ kind: "home", user: ALICE }, "Remove");
    await waitFor(() => (h.fake.state.homeViews.get(ALICE)?.publishes ?? 0) >= 2, 5000, "republish");
    expect(textOf({ blocks: h.fake.state.homeViews.get(ALICE)?.blocks })).toContain("You have no bookmarks yet");
    expect(await h.app.deps.bookmarks.list({ platform: "slack", userId: ALICE })).toEqual([]);
  });

  it("the Messages tab does not publish a view", async () => {
    await h.signer.event({ type: "app_home_opened", user: "U0QUIET", channel: "D0QUIET", tab: "messages" });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.fake.state.homeViews.has("U0QUIET")).toBe(false);
  });

  it("nothing was rejected and nobody was pinged", () => {
    expect(h.fake.state.rejections).toEqual([]);
    expect(h.fake.state.totalPings()).toBe(0);
  });
});
