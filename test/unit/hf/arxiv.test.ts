// arXiv Atom parsing (a realistic entry, the error feed, the empty feed) and the 1-request-per-interval queue.
import { describe, expect, it } from "vitest";
import { arxivIdFromUrl, createSerialQueue, parseArxivFeed } from "../../../src/hf/arxiv.js";
import { paperSchema } from "../../../src/paper.js";
import { readFixture } from "../../fixtures/hf/index.js";

describe("parseArxivFeed", () => {
  it("turns an entry into a clean Paper with source arxiv", () => {
    const [p, ...rest] = parseArxivFeed(readFixture("arxiv-entry.xml"));
    expect(rest).toHaveLength(0);
    expect(paperSchema.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({
      id: "2312.99999",
      title: "SYNTHETIC FIXTURE: A Paper Only arXiv Knows, With a Hard-Wrapped Title",
      authors: ["Fixture Author One", "Fixture Author Two"],
      authorCount: 2,
      publishedAt: "2023-12-29T23:59:59.000Z",
      source: "arxiv",
    });
    expect(p?.abstract).toBe(
      "SYNTHETIC FIXTURE ABSTRACT (not a real paper). Like real arXiv abstracts it is hard-wrapped and indented, " +
        "contains & and <angle brackets>, and ends with a newline.",
    );
  });

  it("reads the error feed and the empty feed as 'no paper'", () => {
    expect(parseArxivFeed(readFixture("arxiv-error.xml"))).toEqual([]);
    expect(parseArxivFeed(readFixture("arxiv-empty.xml"))).toEqual([]);
    expect(parseArxivFeed("this is not xml <<<")).toEqual([]);
    expect(parseArxivFeed("")).toEqual([]);
  });

  it("strips the abs URL prefix and the version from ids, old-style included", () => {
    expect(arxivIdFromUrl("http://arxiv.org/abs/2401.01234v12")).toBe("2401.01234");
    expect(arxivIdFromUrl("https://arxiv.org/abs/hep-th/9901001v1")).toBe("hep-th/9901001");
    expect(arxivIdFromUrl("http://arxiv.org/abs/math.GT/0309136")).toBe("math.GT/0309136");
  });
});

describe("createSerialQueue", () => {
  it("runs one task at a time with the interval between them, and survives failures", async () => {
    const enqueue = createSerialQueue(60);
    const spans: [number, number][] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (fail: boolean) => async () => {
      const start = Date.now();
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 10));
      running -= 1;
      spans.push([start, Date.now()]);
      if (fail) throw new Error("boom");
      return start;
    };
    const results = await Promise.allSettled([enqueue(task(false)), enqueue(task(true)), enqueue(task(false))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(maxRunning).toBe(1);
    for (let i = 1; i < spans.length; i += 1) {
      // Timers may fire a millisecond early.
      expect(spans[i]![0] - spans[i - 1]![1]).toBeGreaterThanOrEqual(58);
    }
  });
});
