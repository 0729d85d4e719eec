// How a /paper subcommand is declared: one zod object schema serves every platform. Discord options are
// generated from it (adapters/discord/options.ts via describeOptions), Slack and console free text is mapped
// onto its keys positionally (parse-text.ts), and the same schema validates both.
import { z } from "zod";
import type { Reply } from "../message.js";
import type { Caller } from "../ports.js";
import type { CoreDeps } from "../core-deps.js";

export interface CommandContext {
  caller: Caller;
  deps: CoreDeps;
}

export interface CommandDefinition<S extends z.ZodObject = z.ZodObject> {
  /** Subcommand name, lowercase, ≤ 32 chars (Discord's limit). */
  name: string;
  /** One line, ≤ 100 chars (Discord's limit), shown in help and the Discord command picker. */
  description: string;
  /**
   * The arguments. Key order is the positional order of Slack/console text; every field carries
   * `.describe("…")` (≤ 100 chars) which becomes the Discord option description.
   */
  schema: S;
  /** A string key that swallows the rest of the text (e.g. the search query). Must be the last key. */
  greedy?: string;
  /**
   * Keys Slack/console text sets only as `key=value`, never positionally: a free-form filter such as
   * `tag=robotics` must not swallow a mistyped word ("/paper bookmarks yaml" is a wrong format, not a tag).
   */
  keyOnly?: readonly string[];
  /** Only channel admins may run it (CONTRACT.md "Admins"). */
  adminOnly?: boolean;
  /** Whole example invocations, e.g. "/paper get 2401.01234"; the first is shown in argument errors. */
  examples: string[];
  /** Options whose values Discord should autocomplete, and how. */
  autocomplete?: Record<string, (partial: string, ctx: CommandContext) => Promise<{ name: string; value: string }[]>>;
  run(args: z.infer<S>, ctx: CommandContext): Promise<Reply>;
}

/** Identity function that keeps the schema's type flowing into `run`. */
export function defineCommand<S extends z.ZodObject>(def: CommandDefinition<S>): CommandDefinition<S> {
  return def;
}

/** A platform-neutral description of one option, for adapters that need typed options. */
export interface OptionDescriptor {
  name: string;
  description: string;
  type: "string" | "integer" | "number" | "boolean";
  required: boolean;
  choices?: string[];
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
  autocomplete: boolean;
}

type JsonProp = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  anyOf?: JsonProp[];
};

/** Generates option descriptors from a command's zod schema (via zod's JSON Schema output). */
export function describeOptions(def: CommandDefinition): OptionDescriptor[] {
  const json = z.toJSONSchema(def.schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonProp>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, raw]) => {
    const prop = raw.anyOf?.find((p) => p.type !== "null") ?? raw;
    const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    const choices = prop.enum?.filter((v): v is string => typeof v === "string");
    return {
      name,
      description: (raw.description ?? prop.description ?? name).slice(0, 100),
      type: type === "integer" || type === "number" || type === "boolean" ? type : "string",
      required: required.has(name),
      ...(choices && choices.length > 0 ? { choices } : {}),
      ...(prop.minimum !== undefined ? { minValue: prop.minimum } : {}),
      ...(prop.maximum !== undefined ? { maxValue: prop.maximum } : {}),
      ...(prop.maxLength !== undefined ? { maxLength: prop.maxLength } : {}),
      autocomplete: Boolean(def.autocomplete?.[name]),
    };
  });
}
