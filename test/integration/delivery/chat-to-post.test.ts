// The whole loop a Discord community sees, on the real discord.js client against the fake Discord: an admin
// subscribes in chat, a member may not, the delivery engine (the code `npm run deliver` and the scheduler run)
// posts the list with the channel's filters, and a 🔖 on a delivered paper lands in the reader's bookmarks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "../../adapters/discord/harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(() => h.close());

const replyText = async (rec: ReturnType<DiscordHarness["fake"]["slash"]>) =>
  JSON.stringify(await h.fake.settled(rec, 10_000));

describe("subscribe in chat → delivery → 🔖", () => {
  it("refuses subscribe to a member without Manage Channels, in plain words", async () => {
    const text = await replyText(h.fake.slash("subscribe", { time: "09:00" }, { user: h.fake.world.users.alice }));
    expect(text).toMatch(/Only channel admins/);
    expect(await h.app.deps.subscriptions!.list()).toEqual([]);
  });

  it("subscribes the channel for an admin with typed options, and shows settings", async () => {
    const mod = h.fake.world.users.mod;
    const text = await replyText(h.fake.slash("subscribe", { time: "09:00", timezone: "Europe/Berlin", top: 3 }, { user: mod }));
    expect(text).toMatch(/09:00/);
    expect(text).toMatch(/Europe\/Berlin/);
    const subs = await h.app.deps.subscriptions!.list();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ platform: "discord", channelId: h.fake.world.channel.id, time: "09:00", top: 3 });
    const settings = await replyText(h.fake.slash("settings", {}, { user: mod }));
    expect(settings).toMatch(/Next post/i);
  });

  it("delivers a header plus the top 3 papers, each bookmarkable by 🔖, and never twice", async () => {
    const channelId = h.fake.world.channel.id;
    const before = h.fake.state.channelMessages(channelId).length;
    const [result] = await h.app.delivery.engine.deliverDate("2026-05-05");
    expect(result?.outcome.status).toBe("posted");
    const posted = h.fake.state.channelMessages(channelId).slice(before);
    expect(posted).toHaveLength(4);

    const paper = posted[1]!;
    h.fake.react({ id: paper.id, channelId }, { user: h.fake.world.users.alice });
    const owner = { platform: "discord" as const, userId: h.fake.world.users.alice.id };
    const saved = await h.fake.waitFor(async () => {
      const list = await h.app.deps.bookmarks.list(owner);
      return list.length > 0 ? list : undefined;
    });
    expect(saved).toHaveLength(1);

    const again = await h.app.delivery.engine.deliverDate("2026-05-05");
    expect(again[0]?.outcome.status).not.toBe("failed");
    expect(h.fake.state.channelMessages(channelId).slice(before)).toHaveLength(4);
  });

  it("shows delivery status to admins only", async () => {
    expect(await replyText(h.fake.slash("status", {}, { user: h.fake.world.users.alice }))).toMatch(/Only channel admins/);
    expect(await replyText(h.fake.slash("status", {}, { user: h.fake.world.users.mod }))).toMatch(/2026-05-05|Mon|Tue|last/i);
  });

  it("unsubscribes for an admin", async () => {
    const text = await replyText(h.fake.slash("unsubscribe", {}, { user: h.fake.world.users.mod }));
    expect(text).toMatch(/no longer|unsubscribed|stopped/i);
    expect(await h.app.deps.subscriptions!.list()).toEqual([]);
  });
});

describe("Slack: subscribe with positional text → delivery with metadata → 🔖", async () => {
  const { startSlackHarness, waitFor, textOf, ALICE, BOB, CHANNEL } = await import("../../adapters/slack/harness.js");
  let s: Awaited<ReturnType<typeof startSlackHarness>>;
  beforeAll(async () => {
    s = await startSlackHarness();
    s.fake.state.users.set(ALICE, { is_admin: true });
  });
  afterAll(() => s.close());

  async function run(text: string, user: string) {
    const before = s.fake.visibleTo(user).length;
    expect((await s.signer.slash(text, { user })).status).toBe(200);
    return textOf(await waitFor(() => s.fake.visibleTo(user)[before], 5000, `reply to /paper ${text}`));
  }

  it("lets a workspace admin subscribe with `/paper subscribe 09:00 Europe/Berlin 2` and refuses others", async () => {
    expect(await run("subscribe 09:00 Europe/Berlin 2", BOB)).toMatch(/Only channel admins/);
    expect(await run("subscribe 09:00 Europe/Berlin 2", ALICE)).toMatch(/Europe\/Berlin/);
    expect(await run("subscribe 25:99", ALICE)).toMatch(/time|HH:MM/i);
    const subs = await s.app.deps.subscriptions!.list();
    expect(subs).toMatchObject([{ platform: "slack", channelId: CHANNEL, time: "09:00", timezone: "Europe/Berlin", top: 2 }]);
  });

  it("posts the header (paperboy_header) and 2 papers (paperboy_paper); 🔖 on a paper bookmarks it, on the header nothing", async () => {
    const [result] = await s.app.delivery.engine.deliverDate("2026-05-05");
    expect(result?.outcome.status).toBe("posted");
    const posts = s.fake.state.messages.filter((m) => m.channel === CHANNEL);
    expect(posts).toHaveLength(3);
    expect(posts.every((m) => m.pings === 0)).toBe(true);
    expect(posts[0]?.metadata).toEqual({ event_type: "paperboy_header", event_payload: { date: "2026-05-05" } });
    const papers = posts.filter((m) => m.metadata?.event_type === "paperboy_paper");
    expect(papers).toHaveLength(2);
    expect(papers.map((m) => m.metadata?.event_payload.paper_id)).not.toContain("header");
    expect(await s.app.deps.posts.lookup("slack", CHANNEL, posts[0]!.ts)).toBeUndefined();
    await s.signer.event({ type: "reaction_added", user: BOB, reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: papers[0]!.ts } });
    await waitFor(async () => (await s.app.deps.bookmarks.list({ platform: "slack", userId: BOB })).length === 1 || undefined, 5000, "bookmark");
  });

  it("answers settings, status and unsubscribe", async () => {
    expect(await run("settings", BOB)).toMatch(/Next post/i);
    expect(await run("status", BOB)).toMatch(/Only channel admins/);
    expect(await run("status", ALICE)).toMatch(/2026-05-05|Tue 5 May|last/i);
    expect(await run("unsubscribe", ALICE)).toMatch(/no longer|unsubscribed|stopped/i);
    expect(await s.app.deps.subscriptions!.list()).toEqual([]);
  });
});
