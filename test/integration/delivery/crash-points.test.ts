// Deterministic crash points: a delivery process dies at every step of the send protocol — before the intent is
// durable, after it, with the post stored but its answer lost, answered but not recorded, recorded in posts but
// not in the ledger, fully recorded — at the header and at a paper, on Discord and Slack, on every shared store
// kind, through `npm run deliver` and through the bot's own scheduler. A second process then finishes (after
// Discord's nonce window has expired, so only history can prevent a duplicate) and every channel shows its
// header once and each paper once, each paper recorded for 🔖 and carrying the bot's 🔖 on Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { createPostRepo } from "../../../src/store/posts.js";
import { SHARED_STORE_KINDS, startStoreServer, type StoreKind } from "../../support/store-servers.js";
import { CRASH_POINTS, type ArmedPoint, type CrashPoint } from "./crash-points.js";
import { childInput, createWorld, crashThenRestart, LIST_DATE, received, seed, subscription, type World } from "./world.js";

const PAPERS = 3;
/** The second paper of the post (the world's papers rank by upvotes: 2506.10000, .10001, .10002). */
const PAPER_ID = "2506.10001";
const ITEMS = ["header", `paper:${PAPER_ID}`] as const;
const PLATFORMS = ["discord", "slack"] as const;
const DRIVERS = ["cli", "scheduler"] as const;
type Platform = (typeof PLATFORMS)[number];

interface Target {
  platform: Platform;
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
  if (figures.length > 0) console.info(`crash points (duplicates/missing per channel):\n${figures.sort().join("\n")}`);
  await world?.close();
});

/** Does this request body post `item`? (Discord: the embed link; Slack: the message metadata.) */
function posts(platform: Platform, item: string, body: Record<string, unknown>): boolean {
  if (platform === "discord") {
    const url = (body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? "";
    return item === "header" ? url.includes("/papers/date/") : url.endsWith(`/papers/${item.slice("paper:".length)}`);
  }
  const meta = body.metadata as { event_type?: string; event_payload?: { paper_id?: string } } | undefined;
  return item === "header" ? meta?.event_type === "paperboy_header" : meta?.event_payload?.paper_id === item.slice("paper:".length);
}


async function crashAndRestart(kind: StoreKind, driver: (typeof DRIVERS)[number]): Promise<void> {
  const server = await startStoreServer(kind);
  try {
    const targets: Target[] = [];
    for (const platform of PLATFORMS) {
      const channel = () => (platform === "discord" ? world.discordChannel() : world.slackChannel());
      for (const point of CRASH_POINTS) for (const item of ITEMS) targets.push({ platform, channelId: channel(), point, item });
      targets.push({ platform, channelId: channel(), point: "none", item: "" });
    }
    await seed(server.url, targets.map((t) => subscription(t.platform, t.channelId, { top: PAPERS })));

    let lost = 0;
    const lostTargets = targets.filter((t) => t.point === "response-lost");
    for (const t of lostTargets) {
      const fake = t.platform === "discord" ? world.discord : world.slack;
      const route = t.platform === "discord" ? `POST /channels/${t.channelId}/messages` : "chat.postMessage";
      fake.faultAfterWrite({
        match: (r) => r.route === route && (t.platform === "discord" || r.body.channel === t.channelId) && posts(t.platform, t.item, r.body),
        fault: "hold",
        onStrike: () => (lost += 1),
      });
    }
    const arm = targets.flatMap((t): ArmedPoint[] =>
      t.point === "none" || t.point === "response-lost" ? [] : [{ platform: t.platform, channelId: t.channelId, item: t.item, point: t.point }],
    );
    const input = childInput(world, server.url, { driver, mode: driver === "cli" ? "dated" : "scheduled", date: LIST_DATE });

    const { done, stderr } = await crashThenRestart(world, { ...input, arm }, () => lost === lostTargets.length, targets.map((t) => t.channelId));
    expect(done, stderr.slice(-3000)).toBeDefined();

    const store = await createStore(server.url, { log: silentLogger });
    const postRepo = createPostRepo(store);
    try {
      for (const t of targets) {
        const got = received(world, t.platform, t.channelId);
        const where = `${kind}/${driver}/${t.platform}/${t.point}@${t.item || "-"}`;
        const duplicates = [...got.values()].reduce((n, c) => n + c - 1, 0);
        const missing = PAPERS + 1 - [...got.keys()].filter((k) => k !== "unknown").length;
        figures.push(`${where}: ${duplicates}/${missing}`);
        expect([...got.entries()].filter(([, n]) => n !== 1), `duplicates in ${where}`).toEqual([]);
        expect(got.get("header"), `header in ${where}`).toBe(1);
        expect(got.size, `missing in ${where}: ${[...got.keys()].join(",")}`).toBe(PAPERS + 1);
        expect(got.has("unknown"), where).toBe(false);
      }
      // Every paper message is recorded for 🔖; the header never is.
      for (const m of world.slack.state.messages.filter((x) => targets.some((t) => t.channelId === x.channel))) {
        const paperId = m.metadata?.event_type === "paperboy_paper" ? m.metadata.event_payload.paper_id : undefined;
        expect((await postRepo.lookup("slack", m.channel, m.ts))?.paperId, `slack ${m.channel} ${m.ts}`).toBe(paperId);
      }
      for (const m of world.discord.state.messages.values()) {
        if (!targets.some((t) => t.channelId === m.channelId)) continue;
        const paperId = /\/papers\/(\d{4}\.\d{5})$/.exec((m.body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? "")?.[1];
        expect((await postRepo.lookup("discord", m.channelId, m.id))?.paperId, `discord ${m.channelId} ${m.id}`).toBe(paperId);
        // The 🔖 affordance is there too, also on a message found in history after the crash.
        if (paperId) expect(m.botReactions.has("🔖"), `🔖 on discord ${m.channelId} ${m.id}`).toBe(true);
      }
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

// The trials use separate stores and channels, so they run side by side (most of their time is process start-up).
describe.concurrent("a delivery process killed at every step of the send protocol, then restarted", () => {
  for (const kind of SHARED_STORE_KINDS) {
    for (const driver of DRIVERS) {
      it(`${kind}, ${driver === "cli" ? "npm run deliver" : "the bot's scheduler"}: 0 duplicates, 0 missing, one header`, { timeout: 240_000 }, async () => {
        await crashAndRestart(kind, driver);
      });
    }
  }
});
