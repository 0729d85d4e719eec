// Hostile paper data from Hugging Face — mention syntax, <!channel>, Slack link syntax, a 20,000-character
// abstract, 600-character titles, empty fields — through every Slack surface: private commands, the daily-post
// path, "Post to channel", unfurls and the Home tab. The fake Slack rejects anything over Slack's limits and
// counts pings; paperboy must produce valid Block Kit that notifies nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paperCard } from "../../../src/format/paper-card.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { allTexts } from "../../fakes/fake-slack-validate.js";
import { ALICE, CHANNEL, bookmarkIds, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

const DATE = "2026-02-10";
const PINGS = "<!channel> <!here> <!everyone> <!here|here> <@U0VICTIM> <@W0VICTIM|boss> <!subteam^S0TEAM> @here @channel";
const LINKS = "<https://evil.example/phish|Click to verify> <mailto:x@y.z|mail> *bold* _it_ `code` ```block``` > quote & &amp;";
const HOSTILE = `${PINGS} ${LINKS}`;

const items = [
  makeDailyItem({
    id: "2602.00001",
    title: `${HOSTILE} `.repeat(6).slice(0, 600),
    summary: `${HOSTILE} `.repeat(120).slice(0, 20_000),
    authors: [PINGS, LINKS, "<@U0AUTHOR>"],
    organization: { name: "evil", fullname: PINGS },
    ai_summary: HOSTILE,
    ai_keywords: [PINGS, LINKS, "<!channel>"],
    githubRepo: `https://github.com/x/y?q=<!channel>|<@U1>`,
    projectPage: "javascript:alert('<!channel>')",
    upvotes: 99,
    listDate: DATE,
  }),
  makeDailyItem({ id: "2602.00002", title: "", summary: "", authors: [], listDate: DATE }),
  makeDailyItem({ id: "2602.00003", title: "x".repeat(600), summary: "&".repeat(20_000), authors: Array(300).fill("<!here>"), listDate: DATE }),
];

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  h.hf.setDaily(DATE, items);
});
afterAll(() => h?.close());

/** Nothing anywhere in the fake's stored output may contain a live mention or a foreign link. */
function expectInert(): void {
  expect(h.fake.state.rejections).toEqual([]);
  expect(h.fake.state.totalPings()).toBe(0);
  const stored = [
    ...h.fake.state.messages.map((m) => ({ text: m.text, blocks: m.blocks })),
    ...h.fake.state.ephemerals.map((m) => ({ text: m.text, blocks: m.blocks })),
    ...[...h.fake.state.homeViews.values()].map((v) => ({ blocks: v.blocks })),
    ...h.fake.state.unfurls.map((u) => ({ blocks: Object.values(u.unfurls) })),
  ];
  for (const text of stored.flatMap((s) => allTexts(s))) {
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).not.toMatch(/<(https?:\/\/evil|mailto|javascript)/i);
  }
}

async function privateReply(text: string, user = ALICE) {
  const before = h.fake.visibleTo(user).length;
  await h.signer.slash(text, { user });
  return waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to ${text}`);
}

describe("hostile paper data", () => {
  it("/paper today, get and search render valid, inert Block Kit", async () => {
    const today = await privateReply(`today ${DATE}`);
    expect(textOf(today)).toContain("&lt;!channel&gt;");
    for (const id of ["2602.00001", "2602.00002", "2602.00003"]) {
      const card = await privateReply(`get ${id}`);
      expect(card.blocks?.length).toBeGreaterThan(0);
    }
    const search = await privateReply("search verify");
    expect(textOf(search)).toMatch(/Results|No papers/);
    expectInert();
  });

  it("the daily-post path posts every paper as valid, inert messages with metadata", async () => {
    for (const item of items) {
      const paper = await h.app.deps.papers.paper((item.paper as { id: string }).id);
      const ref = await h.app.deps.publish("slack", CHANNEL, paperCard(paper, { date: DATE, actions: [{ kind: "save", paperId: paper.id }] }));
      expect(ref.messageId).toMatch(/^\d+\.\d{6}$/);
    }
    const posted = h.fake.state.messages.filter((m) => m.metadata?.event_type === "paperboy_paper");
    expect(posted).toHaveLength(3);
    for (const m of posted) expect(m.raw.link_names).toBeUndefined();
    expectInert();
  });

  it("Post to channel and a 🔖 on the hostile paper work", async () => {
    const card = await privateReply("get 2602.00001");
    await h.signer.click({ kind: "ephemeral", message: card }, "Post to channel");
    const post = await waitFor(() => h.fake.state.messages.filter((m) => m.metadata?.event_payload.paper_id === "2602.00001")[1]);
    await h.signer.event({ type: "reaction_added", user: ALICE, reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: post.ts } });
    expect(await bookmarkIds(h, ALICE, 1)).toContain("2602.00001");
    expectInert();
  });

  it("the Home tab with hostile bookmarks is valid and inert", async () => {
    for (const id of ["2602.00001", "2602.00002", "2602.00003"]) {
      const paper = await h.app.deps.papers.paper(id);
      await h.app.deps.bookmarks.add({ platform: "slack", userId: "U0HOME" }, paper);
    }
    await h.signer.event({ type: "app_home_opened", user: "U0HOME", tab: "home", channel: "D0HOME" });
    await waitFor(() => h.fake.state.homeViews.get("U0HOME"));
    const md = await privateReply("bookmarks markdown", "U0HOME");
    expect(textOf(md)).not.toMatch(/<!/);
    expectInert();
  });

  it("unfurling a link to the hostile paper is valid and inert", async () => {
    await h.signer.event({
      type: "link_shared",
      user: ALICE,
      channel: CHANNEL,
      message_ts: "1770000000.000100",
      source: "conversations_history",
      unfurl_id: "U0UNFURL",
      links: [{ domain: "huggingface.co", url: "https://huggingface.co/papers/2602.00001" }],
    });
    const unfurl = await waitFor(() => h.fake.state.unfurls[0]);
    expect(Object.keys(unfurl.unfurls)).toEqual(["https://huggingface.co/papers/2602.00001"]);
    expectInert();
  });
});
