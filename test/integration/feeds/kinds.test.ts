// Feeds end to end against the fake Hugging Face, Discord and Slack, over simulated days: a weekly and a daily
// feed in one channel each posted once, a DM digest through the same ledger, a trending feed that never repeats a
// paper, and an ISO week 53 (which HF's week= rejects) built from the daily lists.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { startPaperboy } from "../delivery/in-process.js";
import { createWorld, PAPERS_PER_LIST, subscription, type World } from "../delivery/world.js";
import { dmChannelKey } from "../../../src/store/subscriptions.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

const memory = () => `memory://${randomUUID()}`;
// Monday 2025-06-16, 09:00:30 in Berlin: Sunday's list has closed, so week 2025-W24 (9–15 June) is complete.
const MONDAY_SLOT = "2025-06-16T07:00:30.000Z";

/** Every message in a channel as "header:<what>" or "paper:<id>", with counts. */
function messages(platform: "discord" | "slack", channelId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  if (platform === "slack") {
    for (const m of world.slack.state.messages) {
      if (m.channel !== channelId) continue;
      const p = m.metadata?.event_payload;
      bump(m.metadata?.event_type === "paperboy_header" ? `header:${String(p?.date)}` : `paper:${String(p?.paper_id)}`);
    }
  } else {
    for (const m of world.discord.state.messages.values()) {
      if (m.channelId !== channelId) continue;
      const url = (m.body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? "";
      const paper = /huggingface\.co\/papers\/([\d.]+)$/.exec(url)?.[1];
      bump(paper ? `paper:${paper}` : `header:${url.replace("https://huggingface.co/papers/", "")}`);
    }
  }
  return counts;
}
const headers = (got: Map<string, number>) => [...got.keys()].filter((k) => k.startsWith("header:")).sort();

/** The channel's messages in order, grouped into runs that each start with a header: one entry per header. */
function headerRuns(platform: "discord" | "slack", channelId: string): number[] {
  const isHeader =
    platform === "slack"
      ? world.slack.state.messages.filter((m) => m.channel === channelId).map((m) => m.metadata?.event_type === "paperboy_header")
      : [...world.discord.state.messages.values()]
          .filter((m) => m.channelId === channelId)
          .map((m) => !/huggingface\.co\/papers\/[\d.]+$/.test((m.body.embeds as { url?: string }[] | undefined)?.[0]?.url ?? ""));
  // Each header's run length; interleaved posts would show as a header inside another post's papers.
  const runs: number[] = [];
  for (const header of isHeader) {
    if (header) runs.push(0);
    else runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
  }
  return runs;
}

describe("feeds", () => {
  for (const platform of ["slack", "discord"] as const) {
    it(`${platform}: a weekly and a daily feed in one channel each post once`, async () => {
      const pb = await startPaperboy(world, memory(), MONDAY_SLOT);
      const channel = platform === "slack" ? world.slackChannel() : world.discordChannel();
      await pb.stack.subscriptions.save(subscription(platform, channel));
      await pb.stack.subscriptions.save(subscription(platform, channel, { kind: "weekly", weekday: 1, top: 3 }));
      // Both are due at once: one posts, the other waits for the channel (its messages must not interleave) and
      // posts on the next tick.
      const first = await pb.stack.engine.runDue();
      expect(first.map((r) => r.outcome.status).sort()).toEqual(["posted", "skipped"]);
      const second = await pb.stack.engine.runDue();
      expect(second.map((r) => r.outcome.status)).toEqual(["posted"]);
      // Header, its papers, then the other header and its papers: 10 daily papers and the weekly top 3.
      expect(headerRuns(platform, channel).sort((a, b) => a - b)).toEqual([3, PAPERS_PER_LIST]);
      // Later the same week: nothing more.
      pb.setNow("2025-06-19T12:00:00.000Z");
      await pb.stack.engine.runDue();
      const got = messages(platform, channel);
      expect(headers(got)).toEqual(platform === "slack" ? ["header:2025-06-12", "header:2025-W24"] : ["header:date/2025-06-12", "header:week/2025-W24"]);
      expect([...got.values()].every((n) => n <= 2)).toBe(true);
      // 10 papers in the daily post, the top 3 again in the weekly one.
      expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(2 + PAPERS_PER_LIST + 3);
      expect(world.hf.requests.some((r) => r.query.week === "2025-W24")).toBe(true);
      await pb.close();
    });
  }

  it("a weekly header says what the post is", async () => {
    const pb = await startPaperboy(world, memory(), MONDAY_SLOT);
    const channel = world.slackChannel();
    await pb.stack.subscriptions.save(subscription("slack", channel, { kind: "weekly", weekday: 1, top: 5 }));
    await pb.stack.engine.runDue();
    const header = world.slack.state.messages.find((m) => m.channel === channel && m.metadata?.event_type === "paperboy_header");
    expect(JSON.stringify(header)).toContain("Best of week 24 · 12 Jun 2025 · top 5 of 15");
    await pb.close();
  });

  for (const platform of ["slack", "discord"] as const) {
    it(`${platform}: a daily digest arrives in the user's DMs, once`, async () => {
      const pb = await startPaperboy(world, memory(), MONDAY_SLOT);
      const user = platform === "slack" ? "U0ALICE01" : world.discord.world.users.alice.id;
      await pb.stack.subscriptions.save(subscription(platform, dmChannelKey(user), { userId: user, top: 2 }));
      const [result] = await pb.stack.engine.runDue();
      expect(result?.outcome).toMatchObject({ status: "posted", sent: 3 });
      pb.setNow("2025-06-16T12:00:00.000Z");
      expect(await pb.stack.engine.runDue()).toEqual([]);
      const dm = platform === "slack" ? `D${user.slice(1)}` : `${user.slice(0, -3)}999`;
      const got = messages(platform, dm);
      expect([...got.values()]).toEqual([1, 1, 1]);
      expect(headers(got)).toHaveLength(1);
      await pb.close();
    });
  }

  it("trending never posts a paper twice over several days", async () => {
    const pb = await startPaperboy(world, memory(), "2025-06-16T07:00:30.000Z");
    const channel = world.slackChannel();
    const item = (n: number) => makeDailyItem({ id: `2506.2${String(n).padStart(4, "0")}`, title: `Trending ${n}`, upvotes: n });
    await pb.stack.subscriptions.save(subscription("slack", channel, { kind: "trending", top: 2 }));
    const days = [
      ["2025-06-16T07:00:30.000Z", [1, 2, 3]],
      ["2025-06-17T07:00:30.000Z", [2, 3, 4, 1]],
      ["2025-06-18T07:00:30.000Z", [1, 2, 3, 4]],
      ["2025-06-19T07:00:30.000Z", [5, 4, 3]],
    ] as const;
    const statuses: string[] = [];
    for (const [at, ids] of days) {
      world.hf.setTrending(ids.map(item));
      pb.setNow(at);
      const [r] = await pb.stack.engine.runDue();
      statuses.push(r?.outcome.status ?? "none");
    }
    expect(statuses).toEqual(["posted", "posted", "nothing", "posted"]);
    const got = messages("slack", channel);
    const papers = [...got.entries()].filter(([k]) => k.startsWith("paper:"));
    expect(papers.map(([k]) => k).sort()).toEqual(["paper:2506.20001", "paper:2506.20002", "paper:2506.20003", "paper:2506.20004", "paper:2506.20005"]);
    expect(papers.every(([, n]) => n === 1)).toBe(true);
    world.hf.setTrending([]);
    await pb.close();
  });

  it("ISO week 53 (28 Dec 2026 – 3 Jan 2027) is built from the daily lists, never asked of HF's week=", async () => {
    world.hf.setDaily("2026-12-29", [makeDailyItem({ id: "2612.00001", title: "Late December", upvotes: 7, listDate: "2026-12-29" })]);
    world.hf.setDaily("2027-01-01", [makeDailyItem({ id: "2701.00001", title: "New Year", upvotes: 9, listDate: "2027-01-01" })]);
    const pb = await startPaperboy(world, memory(), "2027-01-04T08:00:30.000Z");
    const channel = world.discordChannel();
    await pb.stack.subscriptions.save(subscription("discord", channel, { kind: "weekly", weekday: 1, activeFrom: "2026-12-20T00:00:00.000Z" }));
    const [r] = await pb.stack.engine.runDue();
    expect(r?.outcome).toMatchObject({ status: "posted", postDate: "2026-W53", sent: 3 });
    expect(world.hf.requests.some((q) => q.query.week === "2026-W53")).toBe(false);
    const got = messages("discord", channel);
    expect(headers(got)).toEqual(["header:week/2026-W53"]);
    expect(got.get("paper:2701.00001")).toBe(1);
    await pb.close();
  });
});
