// Journal club on Slack end to end (REAL Bolt App, fake Slack, SQLite store): the 3rd distinct 🔖 on a paper message
// posts exactly one thread reply under it — escaped, no pings, marked `paperboy_club` — and nothing more for repeats,
// removals, a 4th 🔖 or a 🔖 after a restart. /paper club changes the threshold (admins only). A paper message that
// is itself a thread reply gets the club reply in the same thread. Two instances on one store, each getting one of
// two simultaneous 🔖 events, post one reply; a crash after posting (record still pending) posts nothing again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUB_EVENT_TYPE } from "../../../adapters/slack/discussion.js";
import { clubMessage, discussionTitle } from "../../../src/format/club.js";
import { paperCard } from "../../../src/format/paper-card.js";
import type { Paper } from "../../../src/paper.js";
import { clubLeaseKey, createClubRepo, type ClubKey } from "../../../src/store/club.js";
import { FAKE_BOT_TOKEN } from "../../fakes/fake-slack.js";
import { CHANNEL, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "paperboy-slack-club-"));
const storeUrl = `sqlite://${join(dir, "store.sqlite")}`;
const ADMIN = "U0ADMIN";
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ storeUrl, adminUserIds: [ADMIN] });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = "<!channel> Tom & Jerry <@U0ALICE> say hi";
const paper = (id: string, title = `Paper ${id}`): Paper => ({ id, title, abstract: "A.", authors: ["A. Author"], authorCount: 1, keywords: [], source: "hf", listDate: "2026-03-03" });
const settle = () => new Promise((r) => setTimeout(r, 250));

async function publish(id: string, title?: string): Promise<string> {
  // The bookmark's paper details come from the fake HF; the card is what the channel shows.
  return (await h.app.deps.publish("slack", CHANNEL, paperCard(paper(id, title), { date: "2026-03-03" }))).messageId;
}

const reaction = (user: string, ts: string, added = true) => ({
  type: added ? "reaction_added" : "reaction_removed",
  user,
  reaction: "bookmark",
  item: { type: "message", channel: CHANNEL, ts },
  item_user: "U0BOT",
});

