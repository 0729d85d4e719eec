// The fake Discord REST API under /api/v10 (platforms.md A1/A4): bot-token auth, decoded paths, JSON or
// multipart bodies, Discord's error shapes, rate limits, and the routes paperboy uses. Interaction callbacks
// and webhook routes live in fake-discord-webhooks.ts; both share the state in fake-discord-state.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkCommands, checkMessage, invalidFormBody, messageRejection } from "./fake-discord-limits.js";
import { channelJson, snowflake, userJson, type FakeChannel } from "./fake-discord-model.js";
import type { RateLimiter } from "./fake-discord-ratelimit.js";
import type { FakeDiscordState, StoredFile } from "./fake-discord-state.js";
import { handleMessageEditRoute } from "./fake-discord-messages.js";
import { handleThreadRoute } from "./fake-discord-threads.js";
import { handleWebhookRoute } from "./fake-discord-webhooks.js";

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | unknown[];
  files: StoredFile[];
  authorized: boolean;
}

export const discordError = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });

async function readBody(req: IncomingMessage): Promise<{ body: ParsedRequest["body"]; files: StoredFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: {}, files: [] };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: StoredFile[] = [];
    let body: ParsedRequest["body"] = {};
    for (const [key, value] of form.entries()) {
      if (key === "payload_json" && typeof value === "string") body = JSON.parse(value) as ParsedRequest["body"];
      else if (typeof value !== "string") files.push({ name: value.name, contentType: value.type, content: await value.text() });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")) as ParsedRequest["body"], files: [] };
}

export interface RestOptions {
  state: FakeDiscordState;
  token: string;
  gatewayUrl: () => string;
  /** What `GET /gateway/bot` recommends: shard count and identify concurrency. */
  gatewayBot: { shards: number; maxConcurrency: number };
  limiter: RateLimiter;
  /** Sends a gateway dispatch (the reaction echo Discord sends the bot for its own reactions). */
  dispatch: (t: string, d: Record<string, unknown>) => void;
}

