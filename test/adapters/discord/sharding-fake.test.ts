// The fake gateway shards like Discord (platforms.md A9), checked with raw WebSockets and no discord.js:
// READY/GUILD_CREATE only for the session's guilds, events routed by `(guild_id >> 22) % num_shards`, guild-less
// events to shard 0, 4010 for a bad shard, /gateway/bot's recommendation, and a second session for one shard
// recorded (Discord allows it, and both sessions then hear that shard's events).
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { shardOf } from "../../fakes/fake-discord-shards.js";

type Frame = { op: number; t: string | null; d: Record<string, unknown> };

let fake: FakeDiscord | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await fake?.close();
  fake = undefined;
});

/** Connects and identifies as `shard`; resolves with the frames received (live) and the close code, if any. */
async function identify(f: FakeDiscord, shard?: unknown) {
  const ws = new WebSocket(`${f.apiUrl.replace("http", "ws").replace("/api", "")}/?v=10&encoding=json`);
  sockets.push(ws);
  const session = { frames: [] as Frame[], closed: undefined as number | undefined };
  ws.on("message", (raw) => session.frames.push(JSON.parse(String(raw)) as Frame));
  ws.on("close", (code) => (session.closed = code));
  await f.waitFor(() => session.frames.find((x) => x.op === 10));
  ws.send(JSON.stringify({ op: 2, d: { token: f.token, intents: 1 | (1 << 10), properties: {}, ...(shard === undefined ? {} : { shard }) } }));
  return session;
}
const ids = (s: { frames: Frame[] }, t: string) => s.frames.filter((x) => x.t === t).map((x) => String(x.d.id));

describe("fake Discord gateway, sharded", () => {
  it("recommends the configured shards with enough identify concurrency to start them together", async () => {
    const f = (fake = await createFakeDiscord({ shards: 4 }));
    const res = await fetch(`${f.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${f.token}` } });
    expect(await res.json()).toMatchObject({ shards: 4, session_start_limit: { max_concurrency: 4 } });
  });

  it("tells each shard only about its guilds and routes events by the formula; guild-less ones go to shard 0", async () => {
    const f = (fake = await createFakeDiscord({ shards: 2 }));
    const zero = f.addGuild("zero", [0, 2]);
    const one = f.addGuild("one", [1, 2]);
    const [s0, s1] = [await identify(f, [0, 2]), await identify(f, [1, 2])];
    await f.waitFor(() => s0.frames.some((x) => x.t === "GUILD_CREATE") && s1.frames.some((x) => x.t === "GUILD_CREATE"));
    const onShard = (n: number) => [...f.world.guilds.keys()].filter((id) => shardOf(id, 2) === n).sort();
    expect(ids(s0, "GUILD_CREATE").sort()).toEqual(onShard(0));
    expect(ids(s1, "GUILD_CREATE").sort()).toEqual(onShard(1));
    expect(s1.frames.find((x) => x.t === "READY")?.d).toMatchObject({ shard: [1, 2] });

    expect(f.react({ id: "123456789012345678", channelId: one.channel.id })).toBe(true);
    expect(f.react({ id: "123456789012345679", channelId: zero.channel.id })).toBe(true);
    f.slash("help", {}, { dm: true });
    await f.waitFor(() => s0.frames.some((x) => x.t === "INTERACTION_CREATE"));
    const reactionsOn = (s: typeof s0) => s.frames.filter((x) => x.t === "MESSAGE_REACTION_ADD").map((x) => x.d.channel_id);
    expect(reactionsOn(s1)).toEqual([one.channel.id]);
    expect(reactionsOn(s0)).toEqual([zero.channel.id]);
    expect(s1.frames.some((x) => x.t === "INTERACTION_CREATE")).toBe(false);
  });

  it("closes a session that names an impossible shard with 4010", async () => {
    const f = (fake = await createFakeDiscord({ shards: 2 }));
    const bad = await identify(f, [2, 2]);
    await f.waitFor(() => bad.closed);
    expect(bad.closed).toBe(4010);
  });

  it("records a second IDENTIFY for a shard that is connected, and both sessions hear its events", async () => {
    const f = (fake = await createFakeDiscord());
    const first = await identify(f);
    const second = await identify(f, [0, 1]);
    await f.waitFor(() => second.frames.some((x) => x.t === "READY"));
    expect(f.gateway.duplicateIdentifies).toEqual([[0, 1]]);
    f.slash("help");
    await f.waitFor(() => [first, second].every((s) => s.frames.some((x) => x.t === "INTERACTION_CREATE")));
  });
});
