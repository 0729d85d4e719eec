// The test world for delivery: fake Hugging Face, fake Discord and fake Slack on 127.0.0.1 with scaled-down
// rate limits, channels on both platforms, a store with subscriptions, and helpers that count what each channel
// actually received (to assert zero duplicates and zero missing) and spawn delivery processes.
import { spawn, type ChildProcess } from "node:child_process";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { snowflake } from "../../fakes/fake-discord-model.js";
import { createFakeHf, makeDailyItem, type FakeHf } from "../../fakes/fake-hf.js";
import { createFakeSlack, FAKE_BOT_TOKEN, type FakeSlack } from "../../fakes/fake-slack.js";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { createSubscriptionRepo, type Subscription } from "../../../src/store/subscriptions.js";
import type { ChildInput } from "./child.js";

/** Scaled limits: fast enough for many trials, enforced by the fakes exactly like the real ones. */
export const SCALED = {
  discordGlobalPerSecond: 300,
  discordChannel: { limit: 5, windowMs: 250 },
  slackChannel: { count: 10, perMs: 1000 },
};

export const LIST_DATE = "2025-06-12"; // a Thursday
export const PAPERS_PER_LIST = 10;

export interface World {
  hf: FakeHf;
  discord: FakeDiscord;
  slack: FakeSlack;
  /** Adds a fresh Discord channel the bot can post in. */
  discordChannel(opts?: { botCanSend?: boolean }): string;
  slackChannel(): string;
  env(storeUrl: string): Record<string, string>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const hf = await createFakeHf();
  hf.setDaily(
    LIST_DATE,
    Array.from({ length: PAPERS_PER_LIST + 5 }, (_, i) =>
      makeDailyItem({ id: `2506.${String(10000 + i)}`, title: `Paper number ${i}`, upvotes: 100 - i, listDate: LIST_DATE }),
    ),
  );
  const discord = await createFakeDiscord({
    globalPerSecond: SCALED.discordGlobalPerSecond,
    buckets: {
      "POST /channels/:id/messages": SCALED.discordChannel,
      "PUT /channels/:id/messages/:id/reactions/:emoji/@me": SCALED.discordChannel,
      "PATCH /channels/:id/messages/:id": SCALED.discordChannel,
    },
  });
  const slack = await createFakeSlack();
  let slackSeq = 0;
  return {
    hf,
    discord,
    slack,
    discordChannel(opts = {}) {
      const id = snowflake();
      discord.world.channels.set(id, { id, name: `papers-${id.slice(-4)}`, type: 0, guildId: discord.world.guildId, botCanSend: opts.botCanSend ?? true });
      return id;
    },
    slackChannel() {
      slackSeq += 1;
      const id = `C${Date.now().toString(36).toUpperCase()}${String(slackSeq).padStart(4, "0")}`;
      slack.state.channel(id);
      return id;
    },
    env: (storeUrl) => ({
      STORE_URL: storeUrl,
      HF_API_URL: hf.url,
      ARXIV_API_URL: hf.arxivUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: "fake-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: "warn",
      HF_TIMEOUT_MS: "2000",
    }),
    async close() {
      await Promise.all([hf.close(), discord.close(), slack.close()]);
    },
  };
}

export function subscription(platform: "discord" | "slack", channelId: string, over: Partial<Subscription> = {}): Subscription {
  return {
    platform,
    channelId,
    time: "09:00",
    timezone: "Europe/Berlin",
    top: PAPERS_PER_LIST,
    minUpvotes: 0,
    keywords: [],
    organizations: [],
    weekend: "skip",
    subscriberId: platform === "slack" ? "U0ADMIN01" : "1",
    createdAt: "2025-06-01T00:00:00.000Z",
    activeFrom: "2025-06-01T00:00:00.000Z",
    ...over,
  };
}

/** Writes subscriptions into the store at `url` (as /paper subscribe would). */
export async function seed(url: string, subs: Subscription[]): Promise<void> {
  const store = await createStore(url, { log: silentLogger });
  const repo = createSubscriptionRepo({ store });
  for (const s of subs) await repo.save(s);
  await store.close();
}

