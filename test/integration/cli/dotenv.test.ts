// `.env` in the working directory configures paperboy (as README and .env.example say), and a variable set in
// the real environment wins over the file. Checked on the real entry point: tokens in .env start the bot
// instead of the console, and .env's Hugging Face URL is the one the console asks.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnvironment } from "../../../src/config.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { root, runScript } from "./run-script.js";
import { freePort } from "../../support/free-port.js";

let hf: FakeHf;
let discord: FakeDiscord;

beforeAll(async () => {
  [hf, discord] = await Promise.all([createFakeHf(), createFakeDiscord()]);
});
afterAll(() => Promise.all([hf.close(), discord.close()]));

function dirWithEnv(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-dotenv-"));
  writeFileSync(join(dir, ".env"), `# written by the test\n${lines.join("\n")}\n`);
  return dir;
}


describe(".env", () => {
  it("is read under the real environment, which wins", () => {
    const dir = dirWithEnv(['PATH="/from/dotenv"', "PAPERBOY_DOTENV_ONLY=from file # a comment", "export DEFAULT_TIMEZONE=Europe/Berlin"]);
    const env = readEnvironment(dir);
    expect(env.PAPERBOY_DOTENV_ONLY).toBe("from file");
    expect(env.DEFAULT_TIMEZONE).toBe("Europe/Berlin");
    expect(env.PATH).toBe(process.env.PATH);
    expect(readEnvironment(mkdtempSync(join(tmpdir(), "paperboy-no-dotenv-")))).toEqual({ ...process.env });
  });

  it("configures the console; a variable from the real environment overrides the file", async () => {
    const get = "/paper get 2509.04664\n";
    const fromFile = dirWithEnv([`HF_API_URL=${hf.url}`, `ARXIV_API_URL=${hf.arxivUrl}`, "STORE_URL=memory://"]);
    const overridden = dirWithEnv(["HF_API_URL=not a url", `ARXIV_API_URL=${hf.arxivUrl}`, "STORE_URL=memory://"]);
    const [a, b] = await Promise.all([
      runScript("src/main.ts", [], { cwd: fromFile, stdin: get }),
      runScript("src/main.ts", [], { cwd: overridden, stdin: get, env: { HF_API_URL: hf.url } }),
    ]);
    expect(a.stdout, a.stderr).toContain("Why Language Models Hallucinate");
    expect(b.stdout, b.stderr).toContain("Why Language Models Hallucinate");
  }, 60_000);

  it("starts the bot from tokens found only in .env", async () => {
    const port = await freePort();
    const dir = dirWithEnv([
      `DISCORD_TOKEN=${discord.token}`,
      `DISCORD_API_URL=${discord.apiUrl}`,
      `HF_API_URL=${hf.url}`,
      `ARXIV_API_URL=${hf.arxivUrl}`,
      "STORE_URL=memory://",
      `PORT=${port}`,
    ]);
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), join(root, "src/main.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "ignore"],
    });
    try {
      const until = Date.now() + 40_000;
      let status = 0;
      while (status !== 200 && Date.now() < until) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
