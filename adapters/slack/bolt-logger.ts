// Bolt and the WebClient log through this bridge into paperboy's pino logger, so Slack SDK messages are
// structured and pass through the same secret redaction as everything else. The SDK logs request bodies and
// results as text at debug level (oauth.v2.access carries client_secret and access_token), so secrets are also
// scrubbed out of the text itself.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/log.js";

const fromPino = (level: string): LogLevel =>
  level === "debug" || level === "trace" ? LogLevel.DEBUG : level === "info" ? LogLevel.INFO : level === "warn" ? LogLevel.WARN : LogLevel.ERROR;

/** `"client_secret":"…"`, `token=…` and the like, in JSON or form text. */
const SECRET_FIELD = /(\\?"?(?:client_secret|access_token|refresh_token|token|bot_token)\\?"?\s*[:=]\s*\\?"?)[^"\\,&\s}]+/gi;
/** Slack tokens wherever they appear: xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xapp-. */
const SLACK_TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** The text with every secret value replaced. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_FIELD, "$1[redacted]").replace(SLACK_TOKEN, "[redacted]");
}

export function createBoltLogger(log: Logger): BoltLogger {
  let child = log.child({ component: "slack-sdk" });
  const line = (msg: unknown[]) =>
    scrubSecrets(msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" "));
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    // paperboy's LOG_LEVEL decides; Bolt's own level requests are ignored.
    setLevel: () => undefined,
    getLevel: () => fromPino(log.level),
    setName: (name: string) => {
      child = log.child({ component: "slack-sdk", sdk: name });
    },
  };
}
