// Registers the `/paper` command with Discord by bulk overwrite (PUT), so running it again is harmless: guild
// commands (DISCORD_GUILD_ID, instant — for development) or global ones. The application id comes from
// DISCORD_APPLICATION_ID or, when unset, from `GET /applications/@me` with the bot token.
import { REST, Routes, type RESTOptions } from "discord.js";
import { z } from "zod";
import type { Config } from "../../src/config.js";
import type { CommandDefinition } from "../../src/dispatch/define-command.js";
import { toUpstreamError } from "./errors.js";
import { buildPaperCommand } from "./options.js";

// Only the fields paperboy reads, validated: a proxy or a wrong DISCORD_API_URL fails loudly here.
const applicationSchema = z.object({ id: z.string().regex(/^\d{17,20}$/) });
const savedCommandsSchema = z.array(z.object({ name: z.string(), options: z.array(z.object({ name: z.string() })).optional() }));

export interface RegisterCommandsConfig {
  config: Config;
  commands: readonly CommandDefinition[];
  restOptions?: Partial<Omit<RESTOptions, "api">>;
}

export interface RegisterResult {
  applicationId: string;
  scope: { kind: "guild"; guildId: string } | { kind: "global" };
  /** The subcommands Discord now knows, in order. */
  subcommands: string[];
}

export async function registerCommands({ config, commands, restOptions }: RegisterCommandsConfig): Promise<RegisterResult> {
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is not set: paperboy needs the bot token to register commands.");
  const body = [buildPaperCommand(commands)];
  const rest = new REST({ ...restOptions, api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  try {
    const applicationId =
      config.DISCORD_APPLICATION_ID ?? applicationSchema.parse(await rest.get(Routes.currentApplication())).id;
    const guildId = config.DISCORD_GUILD_ID;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const saved = savedCommandsSchema.parse(await rest.put(route, { body }));
    const paper = saved.find((c) => c.name === body[0]?.name);
    return {
      applicationId,
      scope: guildId ? { kind: "guild", guildId } : { kind: "global" },
      subcommands: (paper?.options ?? []).map((o) => o.name),
    };
  } catch (err) {
    throw toUpstreamError(err);
  }
}
