// A platform that refuses paperboy's token is an outage of that adapter only. Boots the bot's composition
// (startPlatforms + the adapter registry, real discord.js and Bolt against the fakes) with a revoked Slack token:
// Discord still answers commands and delivers, /healthz and /paper status name the outage, Slack channels are
// not marked failing, operators get one log line — and when Slack accepts the token again, it resumes.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { Writable } from "node:stream";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.js";
import { ADAPTERS } from "../../../adapters/index.js";
import { createApp, type App } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/log.js";
import { startPlatforms, type AdapterEntry } from "../../../src/start-platforms.js";
import { childInput, createWorld, LIST_DATE, subscription, type World } from "../delivery/world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

interface Booted {
  app: App;
  url: string;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The bot as src/main.ts builds it, with fast outage retries and the given Slack token. */
async function boot(slackToken: string, discordToken = world.discord.token): Promise<Booted> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ ...world.env(`memory://${randomUUID()}`), SLACK_BOT_TOKEN: slackToken, DISCORD_TOKEN: discordToken, PORT: "0", LOG_LEVEL: "debug" });
  const log = createLogger("debug", sink);
  const app = await createApp(config, {
    log,
    commands,
    now: () => new Date("2025-06-13T07:00:30.000Z"),
    // The fakes' scaled-down rate limits, as in the other delivery tests.
    delivery: { pacing: childInput(world, config.STORE_URL).pacing },
  });
  const registry: AdapterEntry[] = ADAPTERS.map((e) => ({
    ...e,
    // Test tuning the Discord adapter also accepts: a short wait for guilds and a short drain on stop.
    create: (ctx) => e.create({ ...ctx, outageRetry: { minDelayMs: 40, maxDelayMs: 120 }, ...{ waitGuildTimeoutMs: 1_000, drainTimeoutMs: 200 } }),
  }));
  let port = 0;
  const stopHttp = await startPlatforms(registry, { ...config, PORT: 0 }, app, log);
  for (const l of logs) if (typeof l.port === "number") port = l.port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    logs,
    async close() {
      await app.close();
      await stopHttp();
    },
  };
}

const outageLines = (logs: Record<string, unknown>[], platform: string) => logs.filter((l) => l.outage === platform && l.level === 50);

