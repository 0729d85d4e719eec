// Failure semantics over simulated days against the fake platforms: a channel that failed and recovers gets one
// post per slot (never the stale list as well), re-subscribing starts from a clean slate and the subscriber is
// told again, and a post refused because the channel is gone ends that subscription.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { startPaperboy } from "./in-process.js";
import { commands } from "../../../commands/index.js";
import { createCore } from "../../../src/core.js";
import { createWorld, received, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
  world.hf.setDaily(
    "2025-06-13",
    Array.from({ length: 3 }, (_, i) => makeDailyItem({ id: `2506.2000${i}`, title: `Friday paper ${i}`, upvotes: 50 - i, listDate: "2025-06-13" })),
  );
});
afterAll(async () => {
  await world?.close();
});

const memory = () => `memory://${randomUUID()}`;
const FRIDAY_SLOT = "2025-06-13T07:00:30.000Z"; // 09:00:30 Berlin; Thursday's list is the latest closed one
const SATURDAY_SLOT = "2025-06-14T07:00:30.000Z"; // Friday's list is the latest closed one

const headers = (channel: string) =>
  [...world.discord.state.messages.values()].filter(
    (m) => m.channelId === channel && m.via === "channel" && String((m.body.embeds as { title?: string }[] | undefined)?.[0]?.title).startsWith("Hugging Face Daily Papers"),
  );
const dmsTo = (userId: string) => [...world.discord.state.messages.values()].filter((m) => m.channelId === `${userId.slice(0, -3)}999`);

describe("failure semantics", () => {
  it("permission missing on day 1, fixed on day 2: one post in day 2's slot, not the stale list as well", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT);
    const channel = world.discordChannel({ botCanSend: false });
    await pb.stack.subscriptions.save(subscription("discord", channel));
    expect((await pb.stack.engine.runDue())[0]?.outcome).toMatchObject({ status: "failed", reason: "no_permission" });
    expect(received(world, "discord", channel).size).toBe(0);

    world.discord.world.channels.get(channel)!.botCanSend = true;
    pb.setNow(SATURDAY_SLOT);
    const [day2] = await pb.stack.engine.runDue();
    expect(day2?.outcome).toMatchObject({ status: "posted", postDate: "2025-06-13", sent: 4 });
    expect(headers(channel)).toHaveLength(1);
    const got = received(world, "discord", channel);
    expect([...got.keys()].sort()).toEqual(["2506.20000", "2506.20001", "2506.20002", "header"]);
    // Nothing more in that slot, and the state is healthy again.
    pb.setNow("2025-06-14T09:00:00.000Z");
    expect(await pb.stack.engine.runDue()).toEqual([]);
    const state = await pb.stack.subscriptions.getState({ platform: "discord", channelId: channel });
    expect(state.failing).toBeUndefined();
    expect(state.pendingDate).toBeUndefined();
    await pb.close();
  });

  it("a channel that had posts before names the missed list in one line of the one catch-up post", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT);
    const channel = world.discordChannel({ botCanSend: false });
    await pb.stack.subscriptions.save(subscription("discord", channel));
    await pb.stack.subscriptions.saveState({ platform: "discord", channelId: channel }, { lastDate: "2025-06-11" });
    await pb.stack.engine.runDue();
    world.discord.world.channels.get(channel)!.botCanSend = true;
    pb.setNow(SATURDAY_SLOT);
    await pb.stack.engine.runDue();
    const [header] = headers(channel);
    expect(headers(channel)).toHaveLength(1);
    expect(JSON.stringify(header?.body)).toMatch(/missed the list of Thu 12 Jun 2025/);
    expect(received(world, "discord", channel).has(`2506.${String(10000)}`)).toBe(false);
    await pb.close();
  });

  it("re-subscribing after paperboy gave up starts from a clean slate, and the subscriber is told again", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT, { DELIVERY_GIVE_UP_DAYS: "1" });
    const channel = world.discordChannel({ botCanSend: false });
    const mod = world.discord.world.users.mod.id;
    const key = { platform: "discord" as const, channelId: channel };
    await pb.stack.subscriptions.save(subscription("discord", channel, { subscriberId: mod }));
    await pb.stack.engine.runDue();
    pb.setNow(SATURDAY_SLOT);
    await pb.stack.engine.runDue();
    expect((await pb.stack.subscriptions.getState(key)).gaveUpAt).toBeDefined();
    const noticesBefore = dmsTo(mod).length;

    // /paper subscribe again (through the real command), still without permission.
    pb.setNow("2025-06-14T08:00:00.000Z");
    const core = createCore(pb.app.deps, commands);
    const reply = await core.runCommand({
      caller: { platform: "discord", userId: mod, channelId: channel, workspaceId: world.discord.world.guildId, isAdmin: async () => true },
      name: "subscribe",
      input: { kind: "options", options: { time: "09:30", timezone: "Europe/Berlin" } },
    });
    expect(JSON.stringify(reply)).toMatch(/Updated/);
    const cleared = await pb.stack.subscriptions.getState(key);
    expect(cleared.gaveUpAt).toBeUndefined();
    expect(cleared.failing).toBeUndefined();

    pb.setNow("2025-06-15T07:30:30.000Z"); // Sunday 09:30:30 Berlin: the first slot after re-subscribing
    const [retried] = await pb.stack.engine.runDue();
    expect(retried?.outcome).toMatchObject({ status: "failed", reason: "no_permission" });
    const state = await pb.stack.subscriptions.getState(key);
    expect(state.gaveUpAt).toBeUndefined();
    expect(state.failing?.count).toBe(1);
    expect(dmsTo(mod).length).toBe(noticesBefore + 1);
    await pb.close();
  });

  it("a post refused because the channel is gone ends that subscription", async () => {
    const pb = await startPaperboy(world, memory(), FRIDAY_SLOT);
    const channel = world.discordChannel();
    await pb.stack.subscriptions.save(subscription("discord", channel));
    world.discord.world.channels.delete(channel);
    expect((await pb.stack.engine.runDue())[0]?.outcome).toMatchObject({ status: "failed", reason: "channel_gone" });
    expect(await pb.stack.subscriptions.get({ platform: "discord", channelId: channel })).toBeUndefined();
    expect(received(world, "discord", channel).size).toBe(0);
    await pb.close();
  });
});
