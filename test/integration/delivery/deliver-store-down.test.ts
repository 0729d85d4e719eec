// `npm run deliver` against a real redis-server that is down: it fails fast with one clear line (no hang for the
// whole outage), whether Redis refuses connections (stopped) or accepts them and never answers (hung), and a
// later pass completes once Redis is back. Fails, never skips, when redis-server is missing.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRestartableRedis } from "../../support/redis-on-port.js";
import { createWorld, LIST_DATE, received, seed, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Runs deliver; a run that does not exit within `limitMs` is killed and reported as hung (code "hung"). */
function deliver(args: string[], env: Record<string, string>, limitMs = 40_000): Promise<{ code: number | null | "hung"; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/deliver.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: hung ? "hung" : code, stdout, stderr });
    });
  });
}

describe("npm run deliver with the store down", () => {
  it("fails fast with a clear message (Redis stopped, then hung), and a later pass completes", { timeout: 150_000 }, async () => {
    const redis = await startRestartableRedis();
    const url = redis.url;
    const channel = world.slackChannel();
    await seed(url, [subscription("slack", channel, { top: 2 })]);
    const env = world.env(url);
    delete (env as Record<string, string | undefined>).DISCORD_TOKEN;

    // Stopped: connections are refused.
    await redis.stop();
    const refused = await deliver(["--date", LIST_DATE], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/can't reach the store \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect(refused.stderr).toMatch(/running the same command again once the store is back/);

    // Hung: the port accepts connections but Redis never answers (SIGSTOP).
    await redis.start();
    redis.hang();
    try {
      const hung = await deliver(["--date", LIST_DATE], env);
      expect(hung.code).toBe(1);
      expect(hung.stderr).toMatch(/can't reach the store/);
    } finally {
      redis.resume();
    }
    expect(received(world, "slack", channel).size).toBe(0);

    // Back: the next pass completes, once.
    const later = await deliver(["--date", LIST_DATE], env);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain(`slack:${channel}  posted ${LIST_DATE} (3 sent)`);
    expect([...received(world, "slack", channel).values()]).toEqual([1, 1, 1]);
    await redis.stop();
  });

  it("Redis hangs in the middle of a pass: the pass stops at once with the same clear line", { timeout: 120_000 }, async () => {
    const redis = await startRestartableRedis();
    const url = redis.url;
    const channel = world.slackChannel();
    await seed(url, [subscription("slack", channel, { top: 4 })]);
    const env = world.env(url);
    delete (env as Record<string, string | undefined>).DISCORD_TOKEN;
    // Slow posts, so the pass is still running when Redis stops answering.
    world.slack.inject("chat.postMessage", { delayMs: 1_500 }, { delayMs: 1_500 }, { delayMs: 1_500 });
    const run = deliver(["--date", LIST_DATE], env);
    await world.discord.waitFor(() => world.slack.calls("chat.postMessage").some((c) => c.body.channel === channel), 20_000);
    redis.hang();
    let first;
    try {
      first = await run;
    } finally {
      redis.resume();
    }
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/can't reach the store/);
    // Finishing that pass later is the ledger's resume after a crash (crash.test.ts); it first waits out the
    // dead pass's channel lease (≤ 30 s), which this test does not spend.
    expect([...received(world, "slack", channel).values()].every((n) => n === 1)).toBe(true);
    await redis.stop();
  });
});
