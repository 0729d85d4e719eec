// Slack with many workspaces, for distribution (OAuth) tests: one fake Slack per workspace (its own channels,
// users, messages) behind a front server that plays slack.com. The front answers oauth.v2.access (client id
// and secret checked, codes single-use, redirect_uri matched) and auth.test, and routes every other Web API
// call by its bot token to that workspace's fake; unknown or revoked tokens and another workspace's channels
// are refused as Slack refuses them. `approve` plays the user clicking "Allow" on Slack's consent page.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeSlack, FAKE_APP_ID, FAKE_BOT_ID, FAKE_BOT_USER_ID, type FakeSlack } from "./fake-slack.js";

export interface FakeWorkspace {
  teamId: string;
  name: string;
  slack: FakeSlack;
  /** The bot token issued at the latest install (undefined before install or after revocation). */
  token?: string;
}

export interface FakeSlackOAuth {
  /** `slackApiUrl` for the bot: the front server. */
  readonly apiUrl: string;
  readonly workspaces: Map<string, FakeWorkspace>;
  /** Every Web API call the front saw: which method, with which workspace's token (undefined when refused). */
  readonly calls: { method: string; teamId?: string; error?: string }[];
  /** The user approves the install on Slack's consent page; returns the URL Slack redirects the browser to. */
  approve(authorizeUrl: string, teamId: string, o?: { userId?: string; defaultRedirectUri?: string }): string;
  /** The workspace revokes the bot's token (as on uninstall). */
  revoke(teamId: string): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function fields(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString("utf8");
  if ((contentType ?? "").startsWith("application/json")) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return Object.fromEntries(new URLSearchParams(text));
}

export async function createFakeSlackOAuth(opts: {
  clientId: string;
  clientSecret: string;
  teams: { id: string; name: string; channels: string[] }[];
}): Promise<FakeSlackOAuth> {
  const workspaces = new Map<string, FakeWorkspace>();
  const channelTeam = new Map<string, string>();
  for (const t of opts.teams) {
    const slack = await createFakeSlack({ botToken: `xoxb-internal-${t.id}` });
    for (const c of t.channels) {
      slack.state.channel(c);
      channelTeam.set(c, t.id);
    }
    workspaces.set(t.id, { teamId: t.id, name: t.name, slack });
  }
  const tokens = new Map<string, string>();
  const revoked = new Set<string>();
  const codes = new Map<string, { teamId: string; userId: string; scope: string; redirectUri?: string }>();
  const calls: FakeSlackOAuth["calls"] = [];
  let seq = 0;

  function oauthAccess(body: Record<string, unknown>): unknown {
    if (body.client_id !== opts.clientId) return { ok: false, error: "invalid_client_id" };
    if (body.client_secret !== opts.clientSecret) return { ok: false, error: "bad_client_secret" };
    const grant = codes.get(String(body.code ?? ""));
    if (!grant) return { ok: false, error: "invalid_code" };
    codes.delete(String(body.code));
    if (grant.redirectUri !== undefined && body.redirect_uri !== undefined && body.redirect_uri !== grant.redirectUri) {
      return { ok: false, error: "bad_redirect_uri" };
    }
    const ws = workspaces.get(grant.teamId);
    if (!ws) return { ok: false, error: "invalid_team" };
    const token = `xoxb-${grant.teamId}-${++seq}-fake`;
    if (ws.token) tokens.delete(ws.token);
    ws.token = token;
    tokens.set(token, grant.teamId);
    return {
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: grant.scope,
      bot_user_id: FAKE_BOT_USER_ID,
      app_id: FAKE_APP_ID,
      team: { id: ws.teamId, name: ws.name },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: grant.userId },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = /^\/api\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "";
    const raw = await readBody(req);
    const body = fields(raw, req.headers["content-type"]);
    if (method === "oauth.v2.access") {
      const reply = oauthAccess(body);
      calls.push({ method, ...((reply as { ok: boolean }).ok ? {} : { error: (reply as { error: string }).error }) });
      return json(res, 200, reply);
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? (typeof body.token === "string" ? body.token : undefined);
    const teamId = bearer ? tokens.get(bearer) : undefined;
    const refuse = (error: string) => {
      calls.push({ method, error });
      json(res, 200, { ok: false, error });
    };
    if (!bearer) return refuse("not_authed");
    if (!teamId) return refuse(revoked.has(bearer) ? "token_revoked" : "invalid_auth");
    const ws = workspaces.get(teamId) as FakeWorkspace;
    const channel = typeof body.channel === "string" ? body.channel : typeof body.channel_id === "string" ? body.channel_id : undefined;
    if (channel && channelTeam.has(channel) && channelTeam.get(channel) !== teamId) return refuse("channel_not_found");
    calls.push({ method, teamId });
    if (method === "auth.test") {
      return json(res, 200, {
        ok: true, url: `https://${ws.name.toLowerCase()}.slack.com/`, team: ws.name, user: "paperbot",
        team_id: teamId, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID, is_enterprise_install: false,
      });
    }
    // Forward to the workspace's own fake with its internal token.
    const upstream = new URL(ws.slack.baseUrl);
    const headers = { ...req.headers, authorization: `Bearer xoxb-internal-${teamId}`, "content-length": String(raw.length) };
    const fwd = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: "POST", headers }, (up) => {
      res.writeHead(up.statusCode ?? 500, up.headers);
      up.pipe(res);
    });
    fwd.on("error", () => json(res, 502, { ok: false, error: "fake_front_failed" }));
    fwd.end(raw);
  }

  const server = createServer((req, res) => {
    if (req.method !== "POST" || !(req.url ?? "").startsWith("/api/")) return json(res, 404, { ok: false, error: "not_found" });
    handle(req, res).catch((err: unknown) => json(res, 500, { ok: false, error: "fake_slack_crashed", detail: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;

  return {
    apiUrl,
    workspaces,
    calls,
    approve(authorizeUrl, teamId, o = {}) {
      const url = new URL(authorizeUrl);
      const q = url.searchParams;
      if (url.pathname !== "/oauth/v2/authorize") throw new Error(`not Slack's authorize URL: ${url.pathname}`);
      if (q.get("client_id") !== opts.clientId) throw new Error("authorize URL has the wrong client_id");
      const redirectUri = q.get("redirect_uri") ?? o.defaultRedirectUri;
      if (!redirectUri) throw new Error("no redirect_uri and no default redirect URL configured");
      const code = `code-${teamId}-${++seq}`;
      codes.set(code, { teamId, userId: o.userId ?? "U0INSTALLER", scope: q.get("scope") ?? "", ...(q.get("redirect_uri") ? { redirectUri } : {}) });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = q.get("state");
      if (state) back.searchParams.set("state", state);
      return back.toString();
    },
    revoke(teamId) {
      const ws = workspaces.get(teamId);
      if (!ws?.token) return;
      tokens.delete(ws.token);
      revoked.add(ws.token);
      delete ws.token;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const ws of workspaces.values()) await ws.slack.close();
    },
  };
}
