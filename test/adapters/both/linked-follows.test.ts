// Linked accounts share follows, end to end on both platforms (real discord.js client and real Bolt app against
// the fakes, two cores over one SQLite file): follows made on Discord and on Slack before a link show as one
// union on both sides, a follow made while linked shows on both, and after unlink each side keeps them all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordText, startBothPlatforms, type BothPlatforms } from "./harness.js";
import { textOf } from "../slack/harness.js";

let both: BothPlatforms;
beforeAll(async () => {
  both = await startBothPlatforms();
});
afterAll(async () => {
  await both?.close();
});

const onDiscord = (sub: string, options?: Record<string, string>) => both.onDiscord(sub, options);
const onSlack = (text: string) => both.onSlack(text);

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
