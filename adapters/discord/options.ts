// PURE: the command registry → the one `/paper` application command Discord registers, subcommands and typed
// options generated from each command's zod schema (describeOptions). Discord's rules are applied here, not
// discovered at deploy time: names ≤ 32 and lowercase, descriptions 1–100, ≤ 25 options and choices,
// required options first, autocomplete never together with choices.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { describeOptions, type CommandDefinition, type OptionDescriptor } from "../../src/dispatch/define-command.js";

export const COMMAND_NAME = "paper";
const COMMAND_DESCRIPTION = "Hugging Face Daily Papers: search, look up, bookmark";
const MAX_OPTIONS = 25;
const NAME_PATTERN = /^[-_\p{Ll}\p{N}]{1,32}$/u;

function checkName(name: string): string {
  if (!NAME_PATTERN.test(name)) throw new Error(`Discord command/option name "${name}" must be 1–32 lowercase letters, digits, - or _`);
  return name;
}

const describe = (text: string, fallback: string) => (text.trim() === "" ? fallback : text.trim()).slice(0, 100);

function option(o: OptionDescriptor): APIApplicationCommandBasicOption {
  const base = { name: checkName(o.name), description: describe(o.description, o.name), required: o.required };
  const choices = o.choices?.slice(0, MAX_OPTIONS).map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) }));
  switch (o.type) {
    case "boolean":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "integer":
    case "number": {
      const range = {
        ...(o.minValue !== undefined ? { min_value: o.minValue } : {}),
        ...(o.maxValue !== undefined ? { max_value: o.maxValue } : {}),
      };
      return o.type === "integer"
        ? { ...base, ...range, type: ApplicationCommandOptionType.Integer }
        : { ...base, ...range, type: ApplicationCommandOptionType.Number };
    }
    case "string":
      if (choices && choices.length > 0) return { ...base, type: ApplicationCommandOptionType.String, choices };
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.maxLength !== undefined ? { max_length: Math.min(Math.max(1, o.maxLength), 6000) } : {}),
        ...(o.autocomplete ? { autocomplete: true } : {}),
      };
  }
}

/** The `/paper` command with one subcommand per definition, in registry order. */
export function buildPaperCommand(defs: readonly CommandDefinition[]): RESTPostAPIChatInputApplicationCommandsJSONBody {
  if (defs.length > MAX_OPTIONS) throw new Error(`Discord allows ${MAX_OPTIONS} subcommands; the registry has ${defs.length}`);
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: COMMAND_DESCRIPTION,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: defs.map((def) => {
      const described = describeOptions(def);
      if (described.length > MAX_OPTIONS) throw new Error(`/paper ${def.name} has more than ${MAX_OPTIONS} options`);
      // Discord rejects a required option after an optional one; keep schema order otherwise.
      const ordered = [...described.filter((o) => o.required), ...described.filter((o) => !o.required)];
      return {
        type: ApplicationCommandOptionType.Subcommand,
        name: checkName(def.name),
        description: describe(def.description, def.name),
        options: ordered.map(option),
      };
    }),
  };
}
