// `npm run deliver` against a real redis-server that is down: it fails fast with one clear line (no hang for the
// whole outage), whether Redis refuses connections (stopped) or accepts them and never answers (hung), and a
// later pass completes once Redis is back. Fails, never skips, when redis-server is missing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, LIST_DATE, received, seed, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

/** A redis-server on a fixed port with an append-only file, so a restart keeps the data. */
function redisOn(port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("Ready to accept connections")) resolve(child);
    });
  });
}
const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
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
    const dir = mkdtempSync(join(tmpdir(), "paperboy-redis-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `redis://127.0.0.1:${port}`;
    let redis = await redisOn(port, dir);
    const channel = world.slackChannel();
    await seed(url, [subscription("slack", channel, { top: 2 })]);
    const env = world.env(url);
    delete (env as Record<string, string | undefined>).DISCORD_TOKEN;

    // Stopped: connections are refused.
    await stopped(redis);
    const refused = await deliver(["--date", LIST_DATE], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/can't reach the store \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect(refused.stderr).toMatch(/running the same command again once the store is back/);

    // Hung: the port accepts connections but Redis never answers (SIGSTOP).
    redis = await redisOn(port, dir);
    redis.kill("SIGSTOP");
    try {
      const hung = await deliver(["--date", LIST_DATE], env);
      expect(hung.code).toBe(1);
      expect(hung.stderr).toMatch(/can't reach the store/);
    } finally {
      redis.kill("SIGCONT");
    }
    expect(received(world, "slack", channel).size).toBe(0);

    // Back: the next pass completes, once.
    const later = await deliver(["--date", LIST_DATE], env);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain(`slack:${channel}  posted ${LIST_DATE} (3 sent)`);
    expect([...received(world, "slack", channel).values()]).toEqual([1, 1, 1]);
    await stopped(redis);
  });

  it("Redis hangs in the middle of a pass: the pass stops at once, the next one finishes without duplicates", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-redis-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `redis://127.0.0.1:${port}`;
    const redis = await redisOn(port, dir);
    const channel = world.slackChannel();
    await seed(url, [subscription("slack", channel, { top: 4 })]);
    const env = world.env(url);
    delete (env as Record<string, string | undefined>).DISCORD_TOKEN;
    // Slow posts, so the pass is still running when Redis stops answering.
    world.slack.inject("chat.postMessage", { delayMs: 1_500 }, { delayMs: 1_500 }, { delayMs: 1_500 });
    const run = deliver(["--date", LIST_DATE], env);
    await world.discord.waitFor(() => world.slack.calls("chat.postMessage").some((c) => c.body.channel === channel), 20_000);
    redis.kill("SIGSTOP");
    let first;
    try {
      first = await run;
    } finally {
      redis.kill("SIGCONT");
    }
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/can't reach the store/);

    const later = await deliver(["--date", LIST_DATE], env);
    expect(later.code, later.stderr).toBe(0);
    expect(received(world, "slack", channel).size).toBe(5);
    expect([...received(world, "slack", channel).values()].every((n) => n === 1)).toBe(true);
    await stopped(redis);
  });
});
