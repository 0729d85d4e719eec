// A fake Slack on 127.0.0.1 that the REAL Bolt App and WebClient talk to unchanged: the Web API under /api/
// (form-encoded or JSON, Bearer auth), response_url endpoints (≤ 5 uses each, like Slack), the file upload
// URLs of files.uploadV2, and Socket Mode on the same port. Every request lands in a journal for assertions.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { callMethod, type Body } from "./fake-slack-methods.js";
import { attachSocketMode, type FakeSocketMode } from "./fake-slack-socket.js";
import { FakeSlackState, type EphemeralMessage, type Injection, type JournalEntry } from "./fake-slack-state.js";
import { rejectMessage } from "./fake-slack-validate.js";
import type { WriteFault } from "./write-faults.js";

export * from "./fake-slack-state.js";

export const FAKE_BOT_TOKEN = "xoxb-fake-bot-token";
export const FAKE_APP_TOKEN = "xapp-fake-app-token";

const RESPONSE_URL_MAX_USES = 5;
// Form fields that carry JSON (WebClient JSON-stringifies nested arguments).
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata", "unfurls", "view", "files", "user_auth_blocks"]);

interface ResponseUrl {
  user: string;
  channel: string;
  /** The ephemeral message a button was clicked on, for replace_original. */
  original?: EphemeralMessage;
  uses: number;
}