export function createRestHandler(opts: RestOptions) {
  const { state } = opts;
  const { world } = state;

  const sendable = (channelId: string): FakeChannel | Answer => {
    const channel = world.channels.get(channelId);
    if (!channel) return discordError(404, 10003, "Unknown Channel");
    if (!channel.botCanSend) return discordError(403, 50013, "Missing Permissions");
    // A forum holds posts (threads), never messages of its own.
    if (channel.type === 15) return discordError(400, 50024, "Cannot execute action on this channel type");
    if (channel.type === 1 && world.dmsClosed.has(channel.recipientId ?? "")) return discordError(403, 50007, "Cannot send messages to this user");
    return channel;
  };

  function createMessage(req: ParsedRequest, channelId: string): Answer {
    const channel = sendable(channelId);
    if ("status" in channel) return channel;
    const body = req.body as Record<string, unknown>;
    const errors = checkMessage(body, { hasFiles: req.files.length > 0 });
    if (errors.length > 0) return { status: 400, body: messageRejection(errors) };
    const referenceError = checkReference(state, channelId, body);
    if (referenceError) return referenceError;
    state.audit(body);
    // enforce_nonce: a retried create with the same nonce returns the first message instead of a duplicate.
    // Like Discord, the nonce is only remembered for a while (state.nonceWindowMs): a resend after that posts again.
    const nonceKey = body.enforce_nonce === true && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : undefined;
    const seen = nonceKey ? state.nonces.get(nonceKey) : undefined;
    const existing = seen && Date.now() - seen.at < state.nonceWindowMs ? state.messages.get(seen.id) : undefined;
    if (existing) return { status: 200, body: existing.json };
    const msg = state.store({ channelId, body, files: req.files, via: "channel" });
    if (nonceKey) state.nonces.set(nonceKey, { id: msg.id, at: Date.now() });
    return { status: 200, body: msg.json };
  }

  function react(method: string, channelId: string, messageId: string, emoji: string): Answer {
    const channel = sendable(channelId);
    if ("status" in channel) return channel;
    const msg = state.messages.get(messageId);
    if (!msg || msg.channelId !== channelId) return discordError(404, 10008, "Unknown Message");
    const added = method === "PUT";
    const had = msg.botReactions.has(emoji);
    if (added) msg.botReactions.add(emoji);
    else msg.botReactions.delete(emoji);
    if (had !== added) {
      // Discord echoes the bot's own reaction back over the gateway; paperboy must ignore it.
      opts.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", {
        user_id: world.bot.id,
        channel_id: channelId,
        message_id: messageId,
        guild_id: channel.guildId,
        emoji: { id: null, name: emoji },
        burst: false,
        type: 0,
        ...(added ? { member: { user: userJson(world.bot), roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false }, message_author_id: world.bot.id } : {}),
      });
    }
    return { status: 204 };
  }

  /** GET /channels/:id/messages: `limit` 1–100 (default 50), `before` or `after` a message id; newest first. */
  function history(channelId: string, query: URLSearchParams): Answer {
    if (!world.channels.has(channelId)) return discordError(404, 10003, "Unknown Channel");
    const limit = Number(query.get("limit") ?? "50");
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return { status: 400, body: invalidFormBody([{ path: ["limit"], code: "NUMBER_TYPE_MAX", message: "int value should be between 1 and 100." }]) };
    }
    const byId = (a: { id: string }, b: { id: string }) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
    const all = state.channelMessages(channelId).sort(byId);
    const after = query.get("after");
    const before = query.get("before");
    let page;
    if (after) page = all.filter((x) => BigInt(x.id) > BigInt(after)).slice(0, limit);
    else page = all.filter((x) => !before || BigInt(x.id) < BigInt(before)).slice(-limit);
    return { status: 200, body: page.reverse().map((x) => x.json) };
  }

  function putCommands(body: unknown, target: Record<string, unknown>[], guildId?: string): Answer {
    const errors = checkCommands(body);
    if (errors.length > 0) return { status: 400, body: invalidFormBody(errors) };
    const saved = (body as Record<string, unknown>[]).map((c) => ({
      ...c,
      id: snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
      type: c.type ?? 1,
      default_member_permissions: c.default_member_permissions ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    }));
    target.splice(0, target.length, ...saved);
    return { status: 200, body: saved };
  }

  function route(req: ParsedRequest): Answer {
    const { method, path } = req;
    const webhook = handleWebhookRoute(state, req);
    if (webhook) return webhook;
    if (!req.authorized) return discordError(401, 0, "401: Unauthorized");
    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return {
        status: 200,
        body: {
          url: opts.gatewayUrl(),
          shards: opts.gatewayBot.shards,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: opts.gatewayBot.maxConcurrency },
        },
      };
    }
    if (method === "GET" && path === "/users/@me") return { status: 200, body: userJson(world.bot) };
    if (method === "GET" && path === "/applications/@me") {
      return { status: 200, body: { id: world.applicationId, name: "paperboy", description: "", bot_public: true, flags: 0, bot: userJson(world.bot) } };
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (m[1] !== world.applicationId) return discordError(403, 50001, "Missing Access");
      const guildId = m[2];
      if (guildId && guildId !== world.guildId) return discordError(403, 50001, "Missing Access");
      const list = guildId ? (state.commands.guild.get(guildId) ?? []) : state.commands.global;
      if (guildId) state.commands.guild.set(guildId, list);
      if (method === "GET") return { status: 200, body: list };
      if (method === "PUT") return putCommands(req.body, list, guildId);
    }
    if (method === "POST" && path === "/users/@me/channels") {
      const recipient = String((req.body as Record<string, unknown>).recipient_id ?? "");
      const id = `${recipient.slice(0, -3)}999`;
      const dm: FakeChannel = { id, name: "dm", type: 1, botCanSend: true, recipientId: recipient };
      world.channels.set(id, dm);
      return { status: 200, body: { ...channelJson(dm), recipients: [{ id: recipient, username: "user", discriminator: "0", avatar: null }] } };
    }
    const thread = handleThreadRoute(req, { state, dispatch: opts.dispatch });
    if (thread) return thread;
    if ((m = path.match(/^\/channels\/(\d+)$/)) && method === "GET") {
      const channel = world.channels.get(m[1] ?? "");
      return channel ? { status: 200, body: channelJson(channel) } : discordError(404, 10003, "Unknown Channel");
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      if (method === "POST") return createMessage(req, m[1] ?? "");
      if (method === "GET") return history(m[1] ?? "", req.query);
    }
    const edited = handleMessageEditRoute(req, state);
    if (edited) return edited;
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const msg = state.messages.get(m[2] ?? "");
      if (!msg || msg.channelId !== m[1] || msg.ephemeral) return discordError(404, 10008, "Unknown Message");
      if (method === "GET") return { status: 200, body: msg.json };
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/)) && (method === "PUT" || method === "DELETE")) {
      return react(method, m[1] ?? "", m[2] ?? "", m[3] ?? "");
    }
    return discordError(404, 0, "404: Not Found");
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    // Paths arrive percent-encoded (`%40original`, emoji): decode before routing (platforms.md A1).
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const authorized = req.headers.authorization === `Bot ${opts.token}`;
    let answer: Answer;
    let body: ParsedRequest["body"] = {};
    try {
      const parsed = await readBody(req);
      body = parsed.body;
      answer = respond({ method, path, query: url.searchParams, body, files: parsed.files, authorized });
    } catch (err) {
      answer = { status: 400, body: { code: 50109, message: `The request body contains invalid JSON. ${String(err)}` } };
    }
    state.requests.push({ at: Date.now(), method, path, status: answer.status, body, authorized });
    if (answer.status === 401 || answer.status === 403 || answer.status === 429) state.stats.invalidRequests += 1;
    if (answer.status === 400 && [50035, 50006].includes(Number((answer.body as { code?: number } | undefined)?.code))) state.stats.invalidFormBody += 1;
    // 201 too: a thread or forum post is stored when Discord answers 201, so its answer can be lost the same way.
    const fault = (answer.status === 200 || answer.status === 201) && method !== "GET" ? state.writeFaults.take(`${method} ${path}`, body as Record<string, unknown>) : undefined;
    if (fault) return state.writeFaults.apply(fault, res, { message: `${fault}: Internal Server Error`, code: 0 });
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers["content-type"] = "application/json";
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  };

  function respond(req: ParsedRequest): Answer {
    const failure = state.failures.findIndex((f) => f.method === req.method && f.path.test(req.path));
    if (failure >= 0) {
      const [f] = state.failures.splice(failure, 1);
      if (f) return discordError(f.status, f.code, f.message);
    }
    if (!req.path.startsWith("/interactions/") && !req.path.startsWith("/webhooks/") && req.authorized) {
      const decision = opts.limiter.check(req.method, req.path);
      if (decision.limited) {
        state.stats.rateLimited += 1;
        const { retryAfter, global } = decision.limited;
        return { status: 429, headers: decision.headers, body: { message: "You are being rate limited.", retry_after: retryAfter, global } };
      }
      const answer = route(req);
      return { ...answer, headers: { ...decision.headers, ...answer.headers } };
    }
    return route(req);
  }
}

/** A reply (`message_reference`) must name a message of the same channel, unless `fail_if_not_exists` is false. */
function checkReference(state: FakeDiscordState, channelId: string, body: Record<string, unknown>): Answer | undefined {
  const ref = body.message_reference as { message_id?: unknown; fail_if_not_exists?: unknown } | undefined;
  if (!ref || typeof ref !== "object") return undefined;
  const target = state.messages.get(String(ref.message_id ?? ""));
  if ((target && target.channelId === channelId) || ref.fail_if_not_exists === false) return undefined;
  return { status: 400, body: invalidFormBody([{ path: ["message_reference"], code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", message: "Unknown message" }]) };
}
