// /paper follow, unfollow and following as Discord sends them (typed options generated from the zod schema):
// private answers, the type offered as choices, duplicates harmless, bad input explained in plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordReason } from "../../../adapters/discord/errors.js";
import type { StoredMessage } from "../../fakes/fake-discord.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

async function ask(sub: string, options: Record<string, string> = {}, user = h.fake.world.users.alice): Promise<string> {
  const rec = h.fake.slash(sub, options, { user });
  const { original } = await h.fake.settled(rec);
  if (!original) throw new Error("no reply");
  expect(original.ephemeral).toBe(true);
  return text(original);
}
const text = (m: StoredMessage) => JSON.stringify([m.body.content, m.body.embeds]);

describe("/paper follow on Discord", () => {
  it("follows with typed options, lists, and unfollows, per person", async () => {
    expect(await ask("follow", { type: "organization", value: "NVIDIA" })).toContain('Following organization \\"NVIDIA\\"');
    expect(await ask("follow", { type: "organization", value: "nvidia" })).toContain("already follow");
    expect(await ask("following")).toContain('organization \\"NVIDIA\\"');
    expect(await ask("following", {}, h.fake.world.users.mod)).toContain("don't follow anything yet");
    expect(await ask("unfollow", { type: "organization", value: "nvidia" })).toContain("Unfollowed");
  });

  it("rejects an empty value in plain words", async () => {
    expect(await ask("follow", { type: "keyword", value: "   " })).toContain("say who or what to follow");
  });
});

describe("Discord DM refusals", () => {
  it("classify 50007 (Cannot send messages to this user) as dm_closed", () => {
    expect(discordReason(403, 50007)).toBe("dm_closed");
  });
});