export interface FakeSlack {
  /** `slackApiUrl` for the WebClient: `http://127.0.0.1:P/api/`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly state: FakeSlackState;
  readonly socket: FakeSocketMode;
  /** A fresh response_url for a slash command or a click on `original`. */
  createResponseUrl(user: string, channel: string, original?: EphemeralMessage): string;
  /** Bodies POSTed to response_urls, in order. */
  readonly responses: { url: string; body: Body; status: number; at: number }[];
  /** Makes the next call(s) to `method` fail or stall, in order. */
  inject(method: string, ...injections: Injection[]): void;
  /**
   * A fault AFTER the call succeeded and its write was stored (5xx, lost response, held response), for calls
   * whose method name (route) and body match; see write-faults.ts.
   */
  faultAfterWrite(fault: WriteFault): void;
  /** Journal entries for one Web API method. */
  calls(method: string): JournalEntry[];
  /** The ephemeral messages a user currently sees (deleted ones left out). */
  visibleTo(user: string): EphemeralMessage[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string | undefined): Body {
  const text = raw.toString("utf8");
  if ((contentType ?? "").startsWith("application/json")) return text ? (JSON.parse(text) as Body) : {};
  const out: Body = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createFakeSlack(options: { botToken?: string; appToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? FAKE_BOT_TOKEN;
  const appToken = options.appToken ?? FAKE_APP_TOKEN;
  const state = new FakeSlackState();
  const responseUrls = new Map<string, ResponseUrl>();
  const responses: FakeSlack["responses"] = [];
  let baseUrl = "";
  const at = () => Date.now() - state.startedAt;

  async function handleApi(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseBody(await readBody(req), req.headers["content-type"]);
    const auth = req.headers.authorization ?? (typeof body.token === "string" ? `Bearer ${body.token}` : undefined);
    const record = (status: number, reply: unknown) =>
      state.journal.push({ at: at(), kind: "api", name, ...(auth ? { authorization: auth } : {}), body, status, reply });
    const injection = state.takeInjection(name);
    if (injection?.delayMs) await sleep(injection.delayMs);
    if (injection?.status) {
      const reply = { ok: false, error: injection.status === 429 ? "ratelimited" : "fatal_error" };
      record(injection.status, reply);
      const headers: Record<string, string> = injection.retryAfterSec ? { "retry-after": String(injection.retryAfterSec) } : {};
      return send(res, injection.status, reply, headers);
    }
    let reply: Body;
    if (!auth) reply = { ok: false, error: "not_authed" };
    else if (auth !== `Bearer ${botToken}` && auth !== `Bearer ${appToken}`) reply = { ok: false, error: "invalid_auth" };
    else if (injection?.error) reply = { ok: false, error: injection.error };
    else reply = callMethod(name, body, { state, baseUrl, tokenKind: auth === `Bearer ${appToken}` ? "app" : "bot" });
    const fault = reply.ok ? state.writeFaults.take(name, body) : undefined;
    if (fault) {
      record(typeof fault === "number" ? fault : 0, reply);
      return state.writeFaults.apply(fault, res, { ok: false, error: "fatal_error" });
    }
    record(200, reply);
    send(res, 200, reply);
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseBody(await readBody(req), req.headers["content-type"]);
    const entry = responseUrls.get(id);
    const reply = (status: number, payload: unknown) => {
      responses.push({ url: id, body, status, at: at() });
      state.journal.push({ at: at(), kind: "response_url", name: id, body, status, reply: payload });
      send(res, status, payload);
    };
    if (!entry) return reply(404, { ok: false, error: "expired_url" });
    if (entry.uses >= RESPONSE_URL_MAX_USES) return reply(404, { ok: false, error: "used_url" });
    entry.uses += 1;
    if (body.delete_original === true && entry.original) {
      entry.original.deleted = true;
      return reply(200, { ok: true });
    }
    const rejected = rejectMessage(body);
    if (rejected) {
      state.rejections.push({ where: "response_url", ...rejected, body });
      return reply(400, { ok: false, error: rejected.error, errors: rejected.errors });
    }
    if (body.replace_original === true && entry.original) {
      const o = entry.original;
      o.text = typeof body.text === "string" ? body.text : "";
      o.blocks = Array.isArray(body.blocks) ? body.blocks : [];
      o.replacements += 1;
      return reply(200, { ok: true });
    }
    if (body.response_type === "in_channel") {
      state.messages.push({
        channel: entry.channel,
        ts: state.nextTs(),
        text: typeof body.text === "string" ? body.text : "",
        ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
        user: entry.user,
        pings: 0,
        raw: body,
      });
    } else {
      state.storeEphemeral(entry.user, entry.channel, body);
    }
    reply(200, { ok: true });
  }

  async function handleUpload(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const file = state.files.get(id);
    let content = raw.toString("utf8");
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": type } }).formData();
      const part = [...form.values()][0];
      content = typeof part === "string" ? part : part ? await part.text() : "";
    }
    state.journal.push({ at: at(), kind: "upload", name: id, body: { bytes: raw.length }, status: file ? 200 : 404, reply: "" });
    if (!file) return send(res, 404, { ok: false });
    file.content = content;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${raw.length}`);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = /^\/(api|response|upload)\/([^/]+)$/.exec(path);
    if (req.method !== "POST" || !route) return send(res, 404, { ok: false, error: "not_found" });
    const [, kind, name = ""] = route;
    const handler = kind === "api" ? handleApi : kind === "response" ? handleResponseUrl : handleUpload;
    handler(decodeURIComponent(name), req, res).catch((err: unknown) => {
      send(res, 500, { ok: false, error: "fake_slack_crashed", detail: String(err) });
    });
  });
  const socket = attachSocketMode(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    state,
    socket,
    responses,
    createResponseUrl(user, channel, original) {
      const id = state.nextId("R");
      responseUrls.set(id, { user, channel, ...(original ? { original } : {}), uses: 0 });
      return `${baseUrl}/response/${id}`;
    },
    inject(method, ...injections) {
      state.injections.set(method, [...(state.injections.get(method) ?? []), ...injections]);
    },
    faultAfterWrite: (fault) => state.writeFaults.add(fault),
    calls: (method) => state.journal.filter((e) => e.kind === "api" && e.name === method),
    visibleTo: (user) => state.ephemerals.filter((m) => m.user === user && !m.deleted),
    async close() {
      state.writeFaults.releaseAll();
      await socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
