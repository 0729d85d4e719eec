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

/** A whole number in [min, max]; any bad value reads "must be a whole number from 0 to 65535, like 3000". */
const wholeNumber = (min: number, max: number, fallback: number) => {
  const error = `must be a whole number from ${min} to ${max}, like ${fallback}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
};

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
  /** Gateway shards in all: "auto" asks Discord (`GET /gateway/bot` through DISCORD_API_URL), or a number. */
  DISCORD_SHARDS: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === "" ? "auto" : v))
    .default("auto")
    .refine((v) => v === "auto" || /^[1-9]\d{0,4}$/.test(v), { message: 'must be "auto" or a whole number of shards such as 4' })
    .transform((v): number | "auto" => (v === "auto" ? "auto" : Number(v))),
  /** The shards this process runs (`0,1` or `0-3`), for splitting one bot over several hosts; default all. */
  DISCORD_SHARD_IDS: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || isShardList(v), { message: "must list shard ids like 0,1 or 0-3 (ranges low-high)" })
    .transform((v) => (v === "" ? undefined : parseShardIds(v))),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url("https://slack.com/api/"),
  /** Slack distribution (OAuth, many workspaces): the app's client id/secret and a secret that signs OAuth state. */
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  /** Bot scopes requested at install, comma-separated; default: the scopes in adapters/slack/manifest.json. */
  SLACK_SCOPES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
  /** Public https URL of /slack/oauth_redirect; needed only when the Slack app lists several redirect URLs. */
  SLACK_REDIRECT_URI: optionalText.refine((v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v)), {
    message: "must be an http(s) URL ending in /slack/oauth_redirect",
  }),
  SLACK_ADMIN_USER_IDS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  PORT: wholeNumber(0, 65535, 3000),
  /** Public base URL of the HTTP server, used in feed links; default http://localhost:PORT (see publicUrl). */
  PUBLIC_URL: optionalText.refine((v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v)), {
    message: "must be an http(s) URL, like https://paperboy.example.org",
  }),
  DEFAULT_TIMEZONE: z.string().trim().default("UTC").refine(isValidTimeZone, {
    message: "must be an IANA time zone such as Europe/Berlin",
  }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Days a failing subscription is retried before paperboy gives up on it. */
  DELIVERY_GIVE_UP_DAYS: wholeNumber(1, 90, 7),
  /** Per-request timeout for Hugging Face and arXiv, in milliseconds. */
  HF_TIMEOUT_MS: wholeNumber(100, 120_000, 10_000),
  /** Live votes: minutes between two refreshes of recent paper messages' counts. */
  VOTES_REFRESH_MINUTES: wholeNumber(5, 1440, 30),
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
    problems.push(...slackOAuthProblems(cfg));
    if (!cfg.SLACK_BOT_TOKEN && !cfg.SLACK_CLIENT_ID && (cfg.SLACK_SIGNING_SECRET || cfg.SLACK_APP_TOKEN)) {
      problems.push("SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set");
    }
    problems.push(...shardProblems(cfg));
    if (problems.length > 0) throw new ConfigError(problems);
    return cfg;
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new ConfigError(problems);
}

/** `0,1` or `0-3,8`: ids and ascending ranges, comma-separated. */
function isShardList(text: string): boolean {
  return text.split(",").every((part) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    return m !== null && (m[2] === undefined || Number(m[1]) <= Number(m[2]));
  });
}

/** `0,2-3` → [0, 2, 3] (sorted, without repeats). */
function parseShardIds(text: string): number[] {
  const ids = text.split(",").flatMap((part) => {
    const [from, to = from] = part.trim().split("-").map(Number) as [number, number?];
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  });
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** DISCORD_SHARD_IDS only makes sense against a fixed shard count that every host agrees on. */
function shardProblems(cfg: Config): string[] {
  const ids = cfg.DISCORD_SHARD_IDS;
  if (!ids) return [];
  if (cfg.DISCORD_SHARDS === "auto") return ["DISCORD_SHARD_IDS: needs a number in DISCORD_SHARDS (the total every host uses), not auto"];
  const count = cfg.DISCORD_SHARDS;
  const outside = ids.filter((id) => id >= count);
  if (outside.length === 0) return [];
  return [`DISCORD_SHARD_IDS: no shard ${outside.join(", ")} with DISCORD_SHARDS=${count} (ids run 0–${count - 1})`];
}

/** Where people reach paperboy's HTTP server (feed URLs): PUBLIC_URL without a trailing slash. */
export function publicUrl(cfg: Config): string {
  return (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, "");
}

/** Slack distribution needs its three secrets and HTTP mode, and replaces the single bot token. */
function slackOAuthProblems(cfg: Config): string[] {
  const oauth = [cfg.SLACK_CLIENT_ID, cfg.SLACK_CLIENT_SECRET, cfg.SLACK_STATE_SECRET];
  if (oauth.every((v) => v === undefined)) return [];
  const problems: string[] = [];
  if (oauth.some((v) => v === undefined)) {
    problems.push("SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: Slack distribution needs all three");
  }
  if (!cfg.SLACK_SIGNING_SECRET) problems.push("SLACK_SIGNING_SECRET: required for Slack distribution");
  if (cfg.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID (each workspace gets its token at install)");
  if (cfg.SLACK_APP_TOKEN) problems.push("SLACK_APP_TOKEN: Slack distribution runs in HTTP mode; leave it unset");
  if (cfg.SLACK_REDIRECT_URI && !cfg.SLACK_REDIRECT_URI.endsWith("/slack/oauth_redirect")) {
    problems.push("SLACK_REDIRECT_URI: must end in /slack/oauth_redirect");
  }
  return problems;
}

/** True when Slack distribution (OAuth install into many workspaces) is configured. */
export const slackDistribution = (cfg: Config): boolean => Boolean(cfg.SLACK_CLIENT_ID);

/** Which chat adapters the configuration enables. */
export function enabledPlatforms(cfg: Config): { discord: boolean; slack: boolean } {
  return { discord: Boolean(cfg.DISCORD_TOKEN), slack: Boolean(cfg.SLACK_BOT_TOKEN) || slackDistribution(cfg) };
}
