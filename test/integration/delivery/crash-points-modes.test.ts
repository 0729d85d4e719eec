// Crash points in the posting modes: a delivery process dies at every step of the send protocol — before the intent,
// after it, with the write stored but its answer lost, answered but not recorded, recorded in posts but not in the
// ledger, fully recorded — at the header, at the thread opened from it and at a paper (thread mode, Discord and
// Slack), and at a forum post (forum mode, Discord). A second process then finishes after Discord's nonce window,
// so only the ledger and history (a thread's replies, a forum's active threads) can prevent duplicates: every
// channel shows one header, one thread and each paper once, every paper recorded for 🔖 where reactions name it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { createPostRepo } from "../../../src/store/posts.js";
import { startStoreServer, type StoreKind } from "../../support/store-servers.js";
import { CRASH_POINTS, type ArmedPoint, type CrashPoint } from "./crash-points.js";
import { childInput, createWorld, crashThenRestart, LIST_DATE, seed, subscription, type World } from "./world.js";

const PAPERS = 3;
const PAPER_ID = "2506.10001";
type Setup = "discord-thread" | "slack-thread" | "discord-forum";
const ITEMS: Record<Setup, string[]> = {
  "discord-thread": ["header", "thread", `paper:${PAPER_ID}`],
  "slack-thread": ["header", "thread", `paper:${PAPER_ID}`],
  "discord-forum": [`paper:${PAPER_ID}`],
};

interface Target {
  setup: Setup;
  channelId: string;
  point: CrashPoint | "none";
  item: string;
}

let world: World;
const figures: string[] = [];
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  if (figures.length > 0) console.info(`posting-mode crash points (duplicates/missing per channel):\n${figures.sort().join("\n")}`);
  await world?.close();
});

const embedUrl = (body: Record<string, unknown> | undefined) => (body?.embeds as { url?: string }[] | undefined)?.[0]?.url ?? "";
const isPaper = (url: string, item: string) => url.endsWith(`/papers/${item.slice("paper:".length)}`);

/** Does this request (route + body) write `item` for target `t`? */
function writes(t: Target, route: string, body: Record<string, unknown>): boolean {
  if (t.setup === "slack-thread") {
    if (route !== "chat.postMessage" || body.channel !== t.channelId) return false;
    const meta = body.metadata as { event_type?: string; event_payload?: { paper_id?: string } } | undefined;
    return t.item === "header" ? meta?.event_type === "paperboy_header" : meta?.event_payload?.paper_id === t.item.slice("paper:".length);
  }
  if (t.setup === "discord-forum") return route === `POST /channels/${t.channelId}/threads` && isPaper(embedUrl(body.message as Record<string, unknown>), t.item);
  if (t.item === "thread") return route.startsWith(`POST /channels/${t.channelId}/messages/`) && route.endsWith("/threads");
  if (t.item === "header") return route === `POST /channels/${t.channelId}/messages` && embedUrl(body).includes("/papers/date/");
  const channel = /^POST \/channels\/(\d+)\/messages$/.exec(route)?.[1];
  return channel !== undefined && world.discord.world.channels.get(channel)?.parentId === t.channelId && isPaper(embedUrl(body), t.item);
}


/** What a target shows: "header", "thread" and paper ids with their counts, "unknown" for anything else. */
function shown(t: Target): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const paperOf = (url: string) => /\/papers\/(\d{4}\.\d{5})$/.exec(url)?.[1];
  if (t.setup === "slack-thread") {
    for (const m of world.slack.state.messages.filter((x) => x.channel === t.channelId)) {
      const meta = m.metadata;
      if (!m.thread_ts) bump(meta?.event_type === "paperboy_header" ? "header" : "unknown");
      else if (meta?.event_type === "paperboy_paper" && typeof meta.event_payload.paper_id === "string") bump(meta.event_payload.paper_id);
      else bump("unknown");
    }
    const header = world.slack.state.messages.find((x) => x.channel === t.channelId && !x.thread_ts);
    if (header && world.slack.state.messages.some((x) => x.thread_ts === header.ts)) bump("thread");
    return counts;
  }
  const threads = [...world.discord.world.channels.values()].filter((c) => c.type === 11 && c.parentId === t.channelId);
  if (t.setup === "discord-thread") {
    for (const m of world.discord.state.channelMessages(t.channelId)) bump(embedUrl(m.body).includes("/papers/date/") ? "header" : "unknown");
    for (const _ of threads) bump("thread");
  }
  for (const th of threads) for (const m of world.discord.state.channelMessages(th.id)) bump(paperOf(embedUrl(m.body)) ?? "unknown");
  return counts;
}