/** What each channel shows: message keys (paper id or "header") with how often each appears. */
export function received(world: World, platform: "discord" | "slack", channelId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  if (platform === "slack") {
    for (const m of world.slack.state.messages) {
      if (m.channel !== channelId) continue;
      const id = m.metadata?.event_payload.paper_id;
      bump(m.metadata?.event_type === "paperboy_header" ? "header" : m.metadata?.event_type === "paperboy_paper" && typeof id === "string" ? id : "unknown");
    }
  } else {
    for (const m of world.discord.state.messages.values()) {
      if (m.channelId !== channelId || m.via !== "channel") continue;
      const embed = (m.body.embeds as { url?: string; title?: string }[] | undefined)?.[0];
      const paper = /huggingface\.co\/papers\/([\d.]+)$/.exec(embed?.url ?? "")?.[1];
      bump(paper ?? (embed?.title?.startsWith("Hugging Face Daily Papers") ? "header" : "unknown"));
    }
  }
  return counts;
}

export interface Child {
  proc: ChildProcess;
  ready: Promise<void>;
  /** Resolves with the "done" line's results, or undefined when the process died first. */
  done: Promise<{ results: unknown[] } | undefined>;
  /** Every JSON line the child printed so far ("ready", "frozen", "done"). */
  events: Record<string, unknown>[];
  stderr: () => string;
}

export function spawnChild(input: ChildInput): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/integration/delivery/child.ts", JSON.stringify(input)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  proc.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const events: Record<string, unknown>[] = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const done = new Promise<{ results: unknown[] } | undefined>((resolve) => {
    let out = "";
    let result: { results: unknown[] } | undefined;
    proc.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      for (;;) {
        const nl = out.indexOf("\n");
        if (nl < 0) break;
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        try {
          const event = JSON.parse(line) as { event: string; results?: unknown[] };
          events.push(event);
          if (event.event === "ready") resolveReady();
          if (event.event === "done") result = { results: event.results ?? [] };
        } catch {
          // Not ours (a library printing to stdout).
        }
      }
    });
    proc.once("exit", () => {
      resolveReady();
      resolve(result);
    });
  });
  return { proc, ready, done, events, stderr: () => err };
}

/** Polls `check` until true; fails at once (with the child's stderr) if the child exits first, or after `timeoutMs`. */
export async function untilChild(what: string, check: () => boolean, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child.proc.exitCode !== null) throw new Error(`the child exited before ${what}: ${child.stderr().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(child.events)}; stderr: ${child.stderr().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The crash-and-restart step of the crash-point suites: a first child runs with `input.arm` until every armed point
 * froze and `heldAnswers()` says each lost answer was struck, and is killed; the fakes then release the held answers
 * and forget the nonces of `channelIds` (the restart comes after Discord's nonce window, so only history can prevent
 * a duplicate); a second, unarmed child runs to the end. Returns its "done" result (undefined if it died) and stderr.
 */
export async function crashThenRestart(world: World, input: ChildInput, heldAnswers: () => boolean, channelIds: Iterable<string>) {
  const first = spawnChild(input);
  const frozen = () => first.events.filter((e) => e.event === "frozen").length;
  // Start-up alone can take long on a busy machine; the crash points come quickly after it.
  await untilChild("start-up", () => first.events.some((e) => e.event === "ready"), first, 120_000);
  await untilChild("every crash point", () => frozen() === (input.arm?.length ?? 0) && heldAnswers(), first);
  first.proc.kill("SIGKILL");
  await first.done;
  world.discord.state.writeFaults.releaseAll();
  world.slack.state.writeFaults.releaseAll();
  world.discord.state.expireNonces(channelIds);
  const { arm: _arm, ...unarmed } = input;
  const second = spawnChild(unarmed);
  return { done: await second.done, stderr: second.stderr() };
}

export function childInput(world: World, storeUrl: string, over: Partial<ChildInput> = {}): ChildInput {
  return {
    env: world.env(storeUrl),
    mode: "scheduled",
    now: "2025-06-13T07:00:30.000Z", // 09:00:30 in Berlin, Friday: Thursday's list is the latest closed
    pacing: {
      discord: {
        global: { count: SCALED.discordGlobalPerSecond, perMs: 1000 },
        perChannel: { count: SCALED.discordChannel.limit, perMs: SCALED.discordChannel.windowMs },
        reactionPerChannel: { count: SCALED.discordChannel.limit, perMs: SCALED.discordChannel.windowMs },
        editPerChannel: { count: SCALED.discordChannel.limit, perMs: SCALED.discordChannel.windowMs },
        editShare: { count: SCALED.discordGlobalPerSecond / 10, perMs: 1000 },
      },
      slack: { perChannel: SCALED.slackChannel, editPerChannel: SCALED.slackChannel, editShare: { count: 30, perMs: 1000 } },
    },
    discordGlobalPerSecond: SCALED.discordGlobalPerSecond,
    ...over,
  };
}
