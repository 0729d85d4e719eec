// `npm start` with Slack and Discord credentials, as a real child process: the real HTTP server on PORT, /healthz, a
// signed slash command answered through the fake Slack, no secret in the logs, and a clean SIGTERM exit
// inside CONTRACT.md's 8 seconds.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { createFakeSlack, FAKE_BOT_TOKEN, type FakeSlack } from "../../fakes/fake-slack.js";
import { createSlackSigner } from "../../fakes/fake-slack-signer.js";
import { freePort } from "../../support/free-port.js";

const root = join(import.meta.dirname, "..", "..", "..");
const SIGNING_SECRET = "test-signing-secret-do-not-log";


async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out waiting");
}

let hf: FakeHf;
let slack: FakeSlack;
let discord: FakeDiscord;
let child: ChildProcess;
let port: number;
let output = "";

beforeAll(async () => {
  hf = await createFakeHf();
  slack = await createFakeSlack();
  discord = await createFakeDiscord();
  port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HF_API_URL: hf.url,
      ARXIV_API_URL: hf.arxivUrl,
      STORE_URL: "memory://",
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      PORT: String(port),
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, 20_000);
});

afterAll(async () => {
  child.kill("SIGKILL");
  await Promise.all([hf.close(), slack.close(), discord.close()]);
});

describe("the bot process (npm start with Slack and Discord credentials)", () => {
  it("answers /healthz and a signed /paper command on its real HTTP server", async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, adapters: { slack: { state: "ready" }, discord: { state: "ready" } } });
    const signer = createSlackSigner({ fake: slack, eventsUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    const sent = await signer.slash("get 2509.04664");
    expect(sent.status).toBe(200);
    await waitFor(async () => slack.responses.some((r) => JSON.stringify(r.body).includes("Why Language Models Hallucinate")), 10_000);
    const forged = await createSlackSigner({ fake: slack, eventsUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: "wrong" }).slash("help");
    expect(forged.status).toBe(401);
  });

  it("answers a Discord /paper command through the gateway", async () => {
    const rec = discord.slash("get", { id: "2509.04664" });
    const { original } = await discord.settled(rec, 10_000);
    expect(JSON.stringify(original)).toContain("Why Language Models Hallucinate");
  });

  it("exposes Prometheus metrics for commands and Hugging Face", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/paperboy_command_duration_seconds_count\{[^}]*command="get"/);
    expect(body).toMatch(/paperboy_hf_request_duration_seconds_count/);
    expect(body).toMatch(/paperboy_deliveries_total|paperboy_delivery_failures_total/);
  });

  it("serves the daily feeds on the same HTTP server", async () => {
    const atom = await fetch(`http://127.0.0.1:${port}/feeds/daily.atom?top=3`);
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(atom.headers.get("etag")).toBeTruthy();
    expect(await atom.text()).toContain(`<link rel="self" href="http://localhost:${port}/feeds/daily.atom?top=3"/>`);
    expect((await fetch(`http://127.0.0.1:${port}/feeds/daily.rss?top=zero`)).status).toBe(400);
  });

  it("exits cleanly within 8 seconds of SIGTERM and never logs a secret", async () => {
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(output).not.toContain(FAKE_BOT_TOKEN);
    expect(output).not.toContain(SIGNING_SECRET);
    expect(output).not.toContain(discord.token);
  });
});
