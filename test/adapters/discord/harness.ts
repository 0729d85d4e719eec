// Test harness for the Discord adapter: the fake Discord, the fake Hugging Face, the REAL core (createTestCore)
// and the REAL discord.js Client via createDiscordAdapter, wired like src/main.ts does. A harness can be
// restarted over the same fakes and store to test what survives a restart. Logs are captured for assertions.
import { Writable } from "node:stream";
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createLogger } from "../../../src/log.js";
import type { ActionInvocation, BotCore, ChatAdapter, CommandInvocation, ReactionEvent } from "../../../src/ports.js";
import { createFakeDiscord, type FakeDiscord, type FakeDiscordConfig } from "../../fakes/fake-discord.js";
import { createFakeHf, type FakeHf, type FakeHfOptions } from "../../fakes/fake-hf.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";

/** After 21:30 New York on 2026-05-05, so "today" is the fixture list of 2026-05-05. */
export const FIXED_NOW = new Date("2026-05-06T12:00:00Z");

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface DiscordHarness {
  fake: FakeDiscord;
  hf: FakeHf;
  app: TestCore;
  adapter: ChatAdapter;
  logs: LogLine[];
  /** What reached the core from the adapter, in order (a recording decorator around the real core). */
  seen: { commands: CommandInvocation[]; actions: ActionInvocation[]; reactions: ReactionEvent[] };
  /** Stops adapter + core (not the fakes). */
  stopBot(): Promise<void>;
  /** Stops everything. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeDiscordConfig;
  hf?: FakeHfOptions;
  /** Reuse running fakes (a restart). */
  reuse?: { fake: FakeDiscord; hf: FakeHf };
  storeUrl?: string;
  /** Extra environment for the config (e.g. HF_TIMEOUT_MS). */
  env?: Record<string, string>;
}

/** The real core, recording every call the adapter makes into it. */
function recording(core: BotCore, seen: DiscordHarness["seen"]): BotCore {
  return {
    runCommand: (i) => (seen.commands.push(i), core.runCommand(i)),
    runAction: (i) => (seen.actions.push(i), core.runAction(i)),
    handleReaction: (e) => (seen.reactions.push(e), core.handleReaction(e)),
    autocomplete: (r) => core.autocomplete(r),
    handleLifecycle: (e) => core.handleLifecycle(e),
  };
}

export async function startDiscordHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const fake = options.reuse?.fake ?? (await createFakeDiscord(options.fake));
  const hf = options.reuse?.hf ?? (await createFakeHf(options.hf));
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const log = createLogger("debug", sink);
  const app = await createTestCore({
    hfUrl: hf.url,
    arxivUrl: hf.arxivUrl,
    now: () => FIXED_NOW,
    log,
    ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}),
    env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, ...options.env },
  });
  const seen: DiscordHarness["seen"] = { commands: [], actions: [], reactions: [] };
  const adapter = createDiscordAdapter({
    config: app.config,
    core: recording(app.core, seen),
    log,
    restOptions: { retries: 1, timeout: 5000, offset: 20 },
    waitGuildTimeoutMs: 1000,
    readyTimeoutMs: 10_000,
    drainTimeoutMs: 2000,
  });
  app.registerAdapter(adapter);
  await adapter.start();
  const stopBot = () => app.close();
  return {
    fake,
    hf,
    app,
    adapter,
    logs,
    seen,
    stopBot,
    async close() {
      await stopBot();
      if (!options.reuse) await Promise.all([fake.close(), hf.close()]);
    },
  };
}
