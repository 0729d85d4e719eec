// Posting modes on Slack, end to end on the REAL Bolt app against the fake Slack: thread mode posts one header in
// the channel and the papers as replies in its thread (recorded under the channel and each reply's ts — what a
// reaction_added event names), a 🔖 on a reply bookmarks it, a second pass posts nothing; mode=forum is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, waitFor, textOf, ALICE, BOB, CHANNEL } from "../../adapters/slack/harness.js";

const DATE = "2026-05-05";
let s: Awaited<ReturnType<typeof startSlackHarness>>;
beforeAll(async () => {
  s = await startSlackHarness();
  s.fake.state.users.set(ALICE, { is_admin: true });
});
afterAll(() => s?.close());

async function pollFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function run(text: string, user: string) {
  const before = s.fake.visibleTo(user).length;
  expect((await s.signer.slash(text, { user })).status).toBe(200);
  return textOf(await waitFor(() => s.fake.visibleTo(user)[before], 5000, `reply to /paper ${text}`));
}

describe("Slack posting modes", () => {
  it("refuses mode=forum in plain words and saves nothing", async () => {
    expect(await run("subscribe 09:00 mode=forum", ALICE)).toMatch(/Slack has none/);
    expect(await s.app.deps.subscriptions!.list()).toEqual([]);
  });

  it("thread mode: one header in the channel, the papers as its replies in order; 🔖 on a reply bookmarks; a second pass posts nothing", async () => {
    expect(await run("subscribe 09:00 Europe/Berlin 3 mode=thread", ALICE)).toMatch(/Posting mode: thread/);
    expect(await run("settings", BOB)).toMatch(/Posting mode: thread/);
    expect(await run("preview", BOB)).toMatch(/posts in thread mode/);
    const [result] = await s.app.delivery.engine.deliverDate(DATE);
    expect(result?.outcome.status).toBe("posted");
    const mine = () => s.fake.state.messages.filter((m) => m.channel === CHANNEL && m.metadata);
    const top = mine().filter((m) => !m.thread_ts);
    expect(top).toHaveLength(1);
    expect(top[0]?.metadata?.event_type).toBe("paperboy_header");
    const replies = mine().filter((m) => m.thread_ts === top[0]!.ts);
    expect(replies).toHaveLength(3);
    expect(replies.every((m) => m.metadata?.event_type === "paperboy_paper" && m.pings === 0)).toBe(true);
    for (const m of replies) expect((await s.app.deps.posts.lookup("slack", CHANNEL, m.ts))?.paperId).toBe(m.metadata?.event_payload.paper_id);

    await s.signer.event({ type: "reaction_added", user: BOB, reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: replies[2]!.ts } });
    let saved = await s.app.deps.bookmarks.list({ platform: "slack", userId: BOB });
    for (let i = 0; i < 500 && saved.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      saved = await s.app.deps.bookmarks.list({ platform: "slack", userId: BOB });
    }
    expect(saved.map((b) => b.paperId)).toEqual([replies[2]!.metadata?.event_payload.paper_id]);

    await s.app.delivery.engine.deliverDate(DATE);
    expect(mine()).toHaveLength(4);

    // Journal club: the 3rd 🔖 on a reply opens the discussion in the same thread, never in the channel.
    for (const user of [ALICE, "U0CAROL", "U0DAVE"]) {
      await s.signer.event({ type: "reaction_added", user, reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: replies[2]!.ts } });
    }
    const club = await pollFor(() => mine().find((m) => m.metadata?.event_type === "paperboy_club"));
    expect(club.thread_ts).toBe(top[0]!.ts);
    expect(mine().filter((m) => !m.thread_ts)).toHaveLength(1);
  });

  it("switching back to messages keeps the feed's schedule", async () => {
    expect(await run("subscribe mode=messages", ALICE)).toMatch(/Posting mode: messages/);
    const [sub] = await s.app.deps.subscriptions!.list();
    expect(sub).toMatchObject({ time: "09:00", timezone: "Europe/Berlin", top: 3 });
    expect(sub?.mode).toBeUndefined();
  });
});
