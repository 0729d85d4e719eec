// Two gateway shards in one paperboy process (DISCORD_SHARDS=auto, the fake recommending 2), on the REAL
// discord.js Client: each shard hears only its own guilds, a command and a 🔖 work on each shard, the daily
// post reaches channels on both shards once each, and a shard outage delays that shard's channels without
// marking them failing, while /healthz reports 503 until every shard is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { shardOf } from "../../fakes/fake-discord-shards.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";
import { channelMessages, createShardWorld, createsIn, DATE, SECOND_DATE, SHARDS, subscribeAsMod, TOP, type ShardWorld } from "./sharding-world.js";

let w: ShardWorld;
let h: DiscordHarness;
let http: HttpServer;
let healthUrl: string;
beforeAll(async () => {
  w = await createShardWorld();
  h = await startDiscordHarness({ reuse: { fake: w.fake, hf: w.hf } });
  // The /healthz the bot serves, wired the way src/main.ts wires it.
  http = createHttpServer({ isHealthy: () => h.adapter.isReady() });
  healthUrl = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/healthz`;
});
afterAll(async () => {
  await http?.close();
  await h?.close();
  await w?.close();
});

const health = async () => (await fetch(healthUrl)).status;
const owner = (userId: string) => ({ platform: "discord" as const, userId });

describe("Discord with two shards in one process", () => {
  it("opens one session per shard, as /gateway/bot recommends, each told only about its own guilds", async () => {
    const shards = w.fake.gateway.identifies.map((d) => d.shard);
    expect(shards.sort()).toEqual([
      [0, SHARDS],
      [1, SHARDS],
    ]);
    expect(w.fake.gateway.duplicateIdentifies).toEqual([]);
    const readies = w.fake.state.frames.filter((f) => f.kind === "gateway-out" && f.frame.t === "READY").map((f) => f.frame.d as { shard: number[]; guilds: { id: string }[] });
    for (const ready of readies) {
      for (const g of ready.guilds) expect(shardOf(g.id, SHARDS)).toBe(ready.shard[0]);
    }
    expect(readies.flatMap((r) => r.guilds.map((g) => g.id)).sort()).toEqual([...w.fake.world.guilds.keys()].sort());
    expect(await health()).toBe(200);
  });

  it("answers a command typed on each shard, in that guild", async () => {
    for (const [shard, guild] of w.guilds.entries()) {
      const before = w.fake.gateway.routed.get(`${shard}:INTERACTION_CREATE`) ?? 0;
      expect(await subscribeAsMod(w.fake, guild)).toMatch(/09:00/);
      expect(w.fake.gateway.routed.get(`${shard}:INTERACTION_CREATE`)).toBe(before + 1);
      const caller = h.seen.commands.at(-1)?.caller;
      expect(caller).toMatchObject({ workspaceId: guild.guildId, channelId: guild.channel.id });
      expect(await caller?.isAdmin()).toBe(true);
    }
    expect((await h.app.delivery.subscriptions.list()).map((s) => s.channelId).sort()).toEqual(w.guilds.map((g) => g.channel.id).sort());
  });

  it("delivers the daily post to the channels on both shards, each message once", async () => {
    const results = await h.app.delivery.engine.deliverDate(DATE);
    expect(results.map((r) => r.outcome.status)).toEqual(["posted", "posted"]);
    for (const guild of w.guilds) {
      expect(channelMessages(w.fake, guild)).toHaveLength(TOP + 1);
      expect(createsIn(w.fake, guild)).toBe(TOP + 1);
    }
    const again = await h.app.delivery.engine.deliverDate(DATE);
    expect(again.map((r) => r.outcome.status)).toEqual(["nothing", "nothing"]);
    for (const guild of w.guilds) expect(createsIn(w.fake, guild)).toBe(TOP + 1);
  });

  it("bookmarks a 🔖 added on each shard", async () => {
    const alice = w.fake.world.users.alice;
    for (const [shard, guild] of w.guilds.entries()) {
      // Both channels got the same list: a different paper on each, so each 🔖 adds a bookmark.
      const paper = channelMessages(w.fake, guild)[1 + shard]!;
      const before = w.fake.gateway.routed.get(`${shard}:MESSAGE_REACTION_ADD`) ?? 0;
      expect(w.fake.react({ id: paper.id, channelId: guild.channel.id }, { user: alice })).toBe(true);
      expect(w.fake.gateway.routed.get(`${shard}:MESSAGE_REACTION_ADD`)).toBe(before + 1);
    }
    const saved = await w.fake.waitFor(async () => {
      const list = await h.app.deps.bookmarks.list(owner(alice.id));
      return list.length === 2 ? list : undefined;
    });
    expect(saved).toHaveLength(2);
  });

  it("during one shard's outage: /healthz is 503, the other shard's channel is served, this one waits unmarked", async () => {
    const [up, down] = w.guilds as [ShardWorld["guilds"][0], ShardWorld["guilds"][0]];
    const restore = w.fake.gateway.outage(1);
    await w.fake.waitFor(() => !h.adapter.isReady());
    expect(await health()).toBe(503);

    const during = await h.app.delivery.engine.deliverDate(SECOND_DATE);
    const outcome = (channelId: string) => during.find((r) => r.channelId === channelId)?.outcome;
    expect(outcome(up.channel.id)).toMatchObject({ status: "posted" });
    expect(outcome(down.channel.id)).toEqual({ status: "skipped", reason: "not-connected" });
    const state = await h.app.delivery.subscriptions.getState({ platform: "discord", channelId: down.channel.id });
    expect(state.failing).toBeUndefined();
    expect(state.retry).toBeUndefined();
    // A 🔖 while the shard is away is kept by Discord's session and replayed on resume: nothing is lost.
    const mod = w.fake.world.users.mod;
    w.fake.react({ id: channelMessages(w.fake, down)[1]!.id, channelId: down.channel.id }, { user: mod });

    restore();
    await w.fake.waitFor(() => h.adapter.isReady(), 10_000);
    expect(await health()).toBe(200);
    expect(w.fake.gateway.resumes).toBeGreaterThanOrEqual(1);
    expect(h.logs.filter((l) => /discord: shard (reconnecting|resumed)/.test(l.msg)).map((l) => [l.msg, l.shardId])).toEqual([
      ["discord: shard reconnecting", 1],
      ["discord: shard resumed", 1],
    ]);
    await w.fake.waitFor(async () => (await h.app.deps.bookmarks.list(owner(mod.id))).length === 1);
    const after = await h.app.delivery.engine.deliverDate(SECOND_DATE);
    expect(after.find((r) => r.channelId === down.channel.id)?.outcome).toMatchObject({ status: "posted" });
    for (const guild of w.guilds) expect(createsIn(w.fake, guild)).toBe(2 * (TOP + 1));
  });
});