async function crashAndRestart(kind: StoreKind, driver: "cli" | "scheduler"): Promise<void> {
  const server = await startStoreServer(kind);
  try {
    const targets: Target[] = [];
    for (const setup of Object.keys(ITEMS) as Setup[]) {
      const channel = () => (setup === "slack-thread" ? world.slackChannel() : setup === "discord-forum" ? world.discord.addForum({ tags: ["Other"] }).id : world.discordChannel());
      for (const point of CRASH_POINTS) {
        for (const item of ITEMS[setup]) {
          // A Slack thread needs no request of its own: no answer to lose.
          if (setup === "slack-thread" && item === "thread" && point === "response-lost") continue;
          targets.push({ setup, channelId: channel(), point, item });
        }
      }
      targets.push({ setup, channelId: channel(), point: "none", item: "" });
    }
    const platformOf = (t: Target) => (t.setup === "slack-thread" ? "slack" : "discord");
    await seed(server.url, targets.map((t) => subscription(platformOf(t), t.channelId, { top: PAPERS, mode: t.setup === "discord-forum" ? "forum" : "thread" })));

    let lost = 0;
    const lostTargets = targets.filter((t) => t.point === "response-lost");
    for (const t of lostTargets) {
      const fake = t.setup === "slack-thread" ? world.slack : world.discord;
      fake.faultAfterWrite({ match: (r) => writes(t, r.route, r.body), fault: "hold", onStrike: () => (lost += 1) });
    }
    const arm = targets.flatMap((t): ArmedPoint[] =>
      t.point === "none" || t.point === "response-lost" ? [] : [{ platform: platformOf(t), channelId: t.channelId, item: t.item, point: t.point }],
    );
    const input = childInput(world, server.url, { driver, mode: driver === "cli" ? "dated" : "scheduled", date: LIST_DATE });
    const { done, stderr } = await crashThenRestart(world, { ...input, arm }, () => lost === lostTargets.length, [...world.discord.world.channels.keys()]);
    expect(done, stderr.slice(-3000)).toBeDefined();

    const store = await createStore(server.url, { log: silentLogger });
    const posts = createPostRepo(store);
    try {
      for (const t of targets) {
        const got = shown(t);
        const where = `${kind}/${driver}/${t.setup}/${t.point}@${t.item || "-"}`;
        const expected = t.setup === "discord-forum" ? PAPERS : PAPERS + 2;
        const duplicates = [...got.values()].reduce((n, c) => n + c - 1, 0);
        figures.push(`${where}: ${duplicates}/${expected - [...got.keys()].filter((k) => k !== "unknown").length}`);
        expect([...got.entries()].filter(([, n]) => n !== 1), `duplicates in ${where}`).toEqual([]);
        expect(got.size, `missing in ${where}: ${[...got.keys()].join(",")}`).toBe(expected);
        expect(got.has("unknown"), where).toBe(false);
        // Every paper recorded for 🔖 under the (channel, message) its platform's reaction events name.
        if (t.setup === "slack-thread") {
          for (const m of world.slack.state.messages.filter((x) => x.channel === t.channelId && x.thread_ts)) {
            expect((await posts.lookup("slack", m.channel, m.ts))?.paperId, `${where} ${m.ts}`).toBe(m.metadata?.event_payload.paper_id);
          }
        } else {
          const threads = [...world.discord.world.channels.values()].filter((c) => c.type === 11 && c.parentId === t.channelId);
          for (const th of threads) {
            for (const m of world.discord.state.channelMessages(th.id)) {
              const paperId = /\/papers\/(\d{4}\.\d{5})$/.exec(embedUrl(m.body))?.[1];
              expect((await posts.lookup("discord", th.id, m.id))?.paperId, `${where} ${m.id}`).toBe(paperId);
              expect(m.botReactions.has("🔖"), `🔖 in ${where} ${m.id}`).toBe(true);
            }
          }
        }
      }
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

describe.concurrent("posting modes: a delivery process killed at every step, then restarted", () => {
  for (const [kind, driver] of [["sqlite", "cli"], ["redis", "scheduler"]] as const) {
    it(`${kind}, ${driver === "cli" ? "npm run deliver" : "the bot's scheduler"}: 0 duplicates, 0 missing, one header, one thread`, { timeout: 240_000 }, async () => {
      await crashAndRestart(kind, driver);
    });
  }
});
