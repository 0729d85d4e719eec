// `--help` on every npm script prints its usage and exits 0 without reading the configuration or connecting;
// an unknown flag or a stray argument is a clear error with exit code 2. `deploy:discord --help` in particular
// must never reach Discord, even with a valid token configured.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "./run-script.js";

const scripts = {
  start: "src/main.ts",
  deliver: "src/cli/deliver.ts",
  "deploy:discord": "adapters/discord/deploy.ts",
  backup: "src/cli/backup.ts",
  restore: "src/cli/restore.ts",
} as const;

let discordRequests = 0;
let discord: Server;
let env: Record<string, string>;

beforeAll(async () => {
  discord = createServer((_req, res) => {
    discordRequests += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => discord.listen(0, "127.0.0.1", r));
  const api = `http://127.0.0.1:${(discord.address() as AddressInfo).port}/api`;
  // Credentials that would start the bot or deploy: --help must stop before any of it.
  env = { DISCORD_TOKEN: "help-test-token", DISCORD_API_URL: api, DISCORD_GUILD_ID: "1", STORE_URL: "memory://", PORT: "0" };
});
afterAll(() => new Promise<void>((r) => discord.close(() => r())));

describe("--help and flag mistakes on every script", () => {
  it("prints each script's usage on --help and -h, exits 0, and contacts nothing", async () => {
    const runs = Object.entries(scripts).map(async ([name, file]) => {
      const flag = name === "backup" ? "-h" : "--help";
      return { name, flag, result: await runScript(file, [flag], { env }) };
    });
    for (const { name, flag, result } of await Promise.all(runs)) {
      expect(result.code, `${name} ${flag}: ${result.stderr}`).toBe(0);
      expect(result.stdout, name).toMatch(name === "start" ? /^usage: npm start/ : new RegExp(`^usage: npm run ${name}`));
      expect(result.stdout, name).toContain("-h, --help");
      expect(result.stderr, name).toBe("");
    }
    expect(discordRequests).toBe(0);
  }, 60_000);

  it("rejects an unknown flag with a clear message and exit code 2", async () => {
    const runs = (["start", "deliver", "deploy:discord"] as const).map(async (name) => ({
      name,
      result: await runScript(scripts[name], ["--frobnicate"], { env }),
    }));
    for (const { name, result } of await Promise.all(runs)) {
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(/^Unknown option --frobnicate\.\nusage: npm /);
      expect(result.stdout, name).toBe("");
    }
    expect(discordRequests).toBe(0);
  }, 60_000);

  it("rejects stray arguments and missing files plainly", async () => {
    const [start, backup] = await Promise.all([
      runScript(scripts.start, ["--sample=yes", "today"], { env }),
      runScript(scripts.backup, [], { env }),
    ]);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain("Option --sample takes no value.");
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain("Missing FILE");
  }, 60_000);
});
