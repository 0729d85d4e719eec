// Linked artifacts end to end on both platforms — the real discord.js client and the real Bolt app against the
// fakes, two cores over one SQLite file: `/paper get` and the daily post's cards show the top 3 models / datasets /
// Spaces by likes with totals and the paper's HF discussion; hostile repo ids never become links, pings or markup;
// a paper without artifacts shows none; the cache (shared through the store) means one HF request per paper.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscription } from "../../integration/delivery/world.js";
import { discordText, startBothPlatforms, type BothPlatforms } from "./harness.js";
import { CHANNEL, textOf } from "../slack/harness.js";
import { DISCORD_LIMITS } from "../../../adapters/discord/render.js";
import { SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_TEXT } from "../../../adapters/slack/render.js";

let both: BothPlatforms;
beforeAll(async () => {
  both = await startBothPlatforms();
  const hf = both.d.hf;
  hf.setRepos("2511.07327", {
    models: [
      { id: "robotics-lab/iter-research-7b", likes: 340 },
      { id: "<!channel>/x", likes: 9_999 },
      { id: "@everyone", likes: 5_000 },
      { id: "evil/x](https://evil.example)", likes: 8_000 },
      { id: "org/secret", likes: 100_000, private: true },
      { id: "org/__init__", likes: 12 },
      { id: "solo-model", likes: 0 },
      { id: "small/one", likes: 1 },
    ],
    datasets: [{ id: "robotics-lab/trajectories", likes: 45 }],
    spaces: [{ id: "robotics-lab/demo", likes: 7 }],
    totals: { models: 12 },
  });
  // Only /api/arxiv/{id}/repos knows this one's repos (a paper detail without linked* fields).
  hf.setRepos("2511.21395", { spaces: [{ id: "lab/space-a", likes: 3 }, { id: "lab/space-b", likes: 30 }], inDetail: false });
  // Longest ids HF allows, to check the limits.
  const long = (p: string, i: number) => `${p}${"n".repeat(95)}/${i}${"r".repeat(95)}`;
  hf.setRepos("2506.15050", {
    models: [1, 2, 3, 4].map((i) => ({ id: long("m", i), likes: 1_000_000 + i })),
    datasets: [1, 2, 3].map((i) => ({ id: long("d", i), likes: 999_999 })),
    spaces: [1, 2, 3].map((i) => ({ id: long("s", i), likes: 5 })),
    totals: { models: 123_456, datasets: 7_890, spaces: 4_321 },
  });
});
afterAll(async () => {
  await both?.close();
});

const MODELS_LINE = /Models \(12\):/;
const hostile = [/<!channel>/, /@everyone/, /evil\.example/, /org\/secret/];

function embedSize(e: { title?: string; description?: string; fields?: { name: string; value: string }[] }): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

