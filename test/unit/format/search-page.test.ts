import { describe, expect, it } from "vitest";
import { pageCount, searchPage } from "../../../src/format/search-page.js";
import type { Action } from "../../../src/message.js";
import { makePaper, visibleText } from "./make-paper.js";

const results = Array.from({ length: 37 }, (_, i) =>
  makePaper({ id: `2509.${String(i + 1).padStart(5, "0")}`, title: `Result ${i + 1}` }),
);
const navOf = (messages: ReturnType<typeof searchPage>) =>
  messages.flatMap((m) => m.actions ?? []).filter((a): a is Extract<Action, { kind: "page" }> => a.kind === "page");

describe("searchPage", () => {
  it("shows a summary line, five compact cards with Save, and a Next button on page 1", () => {
    const messages = searchPage("diffusion policy", results, 1);
    expect(messages[0]?.fallbackText).toBe("Results 1–5 of 37 for “diffusion policy”");
    const cards = messages.filter((m) => m.ref);
    expect(cards.map((c) => c.title)).toEqual(["Result 1", "Result 2", "Result 3", "Result 4", "Result 5"]);
    for (const card of cards) expect(card.actions).toEqual([{ kind: "save", paperId: card.ref?.paperId }]);
    expect(navOf(messages)).toEqual([{ kind: "page", query: "diffusion policy", page: 2, label: "Next" }]);
  });

  it("offers Previous and Next in the middle", () => {
    const messages = searchPage("q", results, 2);
    expect(messages[0]?.fallbackText).toBe("Results 6–10 of 37 for “q”");
    expect(navOf(messages).map((a) => [a.label, a.page])).toEqual([
      ["Previous", 1],
      ["Next", 3],
    ]);
    expect(visibleText(messages.at(-1)!)).toBe("Page 2 of 8");
  });

  it("offers only Previous on the last page, which may be short", () => {
    const messages = searchPage("q", results, 8);
    expect(messages[0]?.fallbackText).toBe("Results 36–37 of 37 for “q”");
    expect(navOf(messages).map((a) => a.label)).toEqual(["Previous"]);
  });

  it("clamps pages out of range instead of showing nothing", () => {
    expect(searchPage("q", results, 99)[0]?.fallbackText).toBe("Results 36–37 of 37 for “q”");
    expect(searchPage("q", results, 0)[0]?.fallbackText).toBe("Results 1–5 of 37 for “q”");
    expect(searchPage("q", results, Number.NaN)[0]?.fallbackText).toBe("Results 1–5 of 37 for “q”");
  });

  it("has no buttons when everything fits on one page", () => {
    const messages = searchPage("q", results.slice(0, 1), 1);
    expect(messages[0]?.fallbackText).toBe("Results 1 of 1 for “q”");
    expect(navOf(messages)).toEqual([]);
    expect(messages).toHaveLength(2);
  });

  it("answers an empty search kindly, with a hint", () => {
    const messages = searchPage("quantum basket weaving", [], 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fallbackText).toMatch(/^No papers match “quantum basket weaving”\. Try fewer/);
    expect(messages[0]?.fallbackText).toContain("/paper get 2511.07327");
  });

  it("shows a hostile query shortened and on one line, but pages with the whole query", () => {
    const query = `@everyone\n<!channel> ${"z".repeat(400)}`;
    const messages = searchPage(query, results, 1);
    expect(messages[0]?.fallbackText).not.toContain("\n");
    expect(messages[0]?.fallbackText.length).toBeLessThan(160);
    expect(navOf(messages)[0]?.query).toBe(`@everyone <!channel> ${"z".repeat(400)}`);
  });

  it("respects another page size", () => {
    expect(searchPage("q", results, 1, 10).filter((m) => m.ref)).toHaveLength(10);
    expect(pageCount(37, 10)).toBe(4);
    expect(pageCount(0)).toBe(1);
  });
});
