// Slack distribution end to end: two workspaces install paperboy through the real /slack/install and
// /slack/oauth_redirect routes (Bolt's state cookie and oauth.v2.access against the fake Slack), each one's
// commands, admin lookups and daily posts go out with that workspace's own token, and when one uninstalls
// its subscriptions and installation are gone while the other carries on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { INSTALLATIONS_NAMESPACE } from "../../../adapters/slack/installations.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createLogger } from "../../../src/log.js";
import { Writable } from "node:stream";
import type { ChatAdapter } from "../../../src/ports.js";
import { createFakeHf, makeDailyItem, type FakeHf } from "../../fakes/fake-hf.js";
import { createFakeSlackOAuth, type FakeSlackOAuth } from "../../fakes/fake-slack-oauth.js";
import { createPayloads, signSlackRequest } from "../../fakes/fake-slack-signer.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";
import { textOf, waitFor } from "./harness.js";

const CLIENT_ID = "1111.2222";
const CLIENT_SECRET = "fake-client-secret-77";
const STATE_SECRET = "fake-state-secret-42";
const SIGNING_SECRET = "fake-signing-secret-oauth";
const DATE = "2025-09-08";
const TEAMS = [
  { id: "T0ALPHA", name: "Alpha", channels: ["C0ALPHA"], admin: "U0ALPHAADM" },
  { id: "T0BETA", name: "Beta", channels: ["C0BETA"], admin: "U0BETAADM" },
] as const;

interface Bot {
  front: FakeSlackOAuth;
  hf: FakeHf;
  app: TestCore;
  http: HttpServer;
  adapter: ChatAdapter;
  base: string;
}
let bot: Bot;
/** Every log line of the bot under test, at debug level: tokens and secrets must never appear in it. */
let logged: string[] = [];

beforeEach(async () => {
  logged = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { logged.push(chunk.toString()); done(); } });
  const log = createLogger("debug", sink);
  const front = await createFakeSlackOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, teams: TEAMS.map((t) => ({ ...t, channels: [...t.channels] })) });
  const hf = await createFakeHf();
  const app = await createTestCore({
    hfUrl: hf.url,
    arxivUrl: hf.arxivUrl,
    env: {
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: STATE_SECRET,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: front.apiUrl,
    },
  });
  const http = createHttpServer({ isHealthy: () => adapter.isReady() });
  const subscriptions = app.delivery.subscriptions;
  const adapter = createSlackAdapter({
    config: app.config,
    core: app.core,
    http,
    log,
    clientOptions: { retryConfig: { retries: 0 } },
    store: app.store,
    workspaceOfChannel: async (channelId) => (await subscriptions.get({ platform: "slack", channelId }))?.workspaceId,
  });
  app.registerAdapter(adapter);
  const port = await http.listen(0, "127.0.0.1");
  await adapter.start();
  bot = { front, hf, app, http, adapter, base: `http://127.0.0.1:${port}` };
});

afterEach(async () => {
  await bot.app.close();
  await bot.http.close();
  await bot.front.close();
  await bot.hf.close();
});

