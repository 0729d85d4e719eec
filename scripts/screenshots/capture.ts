// Drives the REAL Discord and Slack adapters against the project's fakes and returns what each platform recorded:
// a daily post (header + papers), a search result page and a bookmark export, as the exact JSON payloads.
import { startDiscordHarness } from "../../test/adapters/discord/harness.js";
import { ALICE, CHANNEL, startSlackHarness, waitFor } from "../../test/adapters/slack/harness.js";

/** A list date of the fakes' real-paper fixtures, and the papers bookmarked for the export. */
const LIST_DATE = "2026-05-05";
const SEARCH = "diffusion";
const BOOKMARKED = 3;

export interface Captured {
  /** The channel messages of the daily post, with the emoji the bot itself reacted with. */
  daily: { body: Record<string, unknown>; botReactions: string[] }[];
  search: Record<string, unknown>;
  /** Discord: the reply body plus its files; Slack: the reply. */
  bookmarks: { body: Record<string, unknown>; files: { name: string; content: string }[] };
}

export async function captureDiscord(): Promise<Captured> {
  const h = await startDiscordHarness();
  try {
    const { users, channel } = h.fake.world;
    const ask = async (sub: string, options: Record<string, string | number>, user = users.alice) => {
      const { original } = await h.fake.settled(h.fake.slash(sub, options, { user }), 10_000);
      if (!original) throw new Error(`no reply to /paper ${sub}`);
      return original;
    };
    await ask("subscribe", { time: "09:00", timezone: "Europe/Berlin", top: 3 }, users.mod);
    const before = h.fake.state.channelMessages(channel.id).length;
    await h.app.delivery.engine.deliverDate(LIST_DATE);
    const daily = h.fake.state
      .channelMessages(channel.id)
      .slice(before)
      .map((m) => ({ body: m.body, botReactions: [...m.botReactions] }));
    const search = (await ask("search", { query: SEARCH })).body;
    for (const paper of (await h.app.deps.papers.daily(LIST_DATE)).slice(0, BOOKMARKED)) {
      await h.app.deps.bookmarks.add({ platform: "discord", userId: users.alice.id }, paper);
    }
    const exported = await ask("bookmarks", { format: "bibtex" });
    return { daily, search, bookmarks: { body: exported.body, files: exported.files } };
  } finally {
    await h.close();
  }
}

export async function captureSlack(): Promise<Captured> {
  const s = await startSlackHarness();
  try {
    s.fake.state.users.set(ALICE, { is_admin: true });
    const run = async (text: string) => {
      const before = s.fake.visibleTo(ALICE).length;
      await s.signer.slash(text, { user: ALICE });
      return waitFor(() => s.fake.visibleTo(ALICE)[before], 10_000, text) as unknown as Record<string, unknown>;
    };
    await run("subscribe 09:00 Europe/Berlin 3");
    await s.app.delivery.engine.deliverDate(LIST_DATE);
    const daily = s.fake.state.messages
      .filter((m) => m.channel === CHANNEL)
      .map((m) => ({ body: m as unknown as Record<string, unknown>, botReactions: [] }));
    const search = await run(`search ${SEARCH}`);
    for (const paper of (await s.app.deps.papers.daily(LIST_DATE)).slice(0, BOOKMARKED)) {
      await s.app.deps.bookmarks.add({ platform: "slack", userId: ALICE }, paper);
    }
    const exported = await run("bookmarks bibtex");
    return { daily, search, bookmarks: { body: exported, files: [] } };
  } finally {
    await s.close();
  }
}
