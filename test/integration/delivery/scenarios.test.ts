// Delivery over simulated days against the fake platforms: Hugging Face down then up, permission errors kept to
// their channel (with one private notice), a week offline caught up in one post, first post at the first slot,
// and one Hugging Face request per date however many channels.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { startPaperboy } from "./in-process.js";
import { createWorld, LIST_DATE, PAPERS_PER_LIST, received, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

const memory = () => `memory://${randomUUID()}`;
// Friday 2025-06-13, 09:00:30 in Berlin: Thursday's list (LIST_DATE) is the latest closed one.
const FRIDAY_SLOT = "2025-06-13T07:00:30.000Z";

describe("delivery scenarios", () => {
  it("Hugging Face down: retried with backoff, then the post arrives once, the same day", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT);
    const channel = world.slackChannel();
    await pb.stack.subscriptions.save(subscription("slack", channel));
    world.hf.setFault((r) => r.path.startsWith("/api/daily_papers") && r.query.date === LIST_DATE, { status: 503 });
    const [first] = await pb.stack.engine.runDue();
    expect(first?.outcome).toMatchObject({ status: "failed", kind: "transient" });
    expect(received(world, "slack", channel).size).toBe(0);
    const state = await pb.stack.subscriptions.getState({ platform: "slack", channelId: channel });
    expect(state.retry?.attempts).toBe(1);
    // Not before the backoff has passed …
    pb.setNow("2025-06-13T07:01:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    // … and when Hugging Face is back, exactly once.
    world.hf.clearFaults();
    pb.setNow("2025-06-13T07:03:00.000Z");
    expect((await pb.stack.engine.runDue())[0]?.outcome).toMatchObject({ status: "posted", sent: PAPERS_PER_LIST + 1 });
    pb.setNow("2025-06-13T09:00:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    const got = received(world, "slack", channel);
    expect(got.size).toBe(PAPERS_PER_LIST + 1);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    await pb.close();
  });

  it("a channel without permission fails alone, the subscriber hears once, and paperboy gives up after N days", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT, { DELIVERY_GIVE_UP_DAYS: "2" });
    const good = [world.discordChannel(), world.slackChannel()];
    const locked = world.discordChannel({ botCanSend: false });
    const archived = world.slackChannel();
    world.slack.state.channel(archived).archived = true;
    const mod = world.discord.world.users.mod.id;
    await pb.stack.subscriptions.save(subscription("discord", good[0]!));
    await pb.stack.subscriptions.save(subscription("slack", good[1]!));
    await pb.stack.subscriptions.save(subscription("discord", locked, { subscriberId: mod }));
    await pb.stack.subscriptions.save(subscription("slack", archived, { subscriberId: "UADMIN1" }));

    const results = await pb.stack.engine.runDue();
    const by = new Map(results.map((r) => [r.channelId, r.outcome]));
    expect(by.get(locked)).toMatchObject({ status: "failed", kind: "permanent" });
    expect(by.get(archived)).toMatchObject({ status: "failed", kind: "permanent" });
    expect(received(world, "discord", good[0]!).size).toBe(PAPERS_PER_LIST + 1);
    expect(received(world, "slack", good[1]!).size).toBe(PAPERS_PER_LIST + 1);

    const dmsTo = () => [...world.discord.state.messages.values()].filter((m) => m.channelId === `${mod.slice(0, -3)}999`);
    const slackDms = () => world.slack.state.messages.filter((m) => world.slack.state.channels.get(m.channel)?.dmUser === "UADMIN1");
    expect(dmsTo()).toHaveLength(1);
    expect(String((dmsTo()[0]?.body.embeds as { description?: string }[] | undefined)?.[0]?.description ?? dmsTo()[0]?.body.content)).toMatch(/permission/);
    expect(slackDms()).toHaveLength(1);
    expect(slackDms()[0]?.text).toContain("archived");

    // Not retried every minute: the next attempt is the next slot. Still failing then: no second notice.
    pb.setNow("2025-06-13T07:30:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    pb.setNow("2025-06-14T07:00:30.000Z");
    await pb.stack.engine.runDue();
    expect(dmsTo()).toHaveLength(1);
    expect((await pb.stack.subscriptions.getState({ platform: "discord", channelId: locked })).failing?.count).toBe(2);
    // Two days after it started failing paperboy stops trying.
    pb.setNow("2025-06-15T07:00:30.000Z");
    await pb.stack.engine.runDue();
    expect((await pb.stack.subscriptions.getState({ platform: "discord", channelId: locked })).gaveUpAt).toBeDefined();
    pb.setNow("2025-06-16T07:00:30.000Z");
    const later = await pb.stack.engine.runDue();
    expect(later.map((r) => r.channelId)).not.toContain(locked);
    await pb.close();
  });

  it("a week offline: one catch-up post with the latest list, naming the missed ones", async () => {
    const pb = await startPaperboy(world, memory(), "2025-06-06T07:00:30.000Z");
    for (const date of ["2025-06-05", "2025-06-09", "2025-06-10", "2025-06-11", "2025-06-12"]) {
      world.hf.setDaily(date, [makeDailyItem({ id: `2506.${date.slice(8)}001`, title: `Only paper of ${date}`, upvotes: 3, listDate: date })]);
    }
    const channel = world.slackChannel();
    await pb.stack.subscriptions.save(subscription("slack", channel, { activeFrom: "2025-06-05T00:00:00.000Z" }));
    await pb.stack.engine.runDue(); // Friday 6 June: gets Thursday 5 June.
    expect(received(world, "slack", channel).size).toBe(2);
    // Down until the next Friday.
    pb.setNow("2025-06-13T08:15:00.000Z");
    const results = await pb.stack.engine.runDue();
    expect(results).toHaveLength(1);
    expect(results[0]?.outcome).toMatchObject({ status: "posted", postDate: LIST_DATE });
    const headers = world.slack.state.messages.filter((m) => m.channel === channel && m.metadata?.event_type === "paperboy_header");
    expect(headers).toHaveLength(2);
    expect(headers[1]?.text).toMatch(/missed the lists of Mon 9 Jun 2025, Tue 10 Jun 2025 and Wed 11 Jun 2025/);
    pb.setNow("2025-06-13T12:00:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    await pb.close();
  });

  it("a new subscription posts first at its first slot after it was made", async () => {
    const pb = await startPaperboy(world, memory(), "2025-06-13T07:30:00.000Z"); // 09:30 Berlin, after today's slot
    const channel = world.discordChannel();
    await pb.stack.subscriptions.save(subscription("discord", channel, { activeFrom: "2025-06-13T07:30:00.000Z" }));
    expect(await pb.stack.engine.runDue()).toEqual([]);
    pb.setNow("2025-06-14T06:59:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    pb.setNow("2025-06-14T07:00:10.000Z");
    expect((await pb.stack.engine.runDue())[0]?.outcome).toMatchObject({ status: "posted" });
    await pb.close();
  });

  it("one Hugging Face request for a date, however many channels", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT);
    world.hf.setDaily("2025-06-11", [makeDailyItem({ id: "2506.99001", title: "Wednesday paper", upvotes: 1, listDate: "2025-06-11" })]);
    const channels = Array.from({ length: 60 }, () => world.slackChannel());
    for (const c of channels) await pb.stack.subscriptions.save(subscription("slack", c, { top: 1 }));
    const before = world.hf.requests.filter((r) => r.query.date === "2025-06-11").length;
    const results = await pb.stack.engine.deliverDate("2025-06-11");
    expect(results.filter((r) => r.outcome.status === "posted")).toHaveLength(60);
    expect(world.hf.requests.filter((r) => r.query.date === "2025-06-11").length - before).toBe(1);
    // Idempotent: a second pass for the date posts nothing.
    const again = await pb.stack.engine.deliverDate("2025-06-11");
    expect(again.every((r) => r.outcome.status === "nothing")).toBe(true);
    await pb.close();
  });
});
