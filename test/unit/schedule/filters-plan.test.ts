// What a channel's post contains: keyword/organisation/upvote filters, the weekend policy and catch-up.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../../src/paper.js";
import { parseKeywords, selectPapers } from "../../../src/schedule/filters.js";
import { planDatedPost, planScheduledPost } from "../../../src/schedule/plan.js";
import type { Subscription } from "../../../src/store/subscriptions.js";

const paper = (id: string, over: Partial<Paper> = {}): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract: "",
  authors: [],
  authorCount: 0,
  keywords: [],
  source: "hf",
  upvotes: 1,
  ...over,
});
const sub = (over: Partial<Subscription> = {}): Subscription => ({
  platform: "slack",
  channelId: "C1",
  time: "09:00",
  timezone: "UTC",
  top: 10,
  minUpvotes: 0,
  keywords: [],
  organizations: [],
  weekend: "skip",
  subscriberId: "U1",
  createdAt: "2025-01-01T00:00:00Z",
  activeFrom: "2025-01-01T00:00:00Z",
  ...over,
});

describe("filters", () => {
  const papers = [
    paper("1", { title: "Diffusion models for video", upvotes: 50, organization: "Google DeepMind" }),
    paper("2", { title: "A survey of diffusion models", upvotes: 80 }),
    paper("3", { title: "Scaling LLM-based agents", upvotes: 30, keywords: ["agents"] }),
    paper("4", { title: "Allmighty transformers", abstract: "We study world models.", upvotes: 5, organization: "Meta" }),
  ];

  it("parses keywords with negatives and phrases", () => {
    expect(parseKeywords('diffusion, -survey; "world model" ,, - ')).toEqual(["diffusion", "-survey", "world model"]);
  });

  it("keeps papers matching any keyword and none of the negatives, most upvoted first", () => {
    const ids = (f: Partial<Subscription>) => selectPapers(papers, sub(f)).map((p) => p.id);
    expect(ids({ keywords: ["diffusion", "-survey"] })).toEqual(["1"]);
    expect(ids({ keywords: ["llm"] })).toEqual(["3"]); // word match: not "Allmighty"
    expect(ids({ keywords: ["world model"] })).toEqual(["4"]);
    expect(ids({ keywords: ["-survey"] })).toEqual(["1", "3", "4"]);
    expect(ids({})).toEqual(["2", "1", "3", "4"]);
  });

  it("applies organisations, minimum upvotes and the top-N cut", () => {
    const ids = (f: Partial<Subscription>) => selectPapers(papers, sub(f)).map((p) => p.id);
    expect(ids({ organizations: ["deepmind", "meta"] })).toEqual(["1", "4"]);
    expect(ids({ minUpvotes: 30 })).toEqual(["2", "1", "3"]);
    expect(ids({ top: 2 })).toEqual(["2", "1"]);
  });
});

/** Lists by date; weekends empty unless given. Counts fetches. */
function listsOf(byDate: Record<string, Paper[]>) {
  const fetched: string[] = [];
  const lists = async (date: string) => {
    fetched.push(date);
    return byDate[date] ?? [];
  };
  return { lists, fetched };
}

describe("plan", () => {
  // 2025-06-13 is a Friday.
  const week = {
    "2025-06-09": [paper("mon")],
    "2025-06-10": [paper("tue")],
    "2025-06-11": [paper("wed")],
    "2025-06-12": [paper("thu")],
    "2025-06-13": [paper("fri", { upvotes: 3 })],
    "2025-06-16": [paper("mon2")],
  };

  it("posts the latest closed list the channel has not had, fetching just that date", async () => {
    const { lists, fetched } = listsOf(week);
    const out = await planScheduledPost(sub(), { lastDate: "2025-06-11" }, "2025-06-12", lists);
    expect(out).toMatchObject({ kind: "post", plan: { postDate: "2025-06-12", missedDates: [] }, coveredDate: "2025-06-12" });
    expect([...new Set(fetched)]).toEqual(["2025-06-12"]);
  });

  it("skip policy: an empty weekend list posts nothing, and Monday does not repeat Friday", async () => {
    const { lists } = listsOf(week);
    const sat = await planScheduledPost(sub(), { lastDate: "2025-06-13" }, "2025-06-14", lists);
    expect(sat).toEqual({ kind: "nothing", reason: "empty", coveredDate: "2025-06-14" });
    const mon = await planScheduledPost(sub(), { lastDate: "2025-06-14" }, "2025-06-15", lists);
    expect(mon.kind).toBe("nothing");
  });

  it("monday policy: Friday–Sunday lists are rolled up into one post", async () => {
    const { lists } = listsOf({ ...week, "2025-06-14": [paper("sat", { upvotes: 9 })] });
    const out = await planScheduledPost(sub({ weekend: "monday" }), { lastDate: "2025-06-12" }, "2025-06-15", lists);
    expect(out.kind).toBe("post");
    if (out.kind !== "post") return;
    expect(out.plan.dates).toEqual(["2025-06-13", "2025-06-14"]);
    expect(out.plan.papers.map((p) => p.id)).toEqual(["sat", "fri"]);
    expect(out.plan.missedDates).toEqual([]);
  });

  it("after a week offline: one post of the latest list, naming the missed ones", async () => {
    const { lists } = listsOf(week);
    const out = await planScheduledPost(sub(), { lastDate: "2025-06-08" }, "2025-06-16", lists);
    expect(out).toMatchObject({ kind: "post", plan: { postDate: "2025-06-16" } });
    if (out.kind !== "post") return;
    expect(out.plan.missedDates).toEqual(["2025-06-09", "2025-06-10", "2025-06-11", "2025-06-12", "2025-06-13"]);
  });

  it("a new channel gets the latest list with papers and no catch-up line", async () => {
    const { lists } = listsOf(week);
    const out = await planScheduledPost(sub(), {}, "2025-06-15", lists);
    expect(out).toMatchObject({ kind: "post", plan: { postDate: "2025-06-13", missedDates: [] } });
  });

  it("nothing matching the filters still posts the header, with no papers", async () => {
    const { lists } = listsOf(week);
    const out = await planScheduledPost(sub({ keywords: ["nothing-matches"] }), { lastDate: "2025-06-11" }, "2025-06-12", lists);
    expect(out).toMatchObject({ kind: "post", plan: { papers: [], totalBeforeFilter: 1 } });
  });

  it("does nothing when the channel already had the latest closed date", async () => {
    const { lists, fetched } = listsOf(week);
    expect(await planScheduledPost(sub(), { lastDate: "2025-06-12" }, "2025-06-12", lists)).toMatchObject({ kind: "nothing", reason: "already-had" });
    expect(fetched).toEqual([]);
  });

  it("an explicit date posts that list only", async () => {
    const { lists } = listsOf(week);
    expect(await planDatedPost(sub(), "2025-06-10", lists)).toMatchObject({ kind: "post", plan: { postDate: "2025-06-10", dates: ["2025-06-10"] } });
    expect(await planDatedPost(sub(), "2025-06-14", lists)).toMatchObject({ kind: "nothing", reason: "empty" });
  });
});
