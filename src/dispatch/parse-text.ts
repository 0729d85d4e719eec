// Maps the free text after a Slack or console subcommand onto a command's zod schema keys. Arguments are
// positional in schema key order ("/paper subscribe 09:00 Europe/Berlin 5"; an optional choice is skipped when
// the word is not one of its values and a later free-form option can take it); `key=value` works too, and the
// command's greedy key swallows the rest ("/paper search diffusion policy"). The schema validates afterwards.
import { UserError } from "../errors.js";
import { describeOptions, type CommandDefinition } from "./define-command.js";

/** Longest text we accept after a subcommand; beyond this it is a paste accident, not a query. */
export const MAX_COMMAND_TEXT = 1000;

/** Removes control characters (keeps ordinary spaces) and trims. */
export function cleanInput(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ").trim();
}

/** Splits on whitespace, keeping "double quoted" or “curly quoted” runs together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const m of text.matchAll(re)) tokens.push(m[1] ?? m[2] ?? m[3] ?? "");
  return tokens;
}

export function parseCommandText(def: CommandDefinition, rawText: string): Record<string, unknown> {
  const text = cleanInput(rawText);
  if (text.length > MAX_COMMAND_TEXT) {
    throw new UserError(
      "too_long",
      `That's ${text.length.toLocaleString("en-US")} characters — please keep it under ${MAX_COMMAND_TEXT.toLocaleString("en-US")}.`,
    );
  }
  const options = describeOptions(def);
  const byName = new Map(options.map((o) => [o.name.toLowerCase(), o]));
  const values: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const token of tokenize(text)) {
    const kv = /^([a-z_]+)=(.*)$/i.exec(token);
    const option = kv ? byName.get(kv[1]!.toLowerCase()) : undefined;
    if (kv && option) values[option.name] = kv[2];
    else positional.push(token);
  }
  const free = options.filter((o) => !(o.name in values) && !def.keyOnly?.includes(o.name));
  for (const [at, option] of free.entries()) {
    if (positional.length === 0) break;
    // An optional option with fixed choices ("weekly", "monday") takes the next word only when it is one of
    // them, so `/paper subscribe 09:00 …` and `/paper subscribe weekly monday 09:00 …` both read naturally.
    const choice = option.choices?.find((c) => c.toLowerCase() === positional[0]!.toLowerCase());
    if (option.choices && !option.required && free.slice(at + 1).some((o) => !o.choices)) {
      if (choice === undefined) continue;
      values[option.name] = choice;
      positional.shift();
      continue;
    }
    if (option.name === def.greedy) {
      values[option.name] = positional.join(" ");
      positional.length = 0;
      break;
    }
    values[option.name] = positional.shift();
  }
  if (positional.length > 0) {
    throw new UserError(
      "extra_arguments",
      `I didn't expect "${truncateForEcho(positional.join(" "))}" there. Try: ${def.examples[0] ?? `/paper ${def.name}`}`,
    );
  }
  for (const option of options) {
    const value = values[option.name];
    if (typeof value !== "string") continue;
    if ((option.type === "integer" || option.type === "number") && /^-?\d+(\.\d+)?$/.test(value)) {
      values[option.name] = Number(value);
    } else if (option.type === "boolean" && /^(true|false|yes|no|on|off)$/i.test(value)) {
      values[option.name] = /^(true|yes|on)$/i.test(value);
    }
  }
  return values;
}

/** Quotes user input back safely: short, single line. */
export function truncateForEcho(text: string, max = 60): string {
  const clean = cleanInput(text);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
