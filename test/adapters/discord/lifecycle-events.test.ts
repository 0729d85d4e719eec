// Discord destinations gone for good end their subscriptions: a deleted channel (CHANNEL_DELETE) and a server the
// bot was removed from (GUILD_DELETE) — while a server outage (GUILD_DELETE with unavailable) ends nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelJson } from "../../fakes/fake-discord-model.js";
import type { Subscription } from "../../../src/store/subscriptions.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

const sub = (channelId: string, workspaceId?: string): Subscription => ({
  platform: "discord",
  channelId,
  ...(workspaceId ? { workspaceId } : {}),
  time: "09:00",
  timezone: "UTC",
  top: 5,
  minUpvotes: 0,
  keywords: [],
  organizations: [],
  weekend: "skip",
  subscriberId: h.fake.world.users.mod.id,
  createdAt: "2025-06-01T00:00:00.000Z",
  activeFrom: "2025-06-01T00:00:00.000Z",
});
const repo = () => h.app.delivery.subscriptions;
const subscribed = async (channelId: string) => (await repo().get({ platform: "discord", channelId })) !== undefined;
const logged = (msg: string) => h.logs.filter((l) => l.msg === msg);

describe("Discord lifecycle events", () => {
  it("a deleted channel ends its subscription and says so in the log; others stay", async () => {
    const doomed = { id: "223344556677889900", name: "doomed", type: 0 as const, guildId: h.fake.world.guildId, botCanSend: true };
    h.fake.gateway.dispatch("CHANNEL_CREATE", channelJson(doomed));
    await repo().save(sub(doomed.id, h.fake.world.guildId));
    await repo().save(sub(h.fake.world.channel.id, h.fake.world.guildId));
    h.fake.gateway.dispatch("CHANNEL_DELETE", channelJson(doomed));
    await h.fake.waitFor(async () => !(await subscribed(doomed.id)));
    expect(await subscribed(h.fake.world.channel.id)).toBe(true);
    expect(logged("subscription ended")).toEqual([expect.objectContaining({ channel: doomed.id, why: "channel deleted" })]);
  });

  it("a server outage ends nothing; removal from the server ends every subscription there", async () => {
    await repo().save(sub(h.fake.world.lockedChannel.id, h.fake.world.guildId));
    await repo().save(sub("998877665544332211", "111111111111111111")); // another server
    h.fake.gateway.dispatch("GUILD_DELETE", { id: h.fake.world.guildId, unavailable: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(await subscribed(h.fake.world.channel.id)).toBe(true);
    expect(await subscribed(h.fake.world.lockedChannel.id)).toBe(true);

    h.fake.gateway.dispatch("GUILD_DELETE", { id: h.fake.world.guildId });
    await h.fake.waitFor(async () => !(await subscribed(h.fake.world.channel.id)) && !(await subscribed(h.fake.world.lockedChannel.id)));
    expect(logged("workspace subscriptions ended")).toEqual([expect.objectContaining({ workspace: h.fake.world.guildId, ended: 2 })]);
    expect(await subscribed("998877665544332211")).toBe(true);
  });
});
