import { describe, expect, it } from "vitest";
import { firstSentences, normalizeWhitespace, truncate } from "../../../src/format/text.js";

const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("normalizeWhitespace", () => {
  it("collapses every kind of whitespace, including HF's hard line breaks, to single spaces", () => {
    expect(normalizeWhitespace("  Large\nlanguage\r\n\tmodels\u00a0and\u2028more  ")).toBe("Large language models and more");
  });

  it("removes control characters, zero-width characters and bidi overrides", () => {
    expect(normalizeWhitespace("a\u0000b\u0007c\u001bd\u200be\u200ff\u202eg\u2066h\ufeffi\u00adj")).toBe("abcdefghij");
  });

  it("keeps emoji, accents and other scripts intact", () => {
    expect(normalizeWhitespace("Schrödinger 🐈 薛定谔 👩\u200d🔬 می\u200cخواهم")).toBe("Schrödinger 🐈 薛定谔 👩\u200d🔬 می\u200cخواهم");
  });

  it("drops broken surrogate halves", () => {
    expect(normalizeWhitespace("a\ud83db")).toBe("ab");
  });

  it("turns an all-invisible string into an empty one", () => {
    expect(normalizeWhitespace("\u200b\u0000 \n")).toBe("");
  });
});

describe("truncate", () => {
  it("leaves short text alone", () => {
    expect(truncate("short title", 20)).toBe("short title");
    expect(truncate("exactly", 7)).toBe("exactly");
  });

  it("cuts at a word boundary and marks the cut with an ellipsis", () => {
    const out = truncate("Attention is all you need for everything", 20);
    expect(out).toBe("Attention is all…");
    expect(out.length).toBeLessThanOrEqual(20);
  });

  it("cuts a 5,000-character word anyway", () => {
    const out = truncate("x".repeat(5000), 300);
    expect(out).toHaveLength(300);
    expect(out.endsWith("…")).toBe(true);
  });

  it("never splits an emoji's surrogate pair and never exceeds the limit", () => {
    const text = "😀".repeat(100);
    for (let max = 1; max < 30; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
    }
  });

  it("drops dangling punctuation before the ellipsis", () => {
    expect(truncate("One, two, three, four, five", 16)).toBe("One, two, three…");
  });

  it("handles degenerate limits", () => {
    expect(truncate("anything", 0)).toBe("");
    expect(truncate("anything", 1)).toBe("…");
  });
});

describe("firstSentences", () => {
  const abstract =
    "We study hallucination.\nIt persists in state-of-the-art systems with 3.5 times more errors! Why? We explain it.";

  it("keeps whole sentences that fit", () => {
    expect(firstSentences(abstract, 30)).toBe("We study hallucination.");
    const three = "We study hallucination. It persists in state-of-the-art systems with 3.5 times more errors! Why?";
    expect(firstSentences(abstract, three.length)).toBe(three);
    expect(firstSentences(abstract, three.length + 5)).toBe(three);
  });

  it("returns everything when it all fits, whitespace normalised", () => {
    expect(firstSentences(abstract, 1000)).toBe(normalizeWhitespace(abstract));
  });

  it("truncates when even the first sentence is too long", () => {
    const out = firstSentences(`${"word ".repeat(200)}end.`, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.endsWith("…")).toBe(true);
  });

  it("copes with empty text", () => {
    expect(firstSentences("", 100)).toBe("");
  });
});
