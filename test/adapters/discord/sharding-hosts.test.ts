// One bot split over two paperboy processes (DISCORD_SHARDS=2, DISCORD_SHARD_IDS=0 and =1) sharing one SQLite
// store, each with its own scheduler — the multi-host setup. Discord routes each guild's commands and 🔖 to
// the process running its shard, and delivery follows the same rule: both processes run the same pass, and
// every channel is posted once, by the process that owns its guild.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";
import { channelMessages, createShardWorld, createsIn, DATE, SHARDS, subscribeAsMod, TOP, type ShardWorld } from "./sharding-world.js";

let w: ShardWorld;
let hosts: DiscordHarness[] = [];
let dir: string;
beforeAll(async () => {
  w = await createShardWorld();
  dir = mkdtempSync(join(tmpdir(), "paperboy-shards-"));
  const storeUrl = `sqlite://${join(dir, "store.sqlite")}`;
  hosts = await Promise.all(
    [0, 1].map((id) =>
      startDiscordHarness({ reuse: { fake: w.fake, hf: w.hf }, storeUrl, env: { DISCORD_SHARDS: String(SHARDS), DISCORD_SHARD_IDS: String(id) } }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("two processes, one shard each, one store", () => {
  it("each process identifies only its own shard", () => {
    expect(w.fake.gateway.identifies.map((d) => d.shard).sort()).toEqual([
      [0, SHARDS],
      [1, SHARDS],
    ]);
    expect(w.fake.gateway.duplicateIdentifies).toEqual([]);
    for (const h of hosts) expect(h.adapter.isReady()).toBe(true);
  });

  it("a command in each guild is answered by the process running its shard", async () => {
    for (const [shard, guild] of w.guilds.entries()) {
      expect(await subscribeAsMod(w.fake, guild)).toMatch(/09:00/);
      expect(hosts[shard]!.seen.commands.map((c) => c.caller.channelId)).toEqual([guild.channel.id]);
    }
    // Both processes see both subscriptions through the shared store.
    for (const h of hosts) expect(await h.app.delivery.subscriptions.list()).toHaveLength(2);
  });

  it("both run the delivery pass: every channel is posted once, by the owner of its guild's shard", async () => {
    const [zero, one] = await Promise.all(hosts.map((h) => h.app.delivery.engine.deliverDate(DATE)));
    const outcome = (results: typeof zero, shard: number) => results?.find((r) => r.channelId === w.guilds[shard]!.channel.id)?.outcome;
    expect(outcome(zero, 0)).toMatchObject({ status: "posted", sent: TOP + 1 });
    expect(outcome(zero, 1)).toEqual({ status: "skipped", reason: "not-connected" });
    expect(outcome(one, 1)).toMatchObject({ status: "posted", sent: TOP + 1 });
    expect(outcome(one, 0)).toEqual({ status: "skipped", reason: "not-connected" });
    for (const guild of w.guilds) {
      expect(channelMessages(w.fake, guild)).toHaveLength(TOP + 1);
      expect(createsIn(w.fake, guild)).toBe(TOP + 1);
    }
  });

  it("a 🔖 in each guild reaches the process running its shard, and lands in the shared store", async () => {
    const alice = { platform: "discord" as const, userId: w.fake.world.users.alice.id };
    // One after the other: bookmark updates are serialised per process only (src/store/bookmarks.ts), so the
    // same user's 🔖 in the same instant on two hosts could still overwrite each other.
    for (const [shard, guild] of w.guilds.entries()) {
      const paper = channelMessages(w.fake, guild)[1 + shard]!;
      w.fake.react({ id: paper.id, channelId: guild.channel.id }, { user: w.fake.world.users.alice });
      await w.fake.waitFor(() => hosts[shard]!.seen.reactions.some((r) => r.messageId === paper.id));
      expect(hosts[1 - shard]!.seen.reactions.some((r) => r.messageId === paper.id)).toBe(false);
      await w.fake.waitFor(async () => (await hosts[1 - shard]!.app.deps.bookmarks.list(alice)).length === shard + 1);
    }
    expect(await hosts[0]!.app.deps.bookmarks.list(alice)).toHaveLength(2);
  });

  it("routes a channel it has never seen by asking Discord for its guild", async () => {
    const [zero] = hosts;
    // No subscription hint and not in this process's cache: the guild comes from GET /channels/:id.
    expect(await zero!.adapter.canDeliver!(w.guilds[1]!.channel.id)).toBe(false);
    expect(await zero!.adapter.canDeliver!(w.guilds[0]!.channel.id)).toBe(true);
    // A deleted channel is let through, so the post reports it (and the subscription is marked failing).
    expect(await zero!.adapter.canDeliver!("1199999999999999999")).toBe(true);
    const lookups = w.fake.state.requests.filter((r) => r.method === "GET" && r.path === `/channels/${w.guilds[1]!.channel.id}`);
    expect(lookups).toHaveLength(1);
    expect(await zero!.adapter.canDeliver!(w.guilds[1]!.channel.id)).toBe(false);
    expect(w.fake.state.requests.filter((r) => r.method === "GET" && r.path === `/channels/${w.guilds[1]!.channel.id}`)).toHaveLength(1);
  });
});