async function save(ts: string, user: string, paperId: string, harness = h): Promise<void> {
  await harness.signer.event(reaction(user, ts));
  const deadline = Date.now() + 5000;
  while (!(await harness.app.deps.bookmarks.has({ platform: "slack", userId: user }, paperId))) {
    if (Date.now() > deadline) throw new Error(`bookmark of ${user} not stored`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const clubReplies = (ts: string, channel = CHANNEL) =>
  h.fake.state.messages.filter((m) => m.channel === channel && m.thread_ts === ts && m.metadata?.event_type === CLUB_EVENT_TYPE);

async function runPaper(command: string, user = ADMIN): Promise<string> {
  const before = h.fake.visibleTo(user).length;
  await h.signer.slash(command, { user });
  return textOf(await waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to /paper ${command}`));
}
const club = (text: string, user = ADMIN) => runPaper(`club ${text}`.trim(), user);

describe("Slack journal club", () => {
  it("the 3rd distinct 🔖 posts exactly one thread reply; repeats, removals and a 4th add nothing", async () => {
    h.hf.setPaper("2603.90021", { id: "2603.90021", title: HOSTILE, summary: "A.", authors: [], publishedAt: "2026-03-01T00:00:00.000Z", upvotes: 0 });
    const ts = await publish("2603.90021", HOSTILE);
    await save(ts, "U0A", "2603.90021");
    await save(ts, "U0A", "2603.90021");
    await save(ts, "U0B", "2603.90021");
    await h.signer.event(reaction("U0B", ts, false));
    await settle();
    await save(ts, "U0C", "2603.90021");
    await settle();
    expect(clubReplies(ts)).toHaveLength(0);
    await save(ts, "U0D", "2603.90021");
    const [reply] = await waitFor(() => (clubReplies(ts).length > 0 ? clubReplies(ts) : undefined));
    expect(reply?.metadata).toEqual({ event_type: CLUB_EVENT_TYPE, event_payload: { paper_id: "2603.90021" } });
    const shown = textOf(reply!);
    expect(shown).toContain("3 people saved this — discuss here");
    expect(shown).toContain("&lt;!channel&gt; Tom &amp; Jerry &lt;@U0ALICE&gt;");
    expect(reply?.raw.link_names).toBeUndefined();
    await save(ts, "U0B", "2603.90021");
    await settle();
    expect(clubReplies(ts)).toHaveLength(1);
    expect(h.fake.state.totalPings()).toBe(0);
    expect(h.fake.state.rejections).toEqual([]);
  });

  it("after a restart a 🔖 posts nothing new", async () => {
    const ts = await publish("2603.90022");
    for (const u of ["U0A", "U0B", "U0C"]) await save(ts, u, "2603.90022");
    await waitFor(() => clubReplies(ts).length === 1);
    h = await h.restart();
    await save(ts, "U0E", "2603.90022");
    await settle();
    expect(clubReplies(ts)).toHaveLength(1);
  });

  it("/paper club: shows the setting, admins change it; K = 0 never opens, K = 2 opens at the 2nd 🔖", async () => {
    expect(await club("", "U0A")).toMatch(/when 3 people 🔖 the same paper here.*\(the default\)/);
    expect(await club("2", "U0A")).toMatch(/Only channel admins can change the journal club/);
    expect(await club("3.5")).toMatch(/isn't a number of people/);
    expect(await club("off")).toMatch(/Journal club is now off/);
    const off = await publish("2603.90023");
    for (const u of ["U0A", "U0B", "U0C", "U0D"]) await save(off, u, "2603.90023");
    await settle();
    expect(clubReplies(off)).toHaveLength(0);
    expect(await club("2")).toMatch(/when 2 people 🔖 the same paper here/);
    expect(await runPaper("settings", "U0A")).toContain("Journal club: when 2 people 🔖 the same paper here, paperboy opens a discussion thread on it; /paper club changes it.");
    const two = await publish("2603.90024");
    await save(two, "U0A", "2603.90024");
    await settle();
    expect(clubReplies(two)).toHaveLength(0);
    await save(two, "U0B", "2603.90024");
    const [reply] = await waitFor(() => (clubReplies(two).length > 0 ? clubReplies(two) : undefined));
    expect(textOf(reply!)).toContain("2 people saved this — discuss here");
  });

  it("a paper message that is itself a thread reply gets the club reply in the same thread", async () => {
    const call = async (method: string, body: Record<string, unknown>) =>
      (await (await fetch(`${h.fake.apiUrl}${method}`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${FAKE_BOT_TOKEN}` },
        body: JSON.stringify(body),
      })).json()) as { ts: string };
    const header = await call("chat.postMessage", { channel: CHANNEL, text: "Today's papers" });
    const reply = await call("chat.postMessage", { channel: CHANNEL, thread_ts: header.ts, text: "A paper" });
    await h.app.deps.posts.record({ platform: "slack", channelId: CHANNEL, messageId: reply.ts }, { paperId: "2603.90025", postedAt: new Date().toISOString() });
    for (const u of ["U0A", "U0B"]) await save(reply.ts, u, "2603.90025"); // K = 2 from the previous test
    await waitFor(() => clubReplies(header.ts).length === 1);
    expect(clubReplies(reply.ts)).toHaveLength(0);
  });

  it("two instances on one store, each seeing one of two simultaneous 🔖: one reply", async () => {
    const other = await startSlackHarness({ storeUrl, slack: h.fake, hf: h.hf, adminUserIds: [ADMIN] });
    try {
      const ts = await publish("2603.90026");
      // K = 2: the 2nd and 3rd savers arrive at once, one at each instance.
      await save(ts, "U0A", "2603.90026");
      await Promise.all([save(ts, "U0B", "2603.90026"), save(ts, "U0C", "2603.90026", other)]);
      await waitFor(() => clubReplies(ts).length > 0);
      await settle();
      expect(clubReplies(ts)).toHaveLength(1);
    } finally {
      await other.stopBot();
    }
  });

  it("claimed but not opened (a crashed opener): once the claim expires, the next 🔖 posts the reply once", async () => {
    const ts = await publish("2603.90028");
    const key: ClubKey = { platform: "slack", channelId: CHANNEL, paperId: "2603.90028" };
    const repo = createClubRepo(h.app.store);
    expect(await h.app.store.leases.tryAcquire(clubLeaseKey(key), "crashed-instance", 300)).toBe(true);
    await repo.write(key, { state: "pending", messageId: ts, savers: 2, at: new Date().toISOString() }, Date.now() + 300);
    await save(ts, "U0A", "2603.90028");
    await save(ts, "U0B", "2603.90028");
    await settle();
    expect(clubReplies(ts)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    await save(ts, "U0C", "2603.90028");
    await waitFor(() => clubReplies(ts).length > 0);
    await settle();
    expect(clubReplies(ts)).toHaveLength(1);
  });

  it("opened but not recorded (a crash after posting): a later 🔖 finds paperboy's reply and posts nothing", async () => {
    const ts = await publish("2603.90027");
    const key: ClubKey = { platform: "slack", channelId: CHANNEL, paperId: "2603.90027" };
    const repo = createClubRepo(h.app.store);
    await repo.write(key, { state: "pending", messageId: ts, savers: 2, at: new Date().toISOString() }, Date.now());
    const p = paper("2603.90027");
    await h.adapter.openDiscussion!(CHANNEL, ts, clubMessage(p, 2), { title: discussionTitle(p), paperId: p.id });
    expect(clubReplies(ts)).toHaveLength(1);
    for (const u of ["U0A", "U0B"]) await save(ts, u, "2603.90027");
    const deadline = Date.now() + 5000;
    while ((await repo.record(key))?.state !== "done" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await repo.record(key)).toMatchObject({ state: "done", messageId: ts });
    expect(clubReplies(ts)).toHaveLength(1);
  });
});
