// End to end: buttons as a user presses them — Next/Previous replace the private search reply in place (also
// for a 250-character query), Save bookmarks privately, Post to channel posts a recorded card with paperboy's
// own 🔖, Remove updates the bookmark list in place, and a button paperboy doesn't know gets a plain answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InteractionRecord, StoredMessage } from "../../fakes/fake-discord.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

const buttons = (m: StoredMessage) =>
  (m.body.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
const button = (m: StoredMessage, label: string | RegExp) => {
  const b = buttons(m).find((x) => (typeof label === "string" ? x.label === label : label.test(x.label)));
  if (!b) throw new Error(`no button ${String(label)} in ${JSON.stringify(buttons(m))}`);
  return b.custom_id;
};

async function command(sub: string, options: Record<string, string>, user = h.fake.world.users.alice): Promise<StoredMessage> {
  const { original } = await h.fake.settled(h.fake.slash(sub, options, { user }));
  if (!original) throw new Error("no reply");
  return original;
}

async function press(message: StoredMessage, label: string | RegExp, user = h.fake.world.users.alice): Promise<InteractionRecord> {
  const rec = h.fake.click(button(message, label), message, { user });
  await h.fake.settled(rec);
  return rec;
}

describe("Discord adapter: buttons", () => {
  it("Next and Previous page through search results in place", async () => {
    const reply = await command("search", { query: "diffusion" });
    const next = await press(reply, "Next ▶");
    expect(next.ack?.type).toBe(6);
    expect(reply.edits).toBe(1);
    expect(reply.body.content).toMatch(/^Results 6–10 of/);
    expect(h.fake.state.messages.get(reply.id)?.ephemeral).toBe(true);
    await press(reply, "◀ Previous");
    expect(reply.body.content).toMatch(/^Results 1–5 of/);
  });

  it("pages a 250-character query (its custom_id stays within 100 characters)", async () => {
    const query = Array.from({ length: 25 }, () => "diffusion").join(" ").padEnd(250, "!").slice(0, 250);
    const reply = await command("search", { query: query.replace(/!+$/, "") });
    expect(buttons(reply).every((b) => b.custom_id.length <= 100)).toBe(true);
    await press(reply, "Next ▶");
    expect(reply.body.content).toMatch(/^Results 6–10 of/);
  });

  it("Save bookmarks the paper and confirms privately", async () => {
    const user = h.fake.world.users.mod;
    const reply = await command("search", { query: "hallucinate" }, user);
    const rec = await press(reply, /^Save/, user);
    const confirmation = h.fake.state.messages.get(rec.followUpIds[0] ?? "");
    expect(confirmation?.ephemeral).toBe(true);
    expect(confirmation?.body.content).toContain("Saved “Why Language Models Hallucinate”");
    expect(await h.app.deps.bookmarks.has({ platform: "discord", userId: user.id }, "2509.04664")).toBe(true);
  });

  it("Post to channel posts a recorded card that paperboy reacts 🔖 to, and ignores its own reaction", async () => {
    const card = await command("get", { id: "2509.04664" });
    const rec = await press(card, "Post to channel");
    expect(h.fake.state.messages.get(rec.followUpIds[0] ?? "")?.body.content).toContain("Posted “Why Language Models Hallucinate”");
    const [posted] = h.fake.state.channelMessages(h.fake.world.channel.id).filter((m) => m.via === "channel");
    expect(posted?.body.embeds).toMatchObject([{ title: "Why Language Models Hallucinate" }]);
    expect(posted?.botReactions.has("🔖")).toBe(true);
    expect(await h.app.deps.posts.lookup("discord", h.fake.world.channel.id, posted?.id ?? "")).toMatchObject({ paperId: "2509.04664" });
    // The fake echoed paperboy's own 🔖 over the gateway; it must not reach the core.
    await new Promise((r) => setTimeout(r, 100));
    expect(h.seen.reactions).toEqual([]);
  });

  it("Post to channel where paperboy may not write says so in plain words", async () => {
    const { original } = await h.fake.settled(h.fake.slash("get", { id: "2509.04664" }, { channelId: h.fake.world.lockedChannel.id }));
    if (!original) throw new Error("no reply");
    const rec = await press(original, "Post to channel");
    expect(h.fake.state.messages.get(rec.followUpIds[0] ?? "")?.body.content).toContain("I can't post in this channel");
  });

  it("Remove updates the bookmark list in place", async () => {
    const user = h.fake.world.users.otherBot;
    await h.app.deps.bookmarks.add({ platform: "discord", userId: user.id }, await h.app.deps.papers.paper("2509.04664"));
    const list = await command("bookmarks", {}, user);
    await press(list, /^Remove/, user);
    expect(list.edits).toBe(1);
    expect(list.body.content).toContain("no bookmarks yet");
    expect(list.body.components).toEqual([]);
  });

  it("answers a button it does not know (or a forgotten long query) privately instead of failing", async () => {
    const reply = await command("help", {});
    const rec = h.fake.click("pb1:page:N:2:h:AAAAAAAAAAAAAAAA", reply);
    await h.fake.waitFor(() => rec.originalId);
    expect(rec.ack?.type).toBe(4);
    expect(h.fake.state.messages.get(rec.originalId ?? "")?.body.content).toContain("search has expired");
  });

  it("never sent a message with mentions enabled or over a limit", () => {
    expect(h.fake.state.violations.allowedMentions).toEqual([]);
    expect(h.fake.state.stats).toMatchObject({ invalidFormBody: 0, rateLimited: 0 });
  });
});
