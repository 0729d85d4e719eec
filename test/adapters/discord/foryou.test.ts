// End to end on Discord (real discord.js against the fake Discord and fake Hugging Face): /paper foryou for a
// new user (most upvoted, with the 🔖 hint), for a user with bookmarks (why each paper is there, Save and Not
// for me buttons), Not for me visibly changing the next list, Save, and a count out of range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../fakes/fake-discord.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

// Robot diffusion policies from the sample lists, which are among the last 30 closed ones at FIXED_NOW.
const SAVED = ["2406.04806", "2603.05117", "2510.01068"];

type User = DiscordHarness["fake"]["world"]["users"]["alice"];
const buttons = (m: StoredMessage) =>
  ((m.body.components ?? []) as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
const textOf = (messages: StoredMessage[]) => messages.map((m) => JSON.stringify(m.body)).join("\n");

async function foryou(user: User, options: Record<string, string | number> = {}): Promise<StoredMessage[]> {
  const { original, followUps } = await h.fake.settled(h.fake.slash("foryou", options, { user }));
  if (!original) throw new Error("no reply");
  return [original, ...followUps];
}

async function press(message: StoredMessage, label: RegExp, user: User): Promise<string> {
  const b = buttons(message).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${String(label)} in ${JSON.stringify(buttons(message))}`);
  const rec = h.fake.click(b.custom_id, message, { user });
  await h.fake.settled(rec);
  return String(h.fake.state.messages.get(rec.followUpIds[0] ?? rec.originalId ?? "")?.body.content ?? "");
}

const withButtons = (messages: StoredMessage[]) => messages.find((m) => buttons(m).length > 0) as StoredMessage;
const paperIds = (messages: StoredMessage[]) => [...textOf(messages).matchAll(/huggingface\.co\/papers\/([\d.]+)/g)].map((m) => m[1]);

async function bookmark(user: User, ids: string[]) {
  for (const id of ids) await h.app.deps.bookmarks.add({ platform: "discord", userId: user.id }, await h.app.deps.papers.paper(id));
}

describe("/paper foryou on Discord", () => {
  it("shows a new user the most upvoted papers and how 🔖 improves the list", async () => {
    const reply = await foryou(h.fake.world.users.alice, { count: 3 });
    const text = textOf(reply);
    expect(text).toContain("most upvoted papers of the last 30 days");
    expect(text).toContain("🔖");
    expect(text).toContain("IterResearch");
    expect(reply.every((m) => m.ephemeral)).toBe(true);
  });

  it("picks papers like the user's bookmarks, says why, and Not for me changes the next list", async () => {
    const user = h.fake.world.users.mod;
    await bookmark(user, SAVED);
    const first = await foryou(user);
    const text = textOf(first);
    expect(text).toContain("Picked for you");
    expect(text.match(/which you saved/g)).toHaveLength(5);
    const shown = new Set(paperIds(first));
    for (const id of SAVED) expect(shown).not.toContain(id);
    const labels = buttons(withButtons(first)).map((b) => b.label);
    expect(labels.filter((l) => l.startsWith("Save"))).toHaveLength(5);
    expect(labels.filter((l) => l.startsWith("Not for me"))).toHaveLength(5);

    const top = paperIds(first)[0];
    const answer = await press(withButtons(first), /^Not for me/, user);
    expect(answer).toContain("fewer papers like");
    const second = await foryou(user);
    expect(paperIds(second)).not.toContain(top);
    expect(paperIds(second)).not.toEqual(paperIds(first));
  });

  it("Save on a result bookmarks it like everywhere else", async () => {
    const user = h.fake.world.users.otherBot;
    await bookmark(user, SAVED);
    const reply = await foryou(user, { count: 2 });
    expect(await press(withButtons(reply), /^Save/, user)).toMatch(/^Saved “/);
    expect(await h.app.deps.bookmarks.list({ platform: "discord", userId: user.id })).toHaveLength(4);
  });

  it("fits ten results with their 20 buttons within Discord's limits", async () => {
    const reply = await foryou(h.fake.world.users.mod, { count: 10 });
    expect(textOf(reply).match(/which you saved/g)).toHaveLength(10);
    const labels = reply.flatMap((m) => buttons(m).map((b) => b.label));
    expect(labels.filter((l) => l.startsWith("Not for me"))).toHaveLength(10);
  });

  it("answers a count out of range in plain words", async () => {
    expect(textOf(await foryou(h.fake.world.users.alice, { count: 11 }))).toContain("Pick a count from 1 to 10");
  });

  it("never sent a message with mentions enabled or over a limit", () => {
    expect(h.fake.state.violations.allowedMentions).toEqual([]);
    expect(h.fake.state.stats).toMatchObject({ invalidFormBody: 0, rateLimited: 0 });
  });
});
