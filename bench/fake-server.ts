// Runs a fake platform for the benchmarks in its own process (forked with IPC), so the fake's CPU does not
// compete with paperboy's on the same thread. Discord: the fake Discord with scaled limits and N channels.
// Slack: the fake Slack behind a proxy enforcing chat.postMessage at `perChannel` messages/s per channel
// (429 + Retry-After, like Slack). Answers {type:"stats"} with the 429 count and messages stored.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeDiscord } from "../test/fakes/fake-discord.js";
import { snowflake } from "../test/fakes/fake-discord-model.js";
import { createFakeSlack } from "../test/fakes/fake-slack.js";

interface Args {
  platform: "discord" | "slack";
  channels: number;
  /** Discord: global req/s; bucket limit per window. Slack: messages per second per channel. */
  globalPerSecond?: number;
  bucket?: { limit: number; windowMs: number };
  slackPerChannelPerSecond?: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as Args;
const send = (msg: unknown) => process.send?.(msg);

if (args.platform === "discord") {
  const bucket = args.bucket ?? { limit: 5, windowMs: 5000 };
  const discord = await createFakeDiscord({
    globalPerSecond: args.globalPerSecond ?? 50,
    buckets: { "POST /channels/:id/messages": bucket, "PUT /channels/:id/messages/:id/reactions/:emoji/@me": bucket, "PATCH /channels/:id/messages/:id": bucket },
  });
  const channelIds = Array.from({ length: args.channels }, () => {
    const id = snowflake();
    discord.world.channels.set(id, { id, name: `c${id.slice(-5)}`, type: 0, guildId: discord.world.guildId, botCanSend: true });
    return id;
  });
  process.on("message", (m: { type: string; channels?: string[]; perChannel?: number }) => {
    if (m.type === "seed") {
      // Messages "posted on earlier days" (live-votes bench): stored directly, no request, ids per channel.
      const ids = (m.channels ?? []).map((channelId) =>
        Array.from({ length: m.perChannel ?? 0 }, () => discord.state.store({ channelId, body: { embeds: [{ title: "earlier" }], allowed_mentions: { parse: [] } }, files: [], via: "channel" }).id),
      );
      send({ type: "seeded", ids });
    }
    if (m.type === "stats") {
      const messages = [...discord.state.messages.values()].filter((x) => x.via === "channel").length;
      const times = discord.state.requests.filter((r) => r.method !== "GET").map((r) => r.at);
      const first = Math.min(...times);
      const perSecond: number[] = [];
      for (const t of times) perSecond[Math.floor((t - first) / 1000)] = (perSecond[Math.floor((t - first) / 1000)] ?? 0) + 1;
      send({ type: "stats", rateLimited: discord.state.stats.rateLimited, messages, spanMs: Math.max(...times) - first, perSecond, first, last: Math.max(...times) });
    }
    if (m.type === "timeline") {
      // When the given channels' messages and 🔖 reactions reached the fake (epoch ms), and their 429s.
      const ids = new Set(m.channels ?? []);
      const mine = discord.state.requests.filter((r) => ids.has(r.path.split("/")[2] ?? ""));
      const at = (f: (r: (typeof mine)[number]) => boolean) => mine.filter(f).map((r) => r.at);
      const posts = at((r) => r.method === "POST" && r.path.endsWith("/messages") && r.status < 300);
      const reactions = at((r) => r.method === "PUT" && r.path.includes("/reactions/") && r.status < 300);
      const reactionsBeforeLastPost = reactions.filter((t) => t < Math.max(...posts)).length;
      const editTimes = at((r) => r.method === "PATCH" && r.status < 300);
      send({
        type: "timeline",
        posts: posts.length,
        firstPost: Math.min(...posts),
        lastPost: Math.max(...posts),
        reactions: reactions.length,
        lastReaction: reactions.length > 0 ? Math.max(...reactions) : undefined,
        reactionsBeforeLastPost,
        editTimes,
        edits429: mine.filter((r) => r.status === 429 && r.method === "PATCH").length,
        rateLimited: mine.filter((r) => r.status === 429).length,
      });
    }
  });
  send({ type: "ready", apiUrl: discord.apiUrl, token: discord.token, channelIds });
} else {
  const slack = await createFakeSlack();
  const perChannel = args.slackPerChannelPerSecond ?? 1;
  const windows = new Map<string, { start: number; count: number }>();
  let rateLimited = 0;
  const upstream = new URL(slack.baseUrl);
  // Slack counts chat.postMessage per channel in (about) one-second windows; over it answers 429 + Retry-After.
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (req.url?.endsWith("/chat.postMessage")) {
        const text = body.toString();
        const channel = (req.headers["content-type"] ?? "").includes("json")
          ? String((JSON.parse(text) as { channel?: string }).channel)
          : (new URLSearchParams(text).get("channel") ?? "");
        const now = Date.now();
        let w = windows.get(channel);
        if (!w || now - w.start >= 1000) w = { start: now, count: 0 };
        windows.set(channel, w);
        if (w.count >= perChannel) {
          rateLimited += 1;
          res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
          return void res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        }
        w.count += 1;
      }
      const fwd = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 500, up.headers);
          up.pipe(res);
        },
      );
      fwd.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const port = (proxy.address() as AddressInfo).port;
  const channelIds = Array.from({ length: args.channels }, (_, i) => {
    const id = `CB${String(i).padStart(7, "0")}`;
    slack.state.channel(id);
    return id;
  });
  process.on("message", (m: { type: string }) => {
    if (m.type === "stats") send({ type: "stats", rateLimited, messages: slack.state.messages.length });
  });
  send({ type: "ready", apiUrl: `http://127.0.0.1:${port}/api/`, channelIds });
}
