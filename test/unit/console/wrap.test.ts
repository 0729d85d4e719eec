// Terminal word wrap: at the width, only at spaces; a word or URL longer than the width stays whole.
import { describe, expect, it } from "vitest";
import { wrapText } from "../../../adapters/console/wrap.js";

describe("wrapText", () => {
  it("fills lines up to the width and breaks only between words", () => {
    const text = "one two three four five six seven eight nine ten eleven twelve";
    const lines = wrapText(text, 20).split("\n");
    expect(lines).toEqual(["one two three four", "five six seven eight", "nine ten eleven", "twelve"]);
    expect(lines.join(" ")).toBe(text);
  });

  it("never splits a URL or a long word, and keeps indentation and list hangs", () => {
    const url = "https://huggingface.co/papers/2511.07327?with=a-very-long-query-string-that-goes-on";
    expect(wrapText(`  see ${url} now`, 40).split("\n")).toEqual(["  see", `  ${url}`, "  now"]);
    expect(wrapText("■ A headline that is rather too long for this", 24).split("\n")).toEqual([
      "■ A headline that is",
      "  rather too long for",
      "  this",
    ]);
    expect(wrapText("  1. Streaming Diffusion Policy: Fast", 24).split("\n")).toEqual(["  1. Streaming Diffusion", "     Policy: Fast"]);
  });

  it("keeps short lines and existing line breaks as they are, and wraps at 80 by default", () => {
    expect(wrapText("a\n\nb  c", 20)).toBe("a\n\nb  c");
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    expect(Math.max(...wrapText(long).split("\n").map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});
