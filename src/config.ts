// One zod schema over the environment — the only place that reads process.env. A bad value stops boot with
// every failing key named at once (MonitoRSS backend-api config.ts). CONTRACT.md lists the variables;
// .env.example mirrors this file. A `.env` file in the working directory is read too; real variables win.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { isValidTimeZone } from "./time/zoned-time.js";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^(https?|wss?):\/\//.test(v) && URL.canParse(v), { message: "must be an http(s) URL" });

export const configSchema = z.object({
  HF_API_URL: url("https://huggingface.co"),
  ARXIV_API_URL: url("https://export.arxiv.org/api/query"),
  /** Optional Hugging Face token: raises HF's rate limits. Never logged. */
  HF_TOKEN: optionalText,
  STORE_URL: z
    .string()
    .trim()
    .default("sqlite://data/paperboy.sqlite")
    .refine((v) => /^(sqlite|redis|rediss|postgres|postgresql|memory):\/\//.test(v), {
      message: "must start with sqlite://, redis://, postgres:// or memory://",
    }),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: url("https://discord.com/api"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url("https://slack.com/api/"),
  SLACK_ADMIN_USER_IDS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DEFAULT_TIMEZONE: z.string().trim().default("UTC").refine(isValidTimeZone, {
    message: "must be an IANA time zone such as Europe/Berlin",
  }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Days a failing subscription is retried before paperboy gives up on it. */
  DELIVERY_GIVE_UP_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Per-request timeout for Hugging Face and arXiv, in milliseconds. */
  HF_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * The variables paperboy runs with: `.env` in `cwd` when present, overlaid by the real environment, which wins
 * (as with dotenv and `node --env-file`). process.env itself is left untouched.
 */
export function readEnvironment(cwd: string = process.cwd()): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch (err) {
    if ((err as { code?: unknown }).code === "ENOENT") return { ...process.env };
    throw new ConfigError([`.env: could not be read (${(err as Error).message})`]);
  }
  return { ...parseEnv(text), ...process.env };
}

/** Parses the environment (by default `.env` + the real one); throws ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const cfg = result.data;
    const problems: string[] = [];
    if (Boolean(cfg.SLACK_BOT_TOKEN) && !cfg.SLACK_SIGNING_SECRET && !cfg.SLACK_APP_TOKEN) {
      problems.push("SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
    }
    if (!cfg.SLACK_BOT_TOKEN && (cfg.SLACK_SIGNING_SECRET || cfg.SLACK_APP_TOKEN)) {
      problems.push("SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set");
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return cfg;
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new ConfigError(problems);
}

/** Which chat adapters the configuration enables. */
export function enabledPlatforms(cfg: Config): { discord: boolean; slack: boolean } {
  return { discord: Boolean(cfg.DISCORD_TOKEN), slack: Boolean(cfg.SLACK_BOT_TOKEN) };
}
