// Slack ack latency under load: 200 concurrent `/paper` commands (search, get, and a few admin-only status
// from four admins) while Hugging Face takes 1.5 s to answer, sent signed to paperboy's /slack/events and, in
// the same run, to a bare Bolt app that only acks, in alternating rounds. Reports the median round's p50/p99
// of both, and the users.info calls and 429s the fake Slack (Tier 4: 100 users.info per minute) saw.
import { fork } from "node:child_process";
import { App, HTTPReceiver } from "@slack/bolt";
import { createSlackAdapter } from "../adapters/slack/index.js";
import { commands } from "../commands/index.js";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer, type HttpServer } from "../src/http-server.js";
import { silentLogger } from "../src/log.js";
import { FAKE_BOT_TOKEN } from "../test/fakes/fake-slack.js";

const SECRET = "bench-signing-secret";
const CHANNEL = "C0BENCH";
const HF_DELAY_MS = 1500;
const ADMINS = ["U0ADM1", "U0ADM2", "U0ADM3", "U0ADM4"];
/** Bursts per side; the median round is reported (the machine's background load varies between rounds). */
const ROUNDS = 5;

export interface AckFigures {
  commands: number;
  bare: { p50: number; p99: number };
  paperboy: { p50: number; p99: number };
  usersInfo: number;
  rateLimited: number;
  answered: number;
  sent: number;
  rounds: number;
  /** Median over rounds of (paperboy p99 / bare p99 in the same round). */
  p99Ratio: number;
}

type Ipc = { type: string; latencies?: number[]; apiUrl?: string; hfUrl?: string; arxivUrl?: string; urls?: string[]; usersInfo?: number; rateLimited?: number; responses?: number };

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** The command mix: every 10th is an admin-only status from one of four admins, the rest search/get. */
function commandFor(i: number): { user: string; text: string } {
  if (i % 10 === 0) return { user: ADMINS[(i / 10) % ADMINS.length] ?? "U0ADM1", text: "status" };
  return { user: `U0B${String(i).padStart(4, "0")}`, text: i % 2 ? `search diffusion ${i}` : "get 2509.04664" };
}

export async function benchSlackAck(count = 200): Promise<AckFigures> {
  const child = fork("bench/slack-ack-fake.ts", [String(HF_DELAY_MS)], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const ask = (msg: object, type: string) =>
    new Promise<Ipc>((resolve) => {
      const on = (m: Ipc) => {
        if (m.type !== type) return;
        child.off("message", on);
        resolve(m);
      };
      child.on("message", on);
      if (Object.keys(msg).length) child.send(msg);
    });
  const { apiUrl = "", hfUrl = "", arxivUrl = "" } = await ask({}, "ready");
  const env = { HF_API_URL: hfUrl, ARXIV_API_URL: arxivUrl, SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, STORE_URL: "memory://", LOG_LEVEL: "silent" };
  const forms = async (): Promise<Record<string, string>[]> => {
    const cmds = Array.from({ length: count }, (_, i) => commandFor(i));
    const { urls = [] } = await ask({ type: "urls", users: cmds.map((c) => c.user), channel: CHANNEL }, "urls");
    return cmds.map((c, i) => ({
      token: "legacy", team_id: "T0001", team_domain: "fake", channel_id: CHANNEL, channel_name: "papers", user_id: c.user,
      user_name: c.user.toLowerCase(), command: "/paper", text: c.text, api_app_id: "A0PAPERBOY", is_enterprise_install: "false",
      response_url: urls[i] ?? "", trigger_id: `${i}.trigger`,
    }));
  };
  const burst = async (target: string, sent: Record<string, string>[]) =>
    (await ask({ type: "burst", url: target, secret: SECRET, forms: sent }, "burst")).latencies ?? [];
  const listen = async (http: HttpServer) => `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events`;

  // Bare Bolt: the same receiver on the same kind of server, a listener that only acks.
  const bareHttp = createHttpServer({ isHealthy: () => true });
  const receiver = new HTTPReceiver({ signingSecret: SECRET });
  const bare = new App({ token: FAKE_BOT_TOKEN, receiver, clientOptions: { slackApiUrl: apiUrl }, deferInitialization: true });
  bare.command("/paper", async ({ ack }) => ack());
  await bare.init();
  bareHttp.mount("/slack/events", (req, res) => receiver.requestListener(req, res));
  const bareUrl = await listen(bareHttp);

  const config = loadConfig(env);
  const app = await createApp(config, { log: silentLogger, commands });
  const http = createHttpServer({ isHealthy: () => true });
  const adapter = createSlackAdapter({ config, core: app.core, http, log: silentLogger });
  app.adapters.set("slack", adapter);
  const url = await listen(http);
  await adapter.start();

  /** Waits until every command sent so far has been answered (Hugging Face is slow on purpose). */
  let sent = 0;
  const settle = async () => {
    const deadline = Date.now() + 20_000;
    let stats = await ask({ type: "stats" }, "stats");
    while ((stats.responses ?? 0) < sent && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      stats = await ask({ type: "stats" }, "stats");
    }
    return stats;
  };
  const start = await ask({ type: "stats" }, "stats");
  // Warm-up for both (JIT, connection pools); then rounds alternate so background load hits both alike.
  await burst(bareUrl, (await forms()).slice(0, 20));
  await burst(url, (await forms()).slice(0, 20));
  sent += 20;
  const before = await settle();
  const bareRuns: number[][] = [];
  const paperboyRuns: number[][] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which goes first, so neither always meets the machine fresh.
    if (round % 2 === 0) bareRuns.push(await burst(bareUrl, await forms()));
    paperboyRuns.push(await burst(url, await forms()));
    if (round % 2 === 1) bareRuns.push(await burst(bareUrl, await forms()));
    sent += count;
    await settle();
  }
  const stats = await settle();
  await app.close();
  await http.close();
  await bareHttp.close();
  child.kill();
  const median = (runs: number[][], q: number) => quantile(runs.map((r) => quantile(r, q)), 0.5);
  const ratios = paperboyRuns.map((r, i) => quantile(r, 0.99) / quantile(bareRuns[i] ?? [], 0.99));
  return {
    commands: count,
    rounds: ROUNDS,
    p99Ratio: quantile(ratios, 0.5),
    bare: { p50: median(bareRuns, 0.5), p99: median(bareRuns, 0.99) },
    paperboy: { p50: median(paperboyRuns, 0.5), p99: median(paperboyRuns, 0.99) },
    usersInfo: (stats.usersInfo ?? 0) - (start.usersInfo ?? 0),
    rateLimited: (stats.rateLimited ?? 0) - (start.rateLimited ?? 0),
    answered: (stats.responses ?? 0) - (before.responses ?? 0),
    sent: count * ROUNDS,
  };
}
