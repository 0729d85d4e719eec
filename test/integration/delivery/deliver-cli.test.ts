// `npm run deliver -- --date … [--channel …]` as an operator runs it: posts the date's list to subscribed
// channels, a second run posts nothing already posted, and bad arguments get a usage line.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, LIST_DATE, received, seed, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

function deliver(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/deliver.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run deliver", () => {
  it("delivers a date once; running it again posts nothing new", { timeout: 60_000 }, async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-cli-")), "s.sqlite")}`;
    const slack = world.slackChannel();
    const other = world.slackChannel();
    await seed(url, [subscription("slack", slack, { top: 2 }), subscription("slack", other, { top: 2 })]);
    const env = world.env(url);
    delete (env as Record<string, string | undefined>).DISCORD_TOKEN;

    const first = await deliver(["--date", LIST_DATE, "--channel", `slack:${slack}`], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`slack:${slack}  posted ${LIST_DATE} (3 sent)`);
    expect(received(world, "slack", slack).size).toBe(3);
    expect(received(world, "slack", other).size).toBe(0);

    const second = await deliver(["--date", LIST_DATE], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`slack:${slack}  nothing to post (already-posted)`);
    expect(second.stdout).toContain(`slack:${other}  posted ${LIST_DATE} (3 sent)`);
    expect([...received(world, "slack", slack).values()].every((n) => n === 1)).toBe(true);
    // Output for people: plain lines, the JSON log goes to the log file next to the store.
    for (const out of [first, second]) expect(`${out.stdout}${out.stderr}`).not.toMatch(/^\s*\{"level"/m);
    expect(existsSync(join(dirname(url.replace("sqlite://", "")), "paperboy.log"))).toBe(true);
  });

  it("explains bad arguments", { timeout: 30_000 }, async () => {
    const env = world.env("memory://");
    const noDate = await deliver([], env);
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toContain("--date is required");
    expect(noDate.stderr).toContain("usage: npm run deliver");
    const future = await deliver(["--date", "2999-01-01"], env);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain("not final yet");
    const badChannel = await deliver(["--date", LIST_DATE, "--channel", "irc:#papers"], env);
    expect(badChannel.stderr).toContain("--channel must look like discord:ID or slack:ID");
  });
});
