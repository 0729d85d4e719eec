// DISCORD_SHARDS / DISCORD_SHARD_IDS: validated at boot with every mistake named, mapped onto discord.js's
// internal-sharding options, and a bot that Discord says needs more shards (close 4011) reports an outage at start
// (one log line naming the setting to change) instead of waiting out the ready timeout.
import { describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { shardOptions } from "../../../adapters/discord/shards.js";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { createFakeDiscord } from "../../fakes/fake-discord.js";
import { createTestCore } from "../../support/test-core.js";

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return err instanceof ConfigError ? err.problems : [String(err)];
  }
};

describe("DISCORD_SHARDS and DISCORD_SHARD_IDS", () => {
  it("default to auto (Discord's recommendation) and accept a number or a list of ids and ranges", () => {
    expect(loadConfig({}).DISCORD_SHARDS).toBe("auto");
    expect(loadConfig({ DISCORD_SHARDS: "" }).DISCORD_SHARDS).toBe("auto");
    expect(loadConfig({ DISCORD_SHARDS: " Auto " }).DISCORD_SHARDS).toBe("auto");
    const split = loadConfig({ DISCORD_SHARDS: "8", DISCORD_SHARD_IDS: "4-6, 0" });
    expect(split.DISCORD_SHARDS).toBe(8);
    expect(split.DISCORD_SHARD_IDS).toEqual([0, 4, 5, 6]);
  });

  it("name every mistake in plain words", () => {
    expect(problems({ DISCORD_SHARDS: "0" })).toEqual(['DISCORD_SHARDS: must be "auto" or a whole number of shards such as 4']);
    expect(problems({ DISCORD_SHARDS: "two" })).toHaveLength(1);
    expect(problems({ DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: "1;2" })[0]).toMatch(/DISCORD_SHARD_IDS: must list shard ids like 0,1 or 0-3/);
    expect(problems({ DISCORD_SHARDS: "4", DISCORD_SHARD_IDS: "3-1" })[0]).toMatch(/ranges low-high/);
    expect(problems({ DISCORD_SHARD_IDS: "0" })).toEqual(["DISCORD_SHARD_IDS: needs a number in DISCORD_SHARDS (the total every host uses), not auto"]);
    expect(problems({ DISCORD_SHARDS: "2", DISCORD_SHARD_IDS: "1-3" })).toEqual(["DISCORD_SHARD_IDS: no shard 2, 3 with DISCORD_SHARDS=2 (ids run 0–1)"]);
  });

  it("map onto discord.js internal sharding, keeping the total when this process runs only some shards", () => {
    expect(shardOptions({ DISCORD_SHARDS: "auto", DISCORD_SHARD_IDS: undefined })).toEqual({ shards: "auto" });
    expect(shardOptions({ DISCORD_SHARDS: 3, DISCORD_SHARD_IDS: undefined })).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(shardOptions({ DISCORD_SHARDS: 4, DISCORD_SHARD_IDS: [2] })).toEqual({ shards: [2], shardCount: 4 });
  });
});

describe("when Discord requires more shards", () => {
  it("start() reports an outage at once instead of waiting for READY (close 4011), and other platforms keep running", async () => {
    const fake = await createFakeDiscord({ maxGuildsPerShard: 1 });
    fake.addGuild("A second community");
    const app = await createTestCore({ env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_SHARDS: "1" } });
    const adapter = createDiscordAdapter({ config: app.config, core: app.core, log: app.deps.log, readyTimeoutMs: 15_000 });
    app.registerAdapter(adapter);
    try {
      // Well inside the 15 s ready timeout (and vitest's per-test limit): the close code is acted on.
      await adapter.start();
      expect(adapter.isReady()).toBe(false);
      expect(adapter.health?.()).toMatchObject({ state: "outage" });
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
