// Structured logging (pino). Secrets never reach a log line: known secret keys are redacted wherever they
// appear, and nothing logs config values wholesale.
import { pino, type Logger } from "pino";

export type { Logger };

const SECRET_KEYS = [
  "token",
  "DISCORD_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "client_secret",
  "access_token",
  "botToken",
  "HF_TOKEN",
  "authorization",
  "Authorization",
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: "paperboy" },
    redact: {
      paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`)],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = pino({ level: "silent" });
