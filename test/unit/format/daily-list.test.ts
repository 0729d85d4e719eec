import { describe, expect, it } from "vitest";
import { dailyDigest, dailyHeader, DIGEST_MAX_PAPERS } from "../../../src/format/daily-list.js";
import type { Paper } from "../../../src/paper.js";
import { allTexts, allUrls, makePaper, visibleText } from "./make-paper.js";

const paper = (n: number, upvotes: number | undefined, extra: Partial<Paper> = {}) =>
  makePaper({ id: `2509.${String(n).padStart(5, "0")}`, title: `Paper number ${n}`, upvotes, githubRepo: undefined, githubStars: undefined, ...extra });

describe("dailyHeader", () => {
  const papers = [paper(1, 5), paper(2, 40), paper(3, 12, { githubRepo: "https://github.com/a/b", githubStars: 900 }), paper(4, 30)];

  it("names the date and count and highlights the three most upvoted papers", () => {
    const header = dailyHeader("2025-09-08", papers);
    expect(header.title).toBe("Hugging Face Daily Papers — Mon 8 Sep 2025");
    expect(header.url).toBe("https://huggingface.co/papers/date/2025-09-08");
    const text = visibleText(header);
    expect(text).toContain("4 papers on this list.");
    expect(text).toMatch(/Paper number 2 \(40 upvotes\)[\s\S]*Paper number 4 \(30 upvotes\)[\s\S]*Paper number 3 \(12 upvotes\)/);
    expect(text).not.toContain("Paper number 1 (");
    expect(header.ref).toBeUndefined();
  });

  it("links each highlight to its paper and names the most-starred code", () => {
    const header = dailyHeader("2025-09-08", papers);
    expect(allUrls(header)).toContain("https://huggingface.co/papers/2509.00002");
    expect(visibleText(header)).toContain("Most-starred code: Paper number 3 (900 stars)");
  });

  it("says how many papers the channel's filters kept", () => {
    expect(visibleText(dailyHeader("2025-09-08", papers.slice(0, 2), { totalBeforeFilter: 37 }))).toContain(
      "2 papers of the 37 on this list.",
    );
    expect(visibleText(dailyHeader("2025-09-08", [], { totalBeforeFilter: 12 }))).toContain(
      "None of the 12 papers on this list match this channel's filters.",
    );
  });

  it("names missed dates when catching up, without repeating the posted date", () => {
    const header = dailyHeader("2025-09-08", papers, { missedDates: ["2025-09-05", "2025-09-08", "2025-09-04"] });
    expect(visibleText(header)).toContain(
      "Catching up: paperboy was offline and missed the lists of Thu 4 Sep 2025 and Fri 5 Sep 2025. Here is the latest one.",
    );
    expect(header.fallbackText).toContain("Catching up");
  });

  it("keeps a long outage to one short line", () => {
    const missed = Array.from({ length: 30 }, (_, i) => `2025-08-${String(i + 1).padStart(2, "0")}`);
    const line = visibleText(dailyHeader("2025-09-08", papers, { missedDates: missed })).split("\n").find((l) => l.startsWith("Catching up"));
    expect(line).toContain("and 25 more");
    expect(line!.length).toBeLessThan(250);
  });

  it("handles an empty list and papers without upvotes", () => {
    expect(visibleText(dailyHeader("2025-09-06", []))).toContain("No papers on this list.");
    expect(visibleText(dailyHeader("2025-09-08", [paper(1, undefined)]))).toContain("Paper number 1");
  });

  it("keeps hostile titles plain and short", () => {
    const header = dailyHeader("2025-09-08", [paper(1, 1, { title: `@everyone\n<!channel> ${"x".repeat(5000)}` })]);
    for (const text of allTexts(header)) {
      // eslint-disable-next-line no-control-regex -- asserting there are none
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(text.length).toBeLessThan(600);
    }
  });
});

describe("dailyDigest", () => {
  it("numbers the papers, most upvoted first, with links and upvotes", () => {
    const digest = dailyDigest("2025-09-08", [paper(1, 3), paper(2, 10)]);
    expect(digest.fallbackText.split("\n").slice(1)).toEqual(["1. Paper number 2 (10 upvotes)", "2. Paper number 1 (3 upvotes)"]);
    expect(allUrls(digest)).toContain("https://huggingface.co/papers/2509.00002");
    expect(visibleText(digest)).toContain("2 papers, most upvoted first.");
  });

  it("lists at most 20 papers and links the rest on Hugging Face", () => {
    const many = Array.from({ length: 92 }, (_, i) => paper(i + 1, i));
    const digest = dailyDigest("2025-09-08", many);
    expect(digest.blocks.filter((b) => b.kind === "text")).toHaveLength(DIGEST_MAX_PAPERS);
    expect(visibleText(digest)).toContain("…and 72 more papers");
    expect(allUrls(digest)).toContain("https://huggingface.co/papers/date/2025-09-08");
  });

  it("explains an empty weekend list and suggests a weekday", () => {
    const digest = dailyDigest("2025-09-07", []);
    expect(visibleText(digest)).toContain("The list for Sun 7 Sep 2025 has no papers (lists are usually empty at weekends).");
    expect(visibleText(digest)).toContain("/paper today 2025-09-05");
  });
});