/** A browser going through the install: paperboy → Slack's consent page (approved) → back with the cookie. */
async function install(teamId: string, o: { withCookie?: boolean } = {}): Promise<Response> {
  const start = await fetch(`${bot.base}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const back = bot.front.approve(start.headers.get("location") ?? "", teamId, { defaultRedirectUri: `${bot.base}/slack/oauth_redirect` });
  return fetch(back, { redirect: "manual", headers: o.withCookie === false ? {} : { cookie } });
}

async function signedPost(body: string, contentType: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${bot.base}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": signSlackRequest(SIGNING_SECRET, ts, body) },
    body,
  });
}

/** `/paper <text>` typed by `user` in a workspace's channel, as that workspace's Slack sends it. */
async function slash(team: (typeof TEAMS)[number], user: string, text: string): Promise<Response> {
  const ws = bot.front.workspaces.get(team.id);
  const form = { ...createPayloads(ws!.slack).slashCommand(text, { user, channel: team.channels[0] }), team_id: team.id, team_domain: team.name.toLowerCase() };
  return signedPost(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded");
}

async function event(teamId: string, ev: Record<string, unknown>): Promise<Response> {
  const ws = bot.front.workspaces.get(teamId);
  const body = { ...createPayloads(ws!.slack).eventCallback(ev), team_id: teamId, authorizations: [{ enterprise_id: null, team_id: teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }] };
  return signedPost(JSON.stringify(body), "application/json");
}

const storedInstallation = (teamId: string) => bot.app.store.namespace(INSTALLATIONS_NAMESPACE).get(`team:${teamId}`);
/** Polls an async condition (the store) until it holds or 5 s pass; the assertion after it says what failed. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
const slackSubs = async () => (await bot.app.delivery.subscriptions.list()).filter((s) => s.platform === "slack");

describe("Slack distribution: two workspaces", () => {
  it("installs both through the OAuth routes; refuses a callback without the state cookie", async () => {
    const refused = await install("T0ALPHA", { withCookie: false });
    expect(refused.status).toBe(400);
    expect(await storedInstallation("T0ALPHA")).toBeUndefined();

    for (const team of TEAMS) {
      const res = await install(team.id);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("paperboy is installed");
      const stored = (await storedInstallation(team.id)) as { bot?: { token?: string }; team?: { id: string } };
      expect(stored.team?.id).toBe(team.id);
      expect(stored.bot?.token).toBe(bot.front.workspaces.get(team.id)?.token);
    }
    expect(bot.front.calls.filter((c) => c.method === "oauth.v2.access" && !c.error)).toHaveLength(2);
    expect(await (await fetch(`${bot.base}/healthz`)).json()).toEqual({ ok: true });
    // Installs are logged, but never a token or a secret.
    const text = logged.join("");
    expect(text).toContain("slack workspace installed");
    for (const secret of [CLIENT_SECRET, STATE_SECRET, SIGNING_SECRET, "xoxb-"]) expect(text).not.toContain(secret);
  });

  it("answers each workspace with its own token, posts to each with its own token, and an uninstall removes only that workspace", async () => {
    for (const team of TEAMS) expect((await install(team.id)).status).toBe(200);
    for (const team of TEAMS) {
      const ws = bot.front.workspaces.get(team.id)!;
      ws.slack.state.users.set(team.admin, { is_admin: true });
      expect((await slash(team, team.admin, "subscribe 09:00 UTC 3")).status).toBe(200);
      const confirmation = await waitFor(() => ws.slack.visibleTo(team.admin)[0], 5000, `${team.name} confirmation`);
      expect(textOf(confirmation)).toMatch(/subscribed|daily/i);
    }
    // The admin check ran in each workspace with that workspace's token.
    const lookups = bot.front.calls.filter((c) => c.method === "users.info");
    expect(lookups.map((c) => c.teamId).sort()).toEqual(["T0ALPHA", "T0BETA"]);
    expect((await slackSubs()).map((s) => [s.channelId, s.workspaceId]).sort()).toEqual([["C0ALPHA", "T0ALPHA"], ["C0BETA", "T0BETA"]]);

    const results = await bot.app.delivery.engine.deliverDate(DATE);
    expect(results.map((r) => r.outcome.status)).toEqual(["posted", "posted"]);
    for (const team of TEAMS) {
      const posted = bot.front.workspaces.get(team.id)!.slack.state.messages.filter((m) => m.channel === team.channels[0]);
      expect(posted.length).toBe(4); // header + top 3
    }
    const posts = bot.front.calls.filter((c) => c.method === "chat.postMessage");
    expect(posts.every((c) => !c.error)).toBe(true);
    expect(posts.filter((c) => c.teamId === "T0ALPHA")).toHaveLength(4);
    expect(posts.filter((c) => c.teamId === "T0BETA")).toHaveLength(4);

    // Alpha removes the app: Slack revokes the token and sends app_uninstalled.
    bot.front.revoke("T0ALPHA");
    expect((await event("T0ALPHA", { type: "app_uninstalled" })).status).toBe(200);
    await until(async () => (await slackSubs()).length === 1);
    expect((await slackSubs()).map((s) => s.channelId)).toEqual(["C0BETA"]);
    expect(await storedInstallation("T0ALPHA")).toBeUndefined();
    expect(await storedInstallation("T0BETA")).toBeDefined();

    // Beta carries on: a command is answered and the next delivery still reaches its channel.
    const beta = TEAMS[1];
    const betaWs = bot.front.workspaces.get(beta.id)!;
    expect((await slash(beta, "U0BETAUSER", "get 2509.04664")).status).toBe(200);
    const card = await waitFor(() => betaWs.slack.visibleTo("U0BETAUSER")[0], 5000, "beta answer");
    expect(textOf(card)).toContain("Why Language Models Hallucinate");
    // "Post to channel" from that private card posts in Beta's channel with Beta's token.
    const click = createPayloads(betaWs.slack).blockActions({ kind: "ephemeral", message: card }, "Post to channel", { user: "U0BETAUSER" });
    const teamClick = { ...click, team: { id: beta.id, domain: "beta" }, user: { ...(click.user as object), team_id: beta.id } };
    expect((await signedPost(new URLSearchParams({ payload: JSON.stringify(teamClick) }).toString(), "application/x-www-form-urlencoded")).status).toBe(200);
    await waitFor(() => betaWs.slack.state.messages.find((m) => m.channel === "C0BETA" && textOf(m).includes("Why Language Models Hallucinate")), 5000, "posted card");
    bot.hf.setDaily("2025-09-09", [makeDailyItem({ id: "2509.07001", title: "After the uninstall", upvotes: 9, listDate: "2025-09-09" })]);
    const again = await bot.app.delivery.engine.deliverDate("2025-09-09");
    expect(again.map((r) => [r.channelId, r.outcome.status])).toEqual([["C0BETA", "posted"]]);
    // Nothing went out to Alpha after the uninstall, and no token reached the (debug-level) log.
    expect(bot.front.calls.filter((c) => c.method === "chat.postMessage" && c.error)).toEqual([]);
    expect(logged.join("")).toContain("slack workspace removed paperboy");
    expect(logged.join("")).not.toContain("xoxb-");
  });

  it("ends a channel's subscription when the channel is archived or deleted", async () => {
    for (const team of TEAMS) expect((await install(team.id)).status).toBe(200);
    for (const team of TEAMS) {
      bot.front.workspaces.get(team.id)!.slack.state.users.set(team.admin, { is_admin: true });
      await slash(team, team.admin, "subscribe 09:00 UTC 3");
    }
    await until(async () => (await slackSubs()).length === 2);
    expect((await event("T0BETA", { type: "channel_archive", channel: "C0BETA", user: "U0BETAADM" })).status).toBe(200);
    await until(async () => (await slackSubs()).length === 1);
    expect((await slackSubs()).map((s) => s.channelId)).toEqual(["C0ALPHA"]);
    expect((await event("T0ALPHA", { type: "channel_deleted", channel: "C0ALPHA" })).status).toBe(200);
    await until(async () => (await slackSubs()).length === 0);
    expect(await slackSubs()).toEqual([]);
  });
});
