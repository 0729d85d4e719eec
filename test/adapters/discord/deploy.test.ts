// `npm run deploy:discord` registers the generated /paper command with Discord: guild-scoped when
// DISCORD_GUILD_ID is set, global otherwise; the application id comes from the config or GET /applications/@me.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPaperCommand } from "../../../adapters/discord/options.js";
import { registerCommands } from "../../../adapters/discord/register-commands.js";
import { commands } from "../../../commands/index.js";
import { loadConfig } from "../../../src/config.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";

const run = promisify(execFile);
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await createFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
});

const config = (env: Record<string, string>) => loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, STORE_URL: "memory://", ...env });

describe("deploy:discord", () => {
  it("registers /paper in the guild, looking the application id up when it is not configured", async () => {
    const result = await registerCommands({ config: config({ DISCORD_GUILD_ID: fake.world.guildId }), commands, restOptions: { retries: 0 } });
    expect(result).toEqual({ applicationId: fake.world.applicationId, scope: { kind: "guild", guildId: fake.world.guildId }, subcommands: commands.map((c) => c.name) });
    const saved = fake.state.commands.guild.get(fake.world.guildId) ?? [];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject(JSON.parse(JSON.stringify(buildPaperCommand(commands))) as Record<string, unknown>);
    expect(fake.state.requests.some((r) => r.path === "/applications/@me")).toBe(true);
  });

  it("registers globally with a configured application id, and again harmlessly (bulk overwrite)", async () => {
    const before = fake.state.requests.filter((r) => r.path === "/applications/@me").length;
    const cfg = config({ DISCORD_APPLICATION_ID: fake.world.applicationId });
    await registerCommands({ config: cfg, commands, restOptions: { retries: 0 } });
    await registerCommands({ config: cfg, commands, restOptions: { retries: 0 } });
    expect(fake.state.commands.global.map((c) => c.name)).toEqual(["paper"]);
    expect(fake.state.requests.filter((r) => r.path === "/applications/@me").length).toBe(before);
  });

  it("runs as the npm script and explains a rejected token in plain words", async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: fake.world.guildId, STORE_URL: "memory://" };
    const script = ["--import", "tsx", "adapters/discord/deploy.ts"];
    const ok = await run(process.execPath, script, { env });
    expect(ok.stdout).toContain(`Registered /paper ${commands.map((c) => c.name).join("|")} for application ${fake.world.applicationId} in server ${fake.world.guildId}`);
    const bad = await run(process.execPath, script, { env: { ...env, DISCORD_TOKEN: "wrong" } }).catch((err: { code: number; stderr: string }) => err);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain("Discord rejected DISCORD_TOKEN (401)");
    expect((bad as { stderr: string }).stderr).not.toContain("wrong");
  }, 20_000);
});
