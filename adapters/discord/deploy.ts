// `npm run deploy:discord`: registers `/paper` with Discord once (and again whenever commands change) —
// never at bot start-up, where it would burn the daily command-create quota on every restart.
import { commands } from "../../commands/index.js";
import { parseCommandLine } from "../../src/cli/args.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { UpstreamError } from "../../src/errors.js";
import { registerCommands } from "./register-commands.js";

const USAGE = `usage: npm run deploy:discord

Registers the /paper command with Discord: in one server (available at once) when DISCORD_GUILD_ID is set,
otherwise globally (may take up to an hour to appear). Run it once, and again after commands change.
Needs DISCORD_TOKEN (environment or .env); DISCORD_APPLICATION_ID is looked up when empty.

options:
  -h, --help  show this help (never registers anything)`;

async function deploy(): Promise<void> {
  // Before the configuration is even read: --help or a typo must never register commands.
  parseCommandLine({ usage: USAGE, options: {} });
  const config = loadConfig();
  const result = await registerCommands({ config, commands });
  const where = result.scope.kind === "guild" ? `in server ${result.scope.guildId} (available now)` : "globally (may take up to an hour to appear)";
  process.stdout.write(`Registered /paper ${result.subcommands.join("|")} for application ${result.applicationId} ${where}.\n`);
}

deploy().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`deploy:discord can't start. ${err.message}\n`);
  else if (err instanceof UpstreamError && err.status === 401) process.stderr.write("Discord rejected DISCORD_TOKEN (401). Copy the bot token again from the Developer Portal.\n");
  else if (err instanceof UpstreamError && err.code === "50001") process.stderr.write("Discord says Missing Access: is the bot in that server (DISCORD_GUILD_ID), with the applications.commands scope?\n");
  else process.stderr.write(`deploy:discord failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