describe("a revoked token is an outage of that adapter only", () => {
  it("revoked Slack token at boot: Discord serves commands and delivers, /healthz and /paper status show the outage", async () => {
    const bot = await boot("xoxb-revoked-token");
    try {
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        ok: false,
        adapters: { slack: { state: "outage", reason: "auth" }, discord: { state: "ready" } },
      });

      // Discord answers a command typed by a user.
      const rec = world.discord.slash("help", {}, { user: world.discord.world.users.alice });
      const { original } = await world.discord.settled(rec);
      expect(JSON.stringify(original?.body)).toMatch(/paper/i);

      // Delivery: the Discord channel gets its post; the Slack channel waits and is not marked failing.
      const discordChannel = world.discordChannel();
      const slackChannel = world.slackChannel();
      await bot.app.delivery.subscriptions.save(subscription("discord", discordChannel));
      await bot.app.delivery.subscriptions.save(subscription("slack", slackChannel));
      const results = await bot.app.delivery.engine.deliverDate(LIST_DATE);
      const by = new Map(results.map((r) => [r.platform, r.outcome]));
      expect(by.get("discord")).toMatchObject({ status: "posted" });
      expect(by.get("slack")).toMatchObject({ status: "skipped", reason: "no-adapter" });
      expect((await bot.app.delivery.subscriptions.getState({ platform: "slack", channelId: slackChannel })).failing).toBeUndefined();

      // /paper status (asked on Discord) names the Slack outage.
      const status = await bot.app.core.runCommand({
        caller: { platform: "discord", userId: world.discord.world.users.mod.id, channelId: discordChannel, isAdmin: async () => true },
        name: "status",
        input: { kind: "options", options: {} },
      });
      expect(JSON.stringify(status)).toMatch(/slack refused paperboy's token/);

      // Retried several times with backoff, but ONE operator line, naming the fix and no secret.
      await new Promise((r) => setTimeout(r, 400));
      expect(world.slack.calls("auth.test").length).toBeGreaterThanOrEqual(3);
      expect(outageLines(bot.logs, "slack")).toHaveLength(1);
      expect(String(outageLines(bot.logs, "slack")[0]?.msg)).toMatch(/SLACK_BOT_TOKEN/);
      expect(JSON.stringify(bot.logs)).not.toContain("xoxb-revoked-token");
    } finally {
      await bot.close();
    }
  });

  it("an invalid Discord token at boot: Slack still delivers, /healthz names the Discord outage", async () => {
    const bot = await boot(world.env("memory://").SLACK_BOT_TOKEN!, "not.a.valid-token");
    try {
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ adapters: { discord: { state: "outage", reason: "auth" }, slack: { state: "ready" } } });
      const channel = world.slackChannel();
      await bot.app.delivery.subscriptions.save(subscription("slack", channel));
      expect((await bot.app.delivery.engine.deliverDate(LIST_DATE))[0]?.outcome).toMatchObject({ status: "posted" });
      expect(outageLines(bot.logs, "discord")).toHaveLength(1);
      expect(JSON.stringify(bot.logs)).not.toContain("not.a.valid-token");
    } finally {
      await bot.close();
    }
  });

  it("when Slack accepts the token again the adapter resumes by itself and /healthz turns 200", async () => {
    world.slack.inject("auth.test", { error: "token_revoked" }, { error: "token_revoked" });
    const bot = await boot(world.env("memory://").SLACK_BOT_TOKEN!);
    try {
      expect(bot.app.adapters.get("slack")?.health?.()).toMatchObject({ state: "outage", reason: "auth" });
      await world.discord.waitFor(async () => (await fetch(`${bot.url}/healthz`)).status === 200, 5_000);
      expect(bot.logs.some((l) => /the outage is over/.test(String(l.msg)))).toBe(true);
      const channel = world.slackChannel();
      await bot.app.delivery.subscriptions.save(subscription("slack", channel));
      expect((await bot.app.delivery.engine.deliverDate(LIST_DATE))[0]?.outcome).toMatchObject({ status: "posted" });
    } finally {
      await bot.close();
    }
  });

  it("a token revoked while running pauses that adapter; the channel is not marked failing", async () => {
    const bot = await boot(world.env("memory://").SLACK_BOT_TOKEN!);
    try {
      const channel = world.slackChannel();
      await bot.app.delivery.subscriptions.save(subscription("slack", channel));
      world.slack.inject("chat.postMessage", { error: "token_revoked" });
      world.slack.inject("auth.test", { error: "token_revoked" });
      const [first] = await bot.app.delivery.engine.deliverDate(LIST_DATE);
      expect(first?.outcome).toMatchObject({ status: "failed", kind: "outage", reason: "auth" });
      const state = await bot.app.delivery.subscriptions.getState({ platform: "slack", channelId: channel });
      expect(state.failing).toBeUndefined();
      expect(state.retry).toBeUndefined();
      expect(outageLines(bot.logs, "slack")).toHaveLength(1);
      // Back after the retry: the same pass now completes, once.
      await world.discord.waitFor(() => bot.app.adapters.get("slack")?.isReady(), 5_000);
      expect((await bot.app.delivery.engine.deliverDate(LIST_DATE))[0]?.outcome).toMatchObject({ status: "posted" });
    } finally {
      await bot.close();
    }
  });

  it("the real process (npm start) with a revoked Slack token stays up and serves Discord — no crash loop", { timeout: 40_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const env = { ...world.env(`memory://${randomUUID()}`), SLACK_BOT_TOKEN: "xoxb-revoked-token", PORT: String(port), LOG_LEVEL: "info" };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, "..", "..", ".."),
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    try {
      const body = await world.discord.waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        const json = res ? ((await res.json()) as { adapters?: { discord?: { state: string } } }) : undefined;
        return json?.adapters?.discord?.state === "ready" ? json : undefined;
      }, 30_000);
      expect(body).toMatchObject({ ok: false, adapters: { slack: { state: "outage", reason: "auth" } } });
      const rec = world.discord.slash("help", {}, { user: world.discord.world.users.alice });
      expect((await world.discord.settled(rec)).original).toBeDefined();
      expect(child.exitCode).toBeNull();
      expect(output.split("\n").filter((l) => l.includes('"outage":"slack"'))).toHaveLength(1);
      expect(output).not.toContain("xoxb-revoked-token");
    } finally {
      child.kill("SIGKILL");
    }
  });
});
