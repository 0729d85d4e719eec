// The platform stores a post and then answers 500/502/503, or the answer is lost (socket closed): the running
// delivery reads the channel's history, records what is there, and goes on — no SDK retry behind its back, no
// duplicate, nothing missing — on Discord and Slack, on every shared store kind, through the bot's scheduler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_STORE_KINDS, startStoreServer } from "../../support/store-servers.js";
import type { WriteFaultKind } from "../../fakes/write-faults.js";
import { startPaperboy } from "./in-process.js";
import { createWorld, received, subscription, type World } from "./world.js";

const PAPERS = 3;
const FAULTS: WriteFaultKind[] = [500, 502, 503, "drop"];
/** Which post of the channel's run the fault hits: the header, and the second paper. */
const NTH = [0, 2];

let world: World;
beforeAll(async () => {
  world = await createWorld();
  world.discord.state.nonceWindowMs = 0;
});
afterAll(() => world?.close());

describe("a post stored, then a 5xx or a lost answer", () => {
  for (const kind of SHARED_STORE_KINDS) {
    it(`${kind}: recorded from history, never posted twice, nothing missing`, { timeout: 60_000 }, async () => {
      const server = await startStoreServer(kind);
      const pb = await startPaperboy(world, server.url, "2025-06-13T07:00:30.000Z");
      try {
        const channels: { platform: "discord" | "slack"; channelId: string }[] = [];
        for (const platform of ["discord", "slack"] as const) {
          for (const fault of FAULTS) {
            for (const skip of NTH) {
              const channelId = platform === "discord" ? world.discordChannel() : world.slackChannel();
              channels.push({ platform, channelId });
              const fake = platform === "discord" ? world.discord : world.slack;
              const route = platform === "discord" ? `POST /channels/${channelId}/messages` : "chat.postMessage";
              fake.faultAfterWrite({ match: (r) => r.route === route && (platform === "discord" || r.body.channel === channelId), skip, fault });
              await pb.stack.subscriptions.save(subscription(platform, channelId, { top: PAPERS }));
            }
          }
        }
        const results = await pb.stack.engine.runDue();
        for (const { platform, channelId } of channels) {
          const where = `${platform}:${channelId}`;
          expect(results.find((r) => r.channelId === channelId)?.outcome, where).toMatchObject({ status: "posted", sent: PAPERS, reconciled: 1 });
          const got = received(world, platform, channelId);
          expect([...got.entries()].filter(([, n]) => n !== 1), `duplicates in ${where}`).toEqual([]);
          expect(got.size, where).toBe(PAPERS + 1);
        }
        expect(world.discord.state.writeFaults.struck.length + world.slack.state.writeFaults.struck.length).toBeGreaterThanOrEqual(channels.length);
      } finally {
        await pb.close();
        await server.stop();
      }
    });
  }
});
