// End to end: the real discord.js Client against the fake Discord, the real core over the fake Hugging Face.
// Every /paper subcommand is injected as a user would type it; the answers are read back from the fake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_INTENTS } from "../../../adapters/discord/index.js";
import type { StoredMessage } from "../../fakes/fake-discord.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Injects `/paper sub …` and returns the finished private answer. */
async function ask(sub: string, options: Record<string, string> = {}, user = h.fake.world.users.alice): Promise<StoredMessage> {
  const rec = h.fake.slash(sub, options, { user });
  const { original } = await h.fake.settled(rec);
  expect(rec.ack).toMatchObject({ type: 5, data: { flags: 64 } });
  if (!original) throw new Error("no reply");
  expect(original.ephemeral).toBe(true);
  return original;
}

const text = (m: StoredMessage) => JSON.stringify([m.body.content, m.body.embeds]);

describe("Discord adapter: connection and commands", () => {
  it("connects with only Guilds + GuildMessageReactions and reaches ready", () => {
    expect(h.adapter.isReady()).toBe(true);
    const intents = Number(h.fake.gateway.identifies[0]?.intents);
    expect(intents).toBe(1 | (1 << 10));
    expect(DISCORD_INTENTS).toHaveLength(2);
  });

  it("/paper search shows 5 results with Save buttons and a Next button, privately", async () => {
    const reply = await ask("search", { query: "diffusion" });
    expect(reply.body.content).toMatch(/^Results 1–5 of \d+ for “diffusion”/);
    const embeds = reply.body.embeds as { title: string }[];
    expect(embeds.filter((e) => e.title)).toHaveLength(5);
    const labels = (reply.body.components as { components: { label: string }[] }[]).flatMap((r) => r.components.map((b) => b.label));
    expect(labels.filter((l) => l.startsWith("Save"))).toHaveLength(5);
    expect(labels).toContain("Next ▶");
  });

  it("/paper get shows one card with thumbnail, Save and Post to channel", async () => {
    const reply = await ask("get", { id: "https://arxiv.org/abs/2509.04664v2" });
    const [embed] = reply.body.embeds as { title: string; url: string; thumbnail?: { url: string } }[];
    expect(embed?.title).toBe("Why Language Models Hallucinate");
    expect(embed?.url).toBe("https://huggingface.co/papers/2509.04664");
    expect(embed?.thumbnail?.url).toMatch(/^https:\/\//);
    const labels = (reply.body.components as { components: { label: string }[] }[]).flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(["Save", "Post to channel"]);
  });

  it("answers a mistake privately in plain words with an example", async () => {
    const reply = await ask("get", { id: "not a paper" });
    expect(reply.body.content).toContain("Try an id like 2511.07327");
    expect(reply.body.embeds ?? []).toEqual([]);
    const badDate = await ask("today", { date: "the day after tomorrow" });
    expect(String(badDate.body.content)).not.toMatch(/Error|stack|at \w+ \(/);
    expect(String(badDate.body.content).length).toBeGreaterThan(10);
  });

  it("/paper today shows the latest closed list; a weekend date says it is empty", async () => {
    const today = await ask("today");
    expect(text(today)).toContain("Hugging Face Daily Papers — Tue 5 May 2026");
    const weekend = await ask("today", { date: "2026-03-07" });
    expect(text(weekend)).toContain("no papers");
  });

  it("/paper help lists the subcommands", async () => {
    const help = await ask("help");
    for (const sub of ["search", "get", "today", "bookmarks"]) expect(text(help)).toContain(`/paper ${sub}`);
  });

  it("/paper bookmarks lists saved papers and exports Markdown and BibTeX as files", async () => {
    const user = h.fake.world.users.mod;
    expect((await ask("bookmarks", {}, user)).body.content).toContain("no bookmarks yet");
    await h.app.deps.bookmarks.add({ platform: "discord", userId: user.id }, await h.app.deps.papers.paper("2509.04664"));
    expect(text(await ask("bookmarks", { format: "list" }, user))).toContain("Why Language Models Hallucinate");
    const md = await ask("bookmarks", { format: "markdown" }, user);
    expect(md.files).toHaveLength(1);
    expect(md.files[0]).toMatchObject({ name: "paperboy-bookmarks.md" });
    expect(md.files[0]?.content).toContain("Why Language Models Hallucinate");
    const bib = await ask("bookmarks", { format: "bibtex" }, user);
    expect(bib.files[0]?.name).toBe("paperboy-bookmarks.bib");
    expect(bib.files[0]?.content).toMatch(/@\w+\{/);
  });

  it("autocompletes /paper get with titles as you type", async () => {
    const rec = h.fake.autocomplete("get", { name: "id", value: "hallucinate" });
    await h.fake.waitFor(() => rec.ack);
    expect(rec.ack?.type).toBe(8);
    const choices = rec.ack?.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: expect.stringContaining("Hallucinate") as string, value: "2509.04664" });
    const byId = h.fake.autocomplete("get", { name: "id", value: "2401.01234v3" });
    await h.fake.waitFor(() => byId.ack);
    expect(byId.ack?.data.choices).toEqual([{ name: "2401.01234", value: "2401.01234" }]);
  });

  it("tells the core who is an admin: Manage Channels in that channel, not a plain member", async () => {
    await ask("help", {}, h.fake.world.users.mod);
    await ask("help", {}, h.fake.world.users.alice);
    const [mod, alice] = h.seen.commands.slice(-2).map((c) => c.caller);
    expect(mod).toMatchObject({ platform: "discord", channelId: h.fake.world.channel.id, workspaceId: h.fake.world.guildId });
    expect(alice).toMatchObject({ userId: h.fake.world.users.alice.id });
    expect(await mod?.isAdmin()).toBe(true);
    expect(await alice?.isAdmin()).toBe(false);
  });

  it("sent every message with empty allowed_mentions and never tripped a limit or rate limit", () => {
    expect(h.fake.state.violations.allowedMentions).toEqual([]);
    expect(h.fake.state.violations.pingEveryone).toEqual([]);
    expect(h.fake.state.stats).toMatchObject({ invalidFormBody: 0, rateLimited: 0 });
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
