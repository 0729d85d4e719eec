// Both platforms at once for the cross-platform tests: the real discord.js client and the real Bolt app against the
// fakes, two cores over one SQLite file (like two deployments sharing STORE_URL), and Alice typing /paper on each.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoredMessage } from "../../fakes/fake-discord.js";
import type { EphemeralMessage } from "../../fakes/fake-slack-state.js";
import { startDiscordHarness, type DiscordHarness } from "../discord/harness.js";
import { ALICE, startSlackHarness, waitFor, type SlackHarness } from "../slack/harness.js";

export interface BothPlatforms {
  d: DiscordHarness;
  s: SlackHarness;
  /** Alice's /paper <sub> on Discord; resolves to the private reply. */
  onDiscord(sub: string, options?: Record<string, string>): Promise<StoredMessage>;
  /** Alice's /paper <text> on Slack; resolves to the reply she sees. */
  onSlack(text: string): Promise<EphemeralMessage>;
  close(): Promise<void>;
}

/** A Discord reply's visible text (content and embeds), for matching. */
export const discordText = (m: StoredMessage) => JSON.stringify([m.body.content, m.body.embeds]);

export async function startBothPlatforms(): Promise<BothPlatforms> {
  const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), "pb-both-")), "store.sqlite")}`;
  const d = await startDiscordHarness({ storeUrl });
  const s = await startSlackHarness({ storeUrl, hf: d.hf });
  return {
    d,
    s,
    async onDiscord(sub, options = {}) {
      const { original } = await d.fake.settled(d.fake.slash(sub, options, { user: d.fake.world.users.alice }));
      if (!original) throw new Error(`no reply to ${sub}`);
      return original;
    },
    async onSlack(text) {
      const before = s.fake.visibleTo(ALICE).length;
      await s.signer.slash(text, { user: ALICE });
      return waitFor(() => s.fake.visibleTo(ALICE)[before], 5000, `reply to /paper ${text}`);
    },
    async close() {
      await s.stopBot();
      await s.fake.close();
      await d.close();
    },
  };
}
