// Linked accounts share follows, end to end on both platforms (real discord.js client and real Bolt app against
// the fakes, two cores over one SQLite file): follows made on Discord and on Slack before a link show as one
// union on both sides, a follow made while linked shows on both, and after unlink each side keeps them all.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../fakes/fake-discord.js";
import { startDiscordHarness, type DiscordHarness } from "../discord/harness.js";
import { ALICE, startSlackHarness, textOf, waitFor, type SlackHarness } from "../slack/harness.js";

let d: DiscordHarness;
let s: SlackHarness;
beforeAll(async () => {
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), "pb-linked-follows-")), "store.sqlite")}`;
  d = await startDiscordHarness({ storeUrl });
  s = await startSlackHarness({ storeUrl, hf: d.hf });
});
afterAll(async () => {
  await s?.stopBot();
  await s?.fake.close();
  await d?.close();
});

const discordText = (m: StoredMessage) => JSON.stringify([m.body.content, m.body.embeds]);

async function onDiscord(sub: string, options: Record<string, string> = {}): Promise<StoredMessage> {
  const { original } = await d.fake.settled(d.fake.slash(sub, options, { user: d.fake.world.users.alice }));
  if (!original) throw new Error(`no reply to ${sub}`);
  return original;
}

async function onSlack(text: string) {
  const before = s.fake.visibleTo(ALICE).length;
  await s.signer.slash(text, { user: ALICE });
  return waitFor(() => s.fake.visibleTo(ALICE)[before], 5000, `reply to /paper ${text}`);
}

const following = async () => [discordText(await onDiscord("following")), textOf(await onSlack("following"))];

describe("linked accounts share follows", () => {
  it("unites follows on link, shares new ones, and leaves both sides everything on unlink", async () => {
    await onDiscord("follow", { type: "keyword", value: "diffusion" });
    await onSlack("follow organization nvidia");
    const [discordBefore, slackBefore] = await following();
    expect(discordBefore).toContain("diffusion");
    expect(discordBefore).not.toContain("nvidia");
    expect(slackBefore).toContain("nvidia");
    const code = /([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(String((await onDiscord("link")).body.content))?.[1];
    expect(textOf(await onSlack(`link ${code}`))).toContain("Linked with your Discord account");

    for (const list of await following()) {
      expect(list).toContain("diffusion");
      expect(list).toContain("nvidia");
    }
    await onSlack("follow keyword robotics");
    expect(discordText(await onDiscord("following"))).toContain("robotics");

    expect(textOf(await onSlack("unlink"))).toContain("Unlinked from your Discord account");
    for (const list of await following()) {
      for (const value of ["diffusion", "nvidia", "robotics"]) expect(list).toContain(value);
    }
  });
});
