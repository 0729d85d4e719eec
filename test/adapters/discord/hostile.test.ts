// End to end with hostile paper data from (fake) Hugging Face: mention syntax, markdown breakers, a 5,000-
// character title, a 20,000-character abstract, empty fields, bad URLs. Whatever paperboy sends — replies,
// posted cards, the daily post — the fake Discord accepts (no 400/50035) and nothing can ping. A burst of
// daily posts is paced by discord.js from the fake's rate-limit headers without a single 429.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyHeader } from "../../../src/format/daily-list.js";
import { paperCard } from "../../../src/format/paper-card.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

const DATE = "2026-05-05";
const PING = "@everyone @here <@&123456789012345678> <@123456789012345678> <#123456789012345678>";
const MARKDOWN = "**bold** __under__ ~~strike~~ ||spoiler|| `code` ```block``` [link](https://evil.example) # Heading > quote -# small";
const ids = ["2605.00001", "2605.00002", "2605.00003", "2605.00004", "2605.00005"];

const hostileItems = [
  makeDailyItem({ id: ids[0] ?? "", title: `${PING} ${MARKDOWN} zebra`, summary: `${PING} ${MARKDOWN} `.repeat(5), authors: [PING, MARKDOWN], ai_keywords: [PING, MARKDOWN], organization: { name: "@here", fullname: PING }, listDate: DATE, upvotes: 50 }),
  makeDailyItem({ id: ids[1] ?? "", title: `zebra${"T".repeat(5000)}`, summary: "word ".repeat(4000), listDate: DATE, upvotes: 40 }),
  makeDailyItem({ id: ids[2] ?? "", title: "", summary: "", authors: [], listDate: DATE }),
  makeDailyItem({ id: ids[3] ?? "", title: "zebra links", githubRepo: "javascript:alert(1)", projectPage: "https://x.example/a)b(c d", authors: Array.from({ length: 500 }, (_, i) => `Author ${i} ${PING}`), listDate: DATE }),
  makeDailyItem({ id: ids[4] ?? "", title: "zebra \u202eevil\u202c 🦓 \u200b\u0000 emoji", summary: "\n\n\t".repeat(100), listDate: DATE }),
];

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({
    fake: { buckets: { "POST /channels/:id/messages": { limit: 5, windowMs: 1000 }, "PUT /channels/:id/messages/:id/reactions/:emoji/@me": { limit: 1, windowMs: 250 } } },
  });
  h.hf.setDaily(DATE, hostileItems);
});
afterAll(async () => {
  await h?.close();
});

function expectClean() {
  expect(h.fake.state.stats.invalidFormBody).toBe(0);
  expect(h.fake.state.violations.allowedMentions).toEqual([]);
  expect(h.fake.state.violations.pingEveryone).toEqual([]);
  expect(h.fake.state.requests.filter((r) => r.status === 429).map((r) => `${r.method} ${r.path} @${r.at}`)).toEqual([]);
  expect(h.fake.state.stats.rateLimited).toBe(0);
  expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
}

describe("Discord adapter: hostile paper data", () => {
  it("answers today, search and get with hostile papers without tripping a limit or pinging", async () => {
    for (const [sub, options] of [["today", {}], ["search", { query: "zebra" }], ...ids.map((id) => ["get", { id }] as const)] as const) {
      const { original } = await h.fake.settled(h.fake.slash(sub, options));
      expect(original, `${sub} ${JSON.stringify(options)}`).toBeDefined();
      expect(JSON.stringify(original?.body)).not.toMatch(/@everyone|@here|<@&|javascript:/);
    }
    expectClean();
  });

  it("posts hostile cards to the channel through Post to channel and the daily-post path", async () => {
    const { original } = await h.fake.settled(h.fake.slash("get", { id: ids[0] ?? "" }));
    if (!original) throw new Error("no reply");
    const post = (original.body.components as { components: { label: string; custom_id: string }[] }[])[0]?.components.find((b) => b.label === "Post to channel");
    await h.fake.settled(h.fake.click(post?.custom_id ?? "", original));
    const papers = await Promise.all(ids.map((id) => h.app.deps.papers.paper(id)));
    await h.adapter.post(h.fake.world.channel.id, dailyHeader(DATE, papers), { nonce: `hdr-${DATE}` });
    for (const p of papers) await h.app.deps.publish("discord", h.fake.world.channel.id, paperCard(p, { date: DATE }), { nonce: `${DATE}:${p.id}` });
    const posted = h.fake.state.channelMessages(h.fake.world.channel.id);
    expect(posted).toHaveLength(1 + 1 + papers.length);
    const long = posted.find((m) => JSON.stringify(m.body).includes("TTTT"));
    expect((long?.body.embeds as { title: string }[])[0]?.title.length).toBeLessThanOrEqual(256);
    expectClean();
  });

  it("a retried daily post with the same nonce does not post twice", async () => {
    const before = h.fake.state.channelMessages(h.fake.world.channel.id).length;
    const paper = await h.app.deps.papers.paper(ids[3] ?? "");
    const a = await h.adapter.post(h.fake.world.channel.id, paperCard(paper), { nonce: `${DATE}:${paper.id}` });
    const b = await h.adapter.post(h.fake.world.channel.id, paperCard(paper), { nonce: `${DATE}:${paper.id}` });
    expect(b.messageId).toBe(a.messageId);
    expect(h.fake.state.channelMessages(h.fake.world.channel.id).length).toBe(before);
  });

  it("never trips the rate limiter under a burst of 12 posts (paced by discord.js from the headers)", async () => {
    const papers = await Promise.all(ids.map((id) => h.app.deps.papers.paper(id)));
    const started = Date.now();
    const refs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => h.app.deps.publish("discord", h.fake.world.channel.id, paperCard(papers[i % papers.length] ?? papers[0] ?? ({} as never)), { nonce: `burst-${i}` })),
    );
    const ms = Date.now() - started;
    console.log(`[discord burst] 12 posts + 12 🔖 in ${ms} ms with a 5-per-second message bucket; 429s: ${h.fake.state.stats.rateLimited}`);
    expect(new Set(refs.map((r) => r.messageId)).size).toBe(12);
    expect(refs.every((r) => h.fake.state.messages.get(r.messageId)?.botReactions.has("🔖"))).toBe(true);
    expectClean();
  }, 20_000);

  it("reports a channel it may not post in as a permanent upstream error", async () => {
    const paper = await h.app.deps.papers.paper(ids[2] ?? "");
    await expect(h.adapter.post(h.fake.world.lockedChannel.id, paperCard(paper))).rejects.toMatchObject({
      name: "UpstreamError",
      service: "discord",
      status: 403,
      code: "50013",
      permanent: true,
    });
    await expect(h.adapter.post("112233445566778899", paperCard(paper))).rejects.toMatchObject({ code: "10003", permanent: true });
  });
});
