// The fake Discord itself behaves like Discord where paperboy's tests depend on it: limits (400/50035),
// rate limits (429 + headers, global and per route), nonce dedupe, the interaction windows (10062/40060),
// auth, and intents on the gateway. Driven with plain fetch and a raw WebSocket, no discord.js.
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createFakeDiscord, type FakeDiscord, type FakeDiscordConfig } from "../../fakes/fake-discord.js";

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(config: FakeDiscordConfig = {}) {
  fake = await createFakeDiscord(config);
  return fake;
}

async function call(f: FakeDiscord, method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${f.apiUrl}/v10${path}`, {
    method,
    headers: { "content-type": "application/json", ...(auth ? { authorization: `Bot ${f.token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const ok = { content: "hi", allowed_mentions: { parse: [] } };

describe("fake Discord REST", () => {
  it("rejects over-limit messages with 400 / 50035 and Discord's error tree", async () => {
    const f = await start();
    const channel = `/channels/${f.world.channel.id}/messages`;
    const long = await call(f, "POST", channel, { content: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json).toMatchObject({ code: 50035, message: "Invalid Form Body", errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } });
    const embeds = await call(f, "POST", channel, { embeds: Array.from({ length: 3 }, () => ({ description: "d".repeat(2500) })) });
    expect(embeds.json).toMatchObject({ code: 50035, errors: { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } } });
    const id = await call(f, "POST", channel, { components: [{ type: 1, components: [{ type: 2, style: 1, label: "x", custom_id: "c".repeat(101) }] }] });
    expect(id.status).toBe(400);
    expect((await call(f, "POST", channel, { content: "" })).json).toMatchObject({ code: 50006 });
    expect(f.state.stats.invalidFormBody).toBe(4);
    expect((await call(f, "POST", channel, ok)).status).toBe(200);
  });

  it("answers a retried create with the same nonce with the first message", async () => {
    const f = await start();
    const path = `/channels/${f.world.channel.id}/messages`;
    const a = await call(f, "POST", path, { ...ok, nonce: "daily-1", enforce_nonce: true });
    const b = await call(f, "POST", path, { ...ok, nonce: "daily-1", enforce_nonce: true });
    expect(b.json.id).toBe(a.json.id);
    expect(f.state.channelMessages(f.world.channel.id)).toHaveLength(1);
  });

  it("forgets a nonce after its window, like Discord: a resend after that is a new message", async () => {
    const f = await start({ nonceWindowMs: 100 });
    const path = `/channels/${f.world.channel.id}/messages`;
    const a = await call(f, "POST", path, { ...ok, nonce: "daily-2", enforce_nonce: true });
    await new Promise((r) => setTimeout(r, 150));
    const b = await call(f, "POST", path, { ...ok, nonce: "daily-2", enforce_nonce: true });
    expect(b.json.id).not.toBe(a.json.id);
    expect(f.state.channelMessages(f.world.channel.id)).toHaveLength(2);
  });

  it("serves channel history newest first, with after / before / limit (1–100)", async () => {
    const f = await start();
    const path = `/channels/${f.world.channel.id}/messages`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(String((await call(f, "POST", path, { ...ok, content: `m${i}` })).json.id));
    const list = async (q: string) => ((await call(f, "GET", `${path}?${q}`)).json as unknown as { id: string }[]).map((m) => m.id);
    expect(await list("limit=2")).toEqual([ids[4], ids[3]]);
    expect(await list(`after=${ids[1]}&limit=2`)).toEqual([ids[3], ids[2]]);
    expect(await list(`before=${ids[2]}`)).toEqual([ids[1], ids[0]]);
    expect((await call(f, "GET", `${path}?limit=101`)).status).toBe(400);
    expect((await call(f, "GET", "/channels/1/messages")).status).toBe(404);
  });

  it.each([500, 502, 503, "drop"] as const)("can fail AFTER storing a message (%s), for the Nth matching request", async (fault) => {
    const f = await start();
    const path = `/channels/${f.world.channel.id}/messages`;
    let struck = 0;
    f.faultAfterWrite({ match: (r) => r.route === `POST ${path}`, skip: 1, fault, onStrike: () => (struck += 1) });
    expect((await call(f, "POST", path, ok)).status).toBe(200);
    const second = await call(f, "POST", path, ok).then((r) => r.status, () => "lost");
    expect(second).toBe(fault === "drop" ? "lost" : fault);
    expect(struck).toBe(1);
    expect(f.state.channelMessages(f.world.channel.id)).toHaveLength(2);
    expect((await call(f, "POST", path, ok)).status).toBe(200);
  });

  it("rate-limits like Discord: per-route buckets and the global limit, with 429 headers", async () => {
    const f = await start({ globalPerSecond: 6, buckets: { "POST /channels/:id/messages": { limit: 2, windowMs: 60_000 } } });
    const path = `/channels/${f.world.channel.id}/messages`;
    const first = await call(f, "POST", path, ok);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    await call(f, "POST", path, ok);
    const route = await call(f, "POST", path, ok);
    expect(route.status).toBe(429);
    expect(route.json).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(Number(route.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(route.headers.get("x-ratelimit-global")).toBeNull();
    for (let i = 0; i < 3; i++) await call(f, "GET", "/users/@me");
    const global = await call(f, "GET", "/users/@me");
    expect(global.status).toBe(429);
    expect(global.headers.get("x-ratelimit-global")).toBe("true");
    expect(global.json).toMatchObject({ global: true });
    expect(f.state.stats.rateLimited).toBe(2);
    expect(f.state.stats.invalidRequests).toBe(2);
  });

  it("refuses requests without the bot token and posts where the bot lacks permission", async () => {
    const f = await start();
    expect((await call(f, "GET", "/users/@me", undefined, false)).status).toBe(401);
    const locked = await call(f, "POST", `/channels/${f.world.lockedChannel.id}/messages`, ok);
    expect(locked).toMatchObject({ status: 403, json: { code: 50013 } });
  });

  it("enforces the 3-second window and a single acknowledgement per interaction", async () => {
    const f = await start({ interactionDeadlineMs: 100 });
    const late = f.slash("help");
    await new Promise((r) => setTimeout(r, 150));
    const tooLate = await call(f, "POST", `/interactions/${late.id}/${late.token}/callback`, { type: 5, data: { flags: 64 } }, false);
    expect(tooLate).toMatchObject({ status: 404, json: { code: 10062 } });
    const twice = f.slash("help");
    expect((await call(f, "POST", `/interactions/${twice.id}/${twice.token}/callback`, { type: 5 }, false)).status).toBe(204);
    const again = await call(f, "POST", `/interactions/${twice.id}/${twice.token}/callback`, { type: 4, data: ok }, false);
    expect(again).toMatchObject({ status: 400, json: { code: 40060 } });
    expect(twice.errors).toEqual([40060]);
  });
});

describe("fake Discord gateway", () => {
  it("speaks HELLO/IDENTIFY/READY/GUILD_CREATE, acks heartbeats and withholds events the bot did not subscribe to", async () => {
    const f = await start();
    const ws = new WebSocket(`${f.apiUrl.replace("http", "ws").replace("/api", "")}/?v=10&encoding=json`);
    const frames: { op: number; t: string | null; d: Record<string, unknown> }[] = [];
    ws.on("message", (raw) => frames.push(JSON.parse(String(raw)) as (typeof frames)[number]));
    await f.waitFor(() => frames.find((x) => x.op === 10));
    ws.send(JSON.stringify({ op: 2, d: { token: f.token, intents: 1, properties: {} } }));
    await f.waitFor(() => frames.find((x) => x.t === "GUILD_CREATE"));
    expect(frames.find((x) => x.t === "READY")?.d).toMatchObject({ application: { id: f.world.applicationId } });
    ws.send(JSON.stringify({ op: 1, d: 2 }));
    await f.waitFor(() => frames.find((x) => x.op === 11));
    expect(f.react({ id: "123456789012345678", channelId: f.world.channel.id })).toBe(false);
    expect(f.gateway.withheld).toEqual(["MESSAGE_REACTION_ADD"]);
    ws.close();
  });
});
