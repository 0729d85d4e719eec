// Interaction responses in the fake Discord (platforms.md A4): the initial callback within the 3-second
// window (late → 404 / 10062, second → 400 / 40060), then `@original` edits and follow-ups on the
// interaction webhook for 15 minutes. Message bodies get the same limit checks and mention audit as channels.
import { checkMessage, invalidFormBody, messageRejection } from "./fake-discord-limits.js";
import type { Answer, ParsedRequest } from "./fake-discord-rest.js";
import type { FakeDiscordState, InteractionRecord, StoredMessage } from "./fake-discord-state.js";

const TOKEN_LIFETIME_MS = 15 * 60_000;
const err = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });

/** Callback types each interaction type may answer with (receiving-and-responding.mdx). */
const ALLOWED_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8] };

function failWith(rec: InteractionRecord, answer: Answer): Answer {
  const code = (answer.body as { code?: number } | undefined)?.code;
  if (code !== undefined) rec.errors.push(code);
  return answer;
}

function checked(state: FakeDiscordState, body: Record<string, unknown>, req: ParsedRequest, edit: boolean): Answer | undefined {
  const errors = checkMessage(body, { hasFiles: req.files.length > 0, edit });
  if (errors.length > 0) return { status: 400, body: messageRejection(errors) };
  state.audit(body);
  return undefined;
}

function callback(state: FakeDiscordState, rec: InteractionRecord, req: ParsedRequest): Answer {
  const now = Date.now();
  if (rec.ack) return failWith(rec, err(400, 40060, "Interaction has already been acknowledged."));
  if (now - rec.injectedAt > state.interactionDeadlineMs) return failWith(rec, err(404, 10062, "Unknown interaction"));
  const body = req.body as { type?: number; data?: Record<string, unknown> };
  const type = Number(body.type);
  const data = body.data ?? {};
  if (!ALLOWED_CALLBACKS[rec.type]?.includes(type)) {
    return invalidFormBodyFor(["type"], "INTERACTION_CALLBACK_TYPE_INVALID", "Invalid interaction callback type");
  }
  if (type === 4 || type === 7) {
    const problem = checked(state, data, req, type === 7);
    if (problem) return problem;
  }
  if (type === 8) {
    const choices = Array.isArray(data.choices) ? (data.choices as { name?: unknown; value?: unknown }[]) : [];
    const bad = choices.length > 25 || choices.some((c) => String(c.name ?? "").length < 1 || String(c.name).length > 100 || String(c.value ?? "").length > 100);
    if (bad) return invalidFormBodyFor(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  }
  rec.ack = { type, at: now, data };
  if (type === 4) {
    rec.originalId = state.store({ channelId: rec.channelId, body: data, files: req.files, via: "interaction", interactionId: rec.id }).id;
  }
  if (type === 7) {
    const source = state.messages.get(rec.sourceMessageId ?? "");
    if (source) state.edit(source, data, req.files);
  }
  return req.query.get("with_response") === "true"
    ? { status: 200, body: { interaction: { id: rec.id, type: rec.type }, resource: { type } } }
    : { status: 204 };
}

function invalidFormBodyFor(path: string[], code: string, message: string): Answer {
  return { status: 400, body: invalidFormBody([{ path, code, message }]) };
}

/** The message `@original` names: the deferred/sent reply, or for component updates the message clicked. */
function original(state: FakeDiscordState, rec: InteractionRecord): StoredMessage | undefined {
  if (rec.ack?.type === 6 || rec.ack?.type === 7) return state.messages.get(rec.sourceMessageId ?? "");
  return state.messages.get(rec.originalId ?? "");
}

function webhookMessage(state: FakeDiscordState, rec: InteractionRecord, messageId: string, req: ParsedRequest): Answer {
  if (!rec.ack) return failWith(rec, err(404, 10008, "Unknown Message"));
  const body = req.body as Record<string, unknown>;
  let msg = messageId === "@original" ? original(state, rec) : state.messages.get(messageId);
  if (req.method === "PATCH" && !msg && messageId === "@original" && rec.ack.type === 5) {
    // The first edit after a deferral creates the reply; it must not be empty.
    const problem = checked(state, body, req, false);
    if (problem) return problem;
    const flags = typeof rec.ack.data.flags === "number" ? rec.ack.data.flags : 0;
    msg = state.store({ channelId: rec.channelId, body: { ...body, flags }, files: req.files, via: "interaction", interactionId: rec.id });
    rec.originalId = msg.id;
    return { status: 200, body: msg.json };
  }
  if (!msg) return failWith(rec, err(404, 10008, "Unknown Message"));
  if (req.method === "GET") return { status: 200, body: msg.json };
  if (req.method === "DELETE") {
    state.messages.delete(msg.id);
    return { status: 204 };
  }
  const problem = checked(state, body, req, true);
  if (problem) return problem;
  return { status: 200, body: state.edit(msg, body, req.files).json };
}

function followUp(state: FakeDiscordState, rec: InteractionRecord, req: ParsedRequest): Answer {
  if (!rec.ack) return failWith(rec, err(404, 10015, "Unknown Webhook"));
  const body = req.body as Record<string, unknown>;
  const problem = checked(state, body, req, false);
  if (problem) return problem;
  const msg = state.store({ channelId: rec.channelId, body, files: req.files, via: "interaction", interactionId: rec.id });
  rec.followUpIds.push(msg.id);
  return req.query.get("wait") === "true" ? { status: 200, body: msg.json } : { status: 204 };
}

/** Answers interaction and webhook routes; undefined for any other path. */
export function handleWebhookRoute(state: FakeDiscordState, req: ParsedRequest): Answer | undefined {
  const { method, path } = req;
  let m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
  if (m && method === "POST") {
    const rec = state.interactions.get(m[1] ?? "");
    if (!rec || rec.token !== m[2]) return err(404, 10062, "Unknown interaction");
    return callback(state, rec, req);
  }
  m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/);
  if (!m) return undefined;
  const rec = [...state.interactions.values()].find((r) => r.token === m?.[2]);
  if (!rec || m[1] !== state.world.applicationId) return err(404, 10015, "Unknown Webhook");
  if (Date.now() - rec.injectedAt > TOKEN_LIFETIME_MS) return failWith(rec, err(401, 50027, "Invalid Webhook Token"));
  if (m[3] !== undefined) return webhookMessage(state, rec, m[3], req);
  if (method === "POST") return followUp(state, rec, req);
  return err(405, 0, "405: Method Not Allowed");
}
