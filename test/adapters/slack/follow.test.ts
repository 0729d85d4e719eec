// /paper follow, unfollow and following as Slack sends them (signed slash-command POSTs, positional text): private
// answers, duplicates harmless, bad input explained in plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackReason } from "../../../adapters/slack/web.js";
import { ALICE, BOB, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

async function run(text: string, user = ALICE): Promise<string> {
  const before = h.fake.visibleTo(user).length;
  expect((await h.signer.slash(text, { user })).status).toBe(200);
  const reply = await waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to /paper ${text}`);
  expect(h.fake.responses.at(-1)?.body.response_type).toBe("ephemeral");
  return textOf(reply);
}

describe("/paper follow on Slack", () => {
  it("follows, lists, ignores a duplicate and unfollows, per person", async () => {
    expect(await run("follow author Jane Doe")).toContain('Following author "Jane Doe"');
    expect(await run('follow keyword "world model"')).toContain('Following keyword "world model"');
    expect(await run("follow author jane  doe")).toContain("already follow");
    const list = await run("following");
    expect(list).toContain('author "Jane Doe"');
    expect(list).toContain('keyword "world model"');
    expect(await run("following", BOB)).toContain("don't follow anything yet");
    expect(await run("unfollow author Jane Doe")).toContain("Unfollowed");
    expect(await run("following")).not.toContain("Jane Doe");
  });

  it("explains bad input privately in plain words", async () => {
    expect(await run("follow topic robots")).toContain("author, an organization or a keyword");
    expect(await run("follow keyword")).toContain("say who or what to follow");
    expect(await run(`follow keyword ${"x".repeat(150)}`)).toContain("too long");
    expect(await run("unfollow keyword nothing-here")).toContain("don't follow");
  });
});

describe("Slack DM refusals", () => {
  it("classify cannot_dm_bot as dm_closed (a neutral reason; the core never reads Slack codes)", () => {
    expect(slackReason("cannot_dm_bot")).toBe("dm_closed");
    expect(slackReason("user_not_found")).toBe("channel_gone");
  });
});
