// The live-votes path of the Hugging Face client: fresh counts for a closed list (never the 30-day copy daily()
// keeps), one request per date per short cache period however many channels ask, and new counts in the next period.
import { afterEach, describe, expect, it } from "vitest";
import { setVotes } from "../../fakes/fake-hf-votes.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { createHarness, LATER, type Harness } from "./setup.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
});

const DATE = "2026-04-30";

describe("votes(date)", () => {
  it("answers fresh counts of a closed list, sharing one request per date per period", async () => {
    h = await createHarness({ votesTtlMs: 60_000 });
    h.fake.setDaily(DATE, [makeDailyItem({ id: "2604.00001", title: "One", upvotes: 5, numComments: 1, listDate: DATE }), makeDailyItem({ id: "2604.00002", title: "Two", upvotes: 3, listDate: DATE })]);
    expect((await h.client.daily(DATE)).map((p) => p.upvotes)).toEqual([5, 3]);
    setVotes(h.fake, "2604.00002", { upvotes: 40, numComments: 7, githubStars: 12 });
    // daily() keeps the closed list; votes() does not.
    expect((await h.client.daily(DATE)).map((p) => p.upvotes)).toEqual([5, 3]);
    const before = h.fake.count("/api/daily_papers");
    const answers = await Promise.all(Array.from({ length: 50 }, () => h!.client.votes!(DATE)));
    expect(answers[0]).toContainEqual({ id: "2604.00002", upvotes: 40, numComments: 7, githubStars: 12 });
    expect(h.fake.count("/api/daily_papers") - before).toBe(1);

    setVotes(h.fake, "2604.00001", { upvotes: 99 });
    expect((await h.client.votes!(DATE)).find((v) => v.id === "2604.00001")?.upvotes).toBe(5);
    h.setNow(new Date(Date.parse(LATER) + 60_000).toISOString());
    expect((await h.client.votes!(DATE)).find((v) => v.id === "2604.00001")?.upvotes).toBe(99);
  });
});
