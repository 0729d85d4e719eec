// Command-line parsing shared by every entry point (start, deliver, deploy:discord, backup, restore): strict
// options, `--help`/`-h` answered before anything else runs (no config, no network), and a plain-words error
// plus the usage on stderr, exit code 2, for an unknown flag or a missing argument.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>["values"];

export interface CommandLineSpec<O extends Options> {
  /** The whole help text, starting with a `usage:` line. */
  usage: string;
  options: O;
  /** How many positional arguments the command takes (default 0). */
  positionals?: { min: number; max: number; name: string };
}

/** Exit code for a command-line mistake (like most Unix tools). */
export const USAGE_EXIT_CODE = 2;

/** Prints the mistake and the usage line(s) (the help text's first paragraph) to stderr; exits 2. */
export function usageError(usage: string, message: string): never {
  const synopsis = usage.split("\n\n")[0] ?? usage;
  process.stderr.write(`${message}\n${synopsis.trimEnd()}\n(--help shows every option)\n`);
  process.exit(USAGE_EXIT_CODE);
}

/** Node's parseArgs messages mention internals ("place it at the end after --"); say it plainly instead. */
function plainMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const flag = /'(-{1,2}[\w-]+)/.exec(e.message ?? "")?.[1];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag) return `Unknown option ${flag}.`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
    return /does not take/.test(e.message ?? "") ? `Option ${flag} takes no value.` : `Option ${flag} needs a value.`;
  }
  return e.message ?? String(err);
}

/** Parses `argv`; prints the usage and exits 0 on --help, exits 2 with a clear message on a mistake. */
export function parseCommandLine<O extends Options>(
  spec: CommandLineSpec<O>,
  argv: string[] = process.argv.slice(2),
): { values: Values<O>; positionals: string[] } {
  const options: Options = { ...spec.options, help: { type: "boolean", short: "h" } };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (err) {
    usageError(spec.usage, plainMessage(err));
  }
  if (parsed.values.help === true) {
    process.stdout.write(`${spec.usage.trimEnd()}\n`);
    process.exit(0);
  }
  const count = parsed.positionals.length;
  const { min, max, name } = spec.positionals ?? { min: 0, max: 0, name: "" };
  if (count > max) usageError(spec.usage, `Unexpected argument "${parsed.positionals[max]}".`);
  if (count < min) usageError(spec.usage, `Missing ${name}.`);
  return { values: parsed.values as Values<O>, positionals: parsed.positionals };
}
