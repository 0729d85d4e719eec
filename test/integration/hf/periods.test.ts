// The HF client's week, month and trending lists against the fake Hugging Face, which answers like HF: week=
// and month= follow HF's patterns (W53 is a 400), every page is followed, trending keeps HF's order.
import { afterEach, describe, expect, it } from "vitest";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { createHarness, type Harness } from "./setup.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.fake.close();
  h = undefined;
});

const items = (date: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => makeDailyItem({ id: `2611.${String(10000 + from + i)}`, title: `P${from + i}`, upvotes: from + i, listDate: date }));

describe("HF week, month and trending", () => {
  it("a week's list over several pages, most upvoted first; month likewise", async () => {
    h = await createHarness({}, { defaults: false });
    h.fake.setDaily("2026-11-24", items("2026-11-24", 80));
    h.fake.setDaily("2026-11-27", items("2026-11-27", 60, 80));
    h.fake.setDaily("2026-12-01", items("2026-12-01", 5, 200));
    const week = await h.client.week!("2026-W48");
    expect(week).toHaveLength(140);
    expect(week[0]?.id).toBe("2611.10139");
    expect(h.fake.requests.filter((r) => r.query.week === "2026-W48").length).toBe(2);
    expect(await h.client.month!("2026-11")).toHaveLength(140);
    expect(await h.client.month!("2026-12")).toHaveLength(5);
  });

  it("W53 is refused by the fake like HF, and the client never asks for it", async () => {
    h = await createHarness({}, { defaults: false });
    const res = await fetch(`${h.fake.url}/api/daily_papers?week=2026-W53`);
    expect(res.status).toBe(400);
    await expect(h.client.week!("2026-W53")).rejects.toMatchObject({ code: "bad_date" });
    expect(h.fake.requests.some((r) => r.query.week === "2026-W53" && r.path === "/api/daily_papers" && r.query.limit)).toBe(false);
  });

  it("trending keeps HF's order", async () => {
    h = await createHarness({}, { defaults: false });
    h.fake.setTrending([...items("2026-11-24", 1, 5), ...items("2026-11-24", 1, 50)]);
    expect((await h.client.trending!()).map((p) => p.id)).toEqual(["2611.10005", "2611.10050"]);
    expect(h.fake.requests.at(-1)?.query.sort).toBe("trending");
  });
});
