// One scheduled delivery pass in its own process, against the fake platforms: every channel gets the header
// and its papers exactly once, every paper message is bookmarkable, nobody is rate limited.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childInput, createWorld, PAPERS_PER_LIST, received, seed, spawnChild, subscription, type World } from "./world.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

describe("delivery pass (own process)", () => {
  it("posts header + papers once to every channel, on both platforms", async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-smoke-")), "s.sqlite")}`;
    const channels = [
      ["discord", world.discordChannel()],
      ["discord", world.discordChannel()],
      ["slack", world.slackChannel()],
      ["slack", world.slackChannel()],
    ] as const;
    await seed(url, channels.map(([p, c]) => subscription(p, c)));
    const child = spawnChild(childInput(world, url));
    const done = await child.done;
    expect(done, child.stderr()).toBeDefined();
    for (const [platform, channelId] of channels) {
      const got = received(world, platform, channelId);
      expect(got.get("header"), `${platform}:${channelId}`).toBe(1);
      expect([...got.values()].every((n) => n === 1)).toBe(true);
      expect(got.size).toBe(PAPERS_PER_LIST + 1);
    }
    expect(world.discord.state.stats.rateLimited).toBe(0);
  });
});