describe("linked artifacts on paper cards", () => {
  it("/paper get shows the top 3 of each kind with totals and the discussion, on Discord", async () => {
    const reply = await both.onDiscord("get", { id: "2511.07327" });
    const embed = (reply.body.embeds as { description: string }[])[0]!;
    expect(embed.description).toMatch(MODELS_LINE);
    expect(embed.description).toContain("[robotics-lab/iter-research-7b](https://huggingface.co/robotics-lab/iter-research-7b) ♥ 340");
    // Markdown in a repo name is escaped, never emphasis; 0 likes shows no heart.
    expect(embed.description).toContain("[org/\\_\\_init\\_\\_](https://huggingface.co/org/__init__) ♥ 12");
    expect(embed.description).toContain("[small/one](https://huggingface.co/small/one) ♥ 1");
    expect(embed.description).not.toContain("solo-model"); // 4th by likes
    expect(embed.description).toContain("**Datasets (1):** [robotics-lab/trajectories](https://huggingface.co/datasets/robotics-lab/trajectories) ♥ 45");
    // Spaces in a paper detail carry no likes: listed without a heart.
    expect(embed.description).toContain("**Spaces (1):** [robotics-lab/demo](https://huggingface.co/spaces/robotics-lab/demo)");
    // The detail has no comment count; the paper's list entry supplies it.
    expect(embed.description).toMatch(/\[Discussion on Hugging Face\]\(https:\/\/huggingface\.co\/papers\/2511\.07327#community\) \(\d+ comments?\)/);
    for (const bad of hostile) expect(discordText(reply)).not.toMatch(bad);
    expect(reply.json.allowed_mentions ?? reply.body.allowed_mentions).toEqual({ parse: [] });

    // "Post to channel" posts the same full card, artifacts included, pinging no one.
    const { d } = both;
    const post = (reply.body.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => b.label.startsWith("Post"));
    const before = d.fake.state.channelMessages(d.fake.world.channel.id).length;
    await d.fake.settled(d.fake.click(post!.custom_id, reply, { user: d.fake.world.users.alice }));
    const posted = d.fake.state.channelMessages(d.fake.world.channel.id).slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.body.embeds)).toMatch(MODELS_LINE);
    expect(posted[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("/paper get shows the same on Slack, escaped, within Block Kit limits", async () => {
    const reply = await both.onSlack("get 2511.07327");
    const text = textOf(reply);
    expect(text).toMatch(/\*Models \(12\):\*/);
    expect(text).toContain("<https://huggingface.co/robotics-lab/iter-research-7b|robotics-lab/iter-research-7b> ♥ 340");
    expect(text).toContain("<https://huggingface.co/datasets/robotics-lab/trajectories|robotics-lab/trajectories> ♥ 45");
    expect(text).toContain("<https://huggingface.co/spaces/robotics-lab/demo|robotics-lab/demo>");
    expect(text).toContain("<https://huggingface.co/papers/2511.07327#community|Discussion on Hugging Face>");
    for (const bad of hostile) expect(text).not.toMatch(bad);
    expect(reply.pings).toBe(0);
  });

  it("takes a paper's repos from /api/arxiv/{id}/repos when its detail has none, ranked by likes", async () => {
    const reply = await both.onSlack("get 2511.21395");
    const text = textOf(reply);
    expect(text).toContain("*Spaces (2):* <https://huggingface.co/spaces/lab/space-b|lab/space-b> ♥ 30 · <https://huggingface.co/spaces/lab/space-a|lab/space-a> ♥ 3");
    expect(text).not.toMatch(/Models \(|Datasets \(/);
    expect(both.d.hf.count("/api/arxiv/2511.21395/repos")).toBe(1);
  });

  it("a paper without artifacts shows none; an arXiv-only paper has no HF discussion either", async () => {
    const plain = await both.onDiscord("get", { id: "2306.13229" });
    expect(discordText(plain)).not.toMatch(/Models \(|Datasets \(|Spaces \(/);
    expect(discordText(plain)).toContain("papers/2306.13229#community");
    const arxivOnly = textOf(await both.onSlack("get 2312.99999"));
    expect(arxivOnly).toContain("SYNTHETIC FIXTURE");
    expect(arxivOnly).not.toMatch(/Models \(|#community/);
  });

  it("the longest repo ids HF allows stay within Discord's and Slack's limits", async () => {
    const reply = await both.onDiscord("get", { id: "2506.15050" });
    const embeds = reply.body.embeds as { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    for (const e of embeds) {
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embedSize(e)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    }
    expect(discordText(reply)).toContain("Models (123,456):");
    const slack = await both.onSlack("get 2506.15050");
    expect(slack.blocks!.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    for (const b of slack.blocks as { text?: { text: string } }[]) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(textOf(slack)).toContain("*Datasets (7,890):*");
  });

  it("the daily post's cards carry them on both platforms, from the cache: one HF request per paper", async () => {
    const { d, s } = both;
    const discordChannel = d.fake.world.channel.id;
    await d.app.delivery.subscriptions.save(subscription("discord", discordChannel, { top: 4 }));
    await s.app.delivery.subscriptions.save(subscription("slack", CHANNEL, { top: 4 }));
    const detailsBefore = d.hf.count("/api/papers/");
    const earlier = d.fake.state.channelMessages(discordChannel).length;
    const discordRun = await d.app.delivery.engine.deliverDate("2026-05-05");
    expect(discordRun.find((r) => r.platform === "discord")?.outcome.status).toBe("posted");
    const slackRun = await s.app.delivery.engine.deliverDate("2026-05-05");
    expect(slackRun.find((r) => r.platform === "slack")?.outcome.status).toBe("posted");

    const discordCards = d.fake.state.channelMessages(discordChannel).slice(earlier).map((m) => JSON.stringify(m.body.embeds));
    const withArtifacts = discordCards.filter((c) => MODELS_LINE.test(c));
    expect(withArtifacts).toHaveLength(1);
    expect(withArtifacts[0]).toContain("https://huggingface.co/robotics-lab/iter-research-7b");
    // The top 4 of 2026-05-05: 2511.07327, 2506.15050, 2511.21395 and 2406.04806 (no artifacts).
    expect(discordCards.filter((c) => c.includes("papers/2406.04806") && !/Models \(|Spaces \(/.test(c))).not.toHaveLength(0);
    for (const m of d.fake.state.channelMessages(discordChannel)) expect(m.json.allowed_mentions ?? m.body.allowed_mentions).toEqual({ parse: [] });

    const slackTexts = s.fake.state.messages.filter((m) => m.channel === CHANNEL).map((m) => textOf(m));
    expect(slackTexts.filter((t) => /\*Models \(12\):\*/.test(t))).toHaveLength(1);
    expect(slackTexts.some((t) => t.includes("<https://huggingface.co/spaces/lab/space-b|lab/space-b> ♥ 30"))).toBe(true);
    for (const t of slackTexts) for (const bad of hostile) expect(t).not.toMatch(bad);

    // /paper get already fetched three of the four details; delivery on both platforms added only the fourth.
    expect(d.hf.count("/api/papers/") - detailsBefore).toBe(1);
    expect(d.hf.count("/api/papers/2511.07327")).toBe(1);
    // The run in the ledger froze the papers with their artifacts.
    const run = await s.app.delivery.ledger.getRun({ platform: "slack", channelId: CHANNEL, postDate: "2026-05-05" });
    expect(run?.papers.find((p) => p.id === "2511.07327")?.artifacts?.models.total).toBe(12);
  });

  it("a failing Hugging Face costs the cards their artifacts, never the post", async () => {
    const { d } = both;
    d.hf.setRepos("2510.05057", { models: [{ id: "down/model", likes: 1 }] });
    d.hf.setFault(/^\/api\/papers\/2510\.05057$/, { status: 503, headers: { "retry-after": "600" } });
    const out = await d.app.delivery.engine.deliverDate("2026-05-04");
    d.hf.clearFaults();
    expect(out.find((r) => r.platform === "discord")?.outcome.status).toBe("posted");
    const cards = d.fake.state.channelMessages(d.fake.world.channel.id).map((m) => JSON.stringify(m.body.embeds));
    expect(cards.some((c) => c.includes("papers/2510.05057"))).toBe(true);
    expect(cards.some((c) => c.includes("down/model"))).toBe(false);
    expect(d.logs.some((l) => l.msg.includes("linked repos missing"))).toBe(true);
  });
});
