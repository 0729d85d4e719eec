// Bolt and the WebClient log through this bridge into paperboy's pino logger, so Slack SDK messages are
// structured and pass through the same secret redaction as everything else.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/log.js";

const fromPino = (level: string): LogLevel =>
  level === "debug" || level === "trace" ? LogLevel.DEBUG : level === "info" ? LogLevel.INFO : level === "warn" ? LogLevel.WARN : LogLevel.ERROR;

export function createBoltLogger(log: Logger): BoltLogger {
  let child = log.child({ component: "slack-sdk" });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
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
