// Structured logging (pino). Secrets never reach a log line: known secret keys are redacted wherever they
// appear, and nothing logs config values wholesale. Commands people run in a terminal (the console, `npm run
// deliver`) log to a file instead, so JSON lines and stack traces never land between their answers.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Writable } from "node:stream";
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

const optionsFor = (level: string) => ({
  level,
  base: { app: "paperboy" },
  redact: {
    paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`)],
    censor: "[redacted]",
  },
});

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = optionsFor(level);
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

/** Where terminal commands log: next to the SQLite file, else data/paperboy.log (relative to `cwd`). */
export function logFilePath(storeUrl: string, cwd = process.cwd()): string {
  const sqlite = /^sqlite:\/\/(.+)$/.exec(storeUrl)?.[1];
  const dir = sqlite && sqlite !== ":memory:" ? dirname(resolve(cwd, sqlite)) : resolve(cwd, "data");
  return resolve(dir, "paperboy.log");
}

/** One JSON log line as one plain line for people: "warning: could not post (slack:C1)". No stack traces. */
function plainLine(json: string): string {
  try {
    const entry = JSON.parse(json) as { level?: number; msg?: string; err?: { message?: string } };
    const label = (entry.level ?? 40) >= 50 ? "error" : "warning";
    return `${label}: ${entry.msg ?? ""}${entry.err?.message ? ` (${entry.err.message})` : ""}\n`;
  } catch {
    return "";
  }
}

/**
 * For a command a person runs in a terminal (`npm run deliver`): every line at `level` goes to `file` as JSON,
 * and warnings and errors also to `terminal` as one plain line each. Writes synchronously: such commands end
 * with process.exit.
 */
export function createTerminalLogger(level: string, file: string, terminal: NodeJS.WritableStream): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const plain = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim() !== "") terminal.write(plainLine(line));
      done();
    },
  });
  return pino(
    optionsFor(level),
    pino.multistream([
      { level: level as pino.Level, stream: pino.destination({ dest: file, append: true, sync: true }) },
      { level: "warn", stream: plain },
    ]),
  );
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = pino({ level: "silent" });
