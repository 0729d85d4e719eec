// `npm run deliver` logs in to Discord beside the running bot, and Discord hands every session of a shard the same
// interactions and reactions. A post-only adapter (receiveEvents: false) must leave them to the bot: it never
// acknowledges a command (a second ack would fail the bot's with 40060) and never stores a 🔖.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";

let fake: FakeDiscord;
let app: TestCore;

beforeAll(async () => {
  fake = await createFakeDiscord();
  app = await createTestCore({ env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl } });
  const adapter = createDiscordAdapter({ config: app.config, core: app.core, log: app.deps.log, receiveEvents: false });
  app.registerAdapter(adapter);
  await adapter.start();
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

describe("a post-only Discord adapter (npm run deliver)", () => {
  it("posts, but leaves commands and reactions to the bot", async () => {
    const channelId = fake.world.channel.id;
    const ref = await app.adapters.get("discord")!.post(channelId, { blocks: [{ kind: "text", spans: [{ text: "a paper" }] }], fallbackText: "a paper", ref: { paperId: "2511.07327" } });
    const rec = fake.slash("help");
    fake.react({ id: ref.messageId, channelId });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(rec.ack).toBeUndefined();
    expect(await app.deps.bookmarks.list({ platform: "discord", userId: fake.world.users.alice.id })).toEqual([]);
  });
});
