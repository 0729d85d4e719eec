// One running paperboy-on-Slack for a test: fake Slack + fake Hugging Face + the REAL core (createTestCore)
// + the real Bolt adapter on paperboy's real HTTP server (HTTP mode) or over Socket Mode. `restart()` builds a
// new core and adapter over the same store, as a redeploy would.
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createLogger, silentLogger, type Logger } from "../../../src/log.js";
import type { ChatAdapter } from "../../../src/ports.js";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { createFakeSlack, FAKE_APP_TOKEN, FAKE_BOT_TOKEN, type FakeSlack } from "../../fakes/fake-slack.js";
import { createSlackSigner, type SlackSigner } from "../../fakes/fake-slack-signer.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";

export const SIGNING_SECRET = "fake-signing-secret-8f3a";
export const ALICE = "U0ALICE";
export const BOB = "U0BOB";
export const CHANNEL = "C0PAPERS";

export interface HarnessOptions {
  mode?: "http" | "socket";
  storeUrl?: string;
  hf?: FakeHf;
  slack?: FakeSlack;
  adminUserIds?: string[];
  /** Extra environment for the core's Config (e.g. HF_TIMEOUT_MS). */
  env?: Record<string, string>;
  /** Log to stderr at this level while debugging a test. */
  logLevel?: string;
  /** The core's clock (default: the real one). */
  now?: () => Date;
}

export interface SlackHarness {
  fake: FakeSlack;
  hf: FakeHf;
  app: TestCore;
  adapter: ChatAdapter;
  http: HttpServer;
  eventsUrl: string;
  signer: SlackSigner;
  /** Stops adapter and core (keeps the fakes and the store file). */
  stopBot(): Promise<void>;
  /** A fresh core + adapter over the same store and fakes, like a redeploy. */
  restart(): Promise<SlackHarness>;
  close(): Promise<void>;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const mode = options.mode ?? "http";
  const fake = options.slack ?? (await createFakeSlack());
  const hf = options.hf ?? (await createFakeHf());
  const log: Logger = options.logLevel ? createLogger(options.logLevel, process.stderr) : silentLogger;
  const app = await createTestCore({
    hfUrl: hf.url,
    arxivUrl: hf.arxivUrl,
    ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}),
    ...(options.now ? { now: options.now } : {}),
    log,
    env: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_ADMIN_USER_IDS: (options.adminUserIds ?? []).join(","),
      ...(mode === "socket" ? { SLACK_APP_TOKEN: FAKE_APP_TOKEN } : {}),
      ...options.env,
    },
  });
  const http = createHttpServer({ isHealthy: () => adapter.isReady() });
  const adapter: ChatAdapter = createSlackAdapter({ config: app.config, core: app.core, http, log, clientOptions: { retryConfig: { retries: 0 } }, outageRetry: { minDelayMs: 20, maxDelayMs: 100 } });
  app.registerAdapter(adapter);
  const port = await http.listen(0, "127.0.0.1");
  await adapter.start();
  if (mode === "socket") await fake.socket.connected();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const signer = createSlackSigner({ fake, eventsUrl, signingSecret: SIGNING_SECRET });

  async function stopBot() {
    await app.close();
    await http.close();
  }
  return {
    fake,
    hf,
    app,
    adapter,
    http,
    eventsUrl,
    signer,
    stopBot,
    async restart() {
      await stopBot();
      return startSlackHarness({ ...options, slack: fake, hf });
    },
    async close() {
      await stopBot();
      await fake.close();
      await hf.close();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** All visible text of a Slack message (top-level text and every text object), for assertions. */
export function textOf(message: { text?: string; blocks?: unknown[] | undefined }): string {
  const out: string[] = [message.text ?? ""];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== "object" || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "text" && typeof x === "string") out.push(x);
      else walk(x);
    }
  };
  walk(message.blocks ?? []);
  return out.join("\n");
}

/** Labels of every button in a message. */
export function buttonsOf(message: { blocks?: unknown[] | undefined }): string[] {
  return (message.blocks ?? []).flatMap((b) => {
    const block = b as { type?: string; elements?: { text?: { text?: string } }[] };
    return block.type === "actions" ? (block.elements ?? []).map((e) => e.text?.text ?? "") : [];
  });
}

/** The user's bookmarked paper ids once there are at least `n` (or whatever is there after `timeoutMs`). */
export async function bookmarkIds(h: SlackHarness, userId: string, n: number, timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await h.app.deps.bookmarks.list({ platform: "slack", userId });
    if (list.length >= n || Date.now() > deadline) return list.map((b) => b.paperId);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until the user's bookmarked ids equal `expected` (for removals); returns what is there at the end. */
export async function settledBookmarks(h: SlackHarness, userId: string, expected: string[], timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = (await h.app.deps.bookmarks.list({ platform: "slack", userId })).map((b) => b.paperId);
    if (JSON.stringify(ids) === JSON.stringify(expected) || Date.now() > deadline) return ids;
    await new Promise((r) => setTimeout(r, 20));
  }
}
