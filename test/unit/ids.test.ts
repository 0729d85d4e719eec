import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { extractPaperRefs, isNewStyleId, parsePaperRef, tryParsePaperRef } from "../../src/ids.js";

describe("parsePaperRef", () => {
  it.each([
    ["2401.01234", { id: "2401.01234" }],
    ["2401.01234v2", { id: "2401.01234", version: 2 }],
    ["arXiv:2401.01234", { id: "2401.01234" }],
    ["ARXIV: 2401.01234v11", { id: "2401.01234", version: 11 }],
    ["0704.0001", { id: "0704.0001" }],
    ["1412.9999v1", { id: "1412.9999", version: 1 }],
    ["1501.00001", { id: "1501.00001" }],
    ["hep-th/9901001", { id: "hep-th/9901001" }],
    ["math.GT/0309136v2", { id: "math/0309136", version: 2 }],
    ["cond-mat/0702661v2", { id: "cond-mat/0702661", version: 2 }],
    ["math/0611800", { id: "math/0611800" }],
    ["HEP-TH/9901001", { id: "hep-th/9901001" }],
    ["  2401.01234\n", { id: "2401.01234" }],
    ["<2401.01234>", { id: "2401.01234" }],
  ])("reads the id %j", (input, expected) => {
    expect(parsePaperRef(input)).toEqual(expected);
  });

  it.each([
    ["https://arxiv.org/abs/2401.01234", { id: "2401.01234" }],
    ["https://arxiv.org/abs/2401.01234v3", { id: "2401.01234", version: 3 }],
    ["http://arxiv.org/abs/2401.01234?context=cs.CL#abstract", { id: "2401.01234" }],
    ["https://arxiv.org/abs/2401.01234/", { id: "2401.01234" }],
    ["https://arxiv.org/pdf/2401.01234", { id: "2401.01234" }],
    ["https://arxiv.org/pdf/2401.01234v2.pdf", { id: "2401.01234", version: 2 }],
    ["https://arxiv.org/html/2401.01234v2#S3.SS1", { id: "2401.01234", version: 2 }],
    ["https://arxiv.org/html/2401.01234v2/", { id: "2401.01234", version: 2 }],
    ["https://export.arxiv.org/abs/2401.01234?fmt=txt", { id: "2401.01234" }],
    ["https://www.arxiv.org/abs/2401.01234", { id: "2401.01234" }],
    ["https://browse.arxiv.org/abs/2401.01234", { id: "2401.01234" }],
    ["arxiv.org/abs/2401.01234", { id: "2401.01234" }],
    ["https://arxiv.org/abs/hep-th/9901001v1", { id: "hep-th/9901001", version: 1 }],
    ["https://arxiv.org/pdf/math.GT/0309136.pdf", { id: "math/0309136" }],
    ["https://ar5iv.labs.arxiv.org/html/2401.01234", { id: "2401.01234" }],
    ["https://ar5iv.org/abs/2401.01234", { id: "2401.01234" }],
    ["https://huggingface.co/papers/2401.01234", { id: "2401.01234" }],
    ["https://huggingface.co/papers/2401.01234.md", { id: "2401.01234" }],
    ["huggingface.co/papers/2401.01234#community", { id: "2401.01234" }],
    ["https://hf.co/papers/2401.01234", { id: "2401.01234" }],
    ["https://www.alphaxiv.org/abs/2401.01234v2", { id: "2401.01234", version: 2 }],
    ["alphaxiv.org/abs/2401.01234.md", { id: "2401.01234" }],
    ["https://alphaxiv.org/overview/2401.01234", { id: "2401.01234" }],
    ["www.alphaxiv.org/overview/2401.01234v1", { id: "2401.01234", version: 1 }],
    ["<https://arxiv.org/abs/2401.01234>", { id: "2401.01234" }],
    ["<https://arxiv.org/abs/2401.01234|arxiv.org/abs/2401.01234>", { id: "2401.01234" }],
    ["<https://huggingface.co/papers/2401.01234|a paper>", { id: "2401.01234" }],
    ["https://arxiv.org/abs/2401.01234.", { id: "2401.01234" }],
  ])("reads the link %j", (input, expected) => {
    expect(parsePaperRef(input)).toEqual(expected);
  });

  it.each([
    "foo",
    "",
    "   ",
    "2401.1234", // 2015+ ids have 5-digit sequence numbers
    "1412.12345", // …and 2007–2014 ones 4
    "2413.01234", // month 13
    "0612.0001", // new scheme starts in April 2007
    "2401.01234v0",
    "foo/9901001", // not an arXiv archive
    "hep-th/0801001", // the old scheme ended in March 2007
    "https://evil.example/abs/2401.01234",
    "https://arxiv.org/list/cs.CL/recent",
    "https://huggingface.co/papers/date/2025-09-08",
    "https://huggingface.co/papers",
    "javascript:alert(1)",
    "ftp://arxiv.org/abs/2401.01234",
    "2401.01234 and 2401.01235",
  ])("refuses %j in plain words with an example", (input) => {
    const err = (() => {
      try {
        parsePaperRef(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe("bad_paper_ref");
    expect((err as UserError).message).toContain("2511.07327");
    expect((err as UserError).message).toContain("https://arxiv.org/abs/");
  });

  it("quotes the bad input back, shortened and without control characters", () => {
    const hostile = `\u0007@everyone <!channel>\u202e${"x".repeat(500)}`;
    const message = (() => {
      try {
        parsePaperRef(hostile);
        return "";
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/^I can't read "@everyone <!channel>x+…" as an arXiv paper\./);
    // eslint-disable-next-line no-control-regex -- asserting there are none
    expect(message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(message.length).toBeLessThan(200);
  });

  it("tryParsePaperRef answers undefined instead of throwing", () => {
    expect(tryParsePaperRef("nope")).toBeUndefined();
    expect(tryParsePaperRef("2401.01234v2")).toEqual({ id: "2401.01234", version: 2 });
  });
});

describe("isNewStyleId", () => {
  it("tells ids Hugging Face can show from old-style ones", () => {
    expect(isNewStyleId("2401.01234")).toBe(true);
    expect(isNewStyleId("0704.0001")).toBe(true);
    expect(isNewStyleId("hep-th/9901001")).toBe(false);
    expect(isNewStyleId("2401.01234v2")).toBe(false);
  });
});

describe("extractPaperRefs", () => {
  it("finds links and ids in a chat message, each once, in order", () => {
    const text =
      "Have you seen <https://huggingface.co/papers/2509.04664|this one>? Also arXiv:hep-th/9901001v2, " +
      "https://arxiv.org/pdf/2401.01234v3.pdf and again 2509.04664.";
    expect(extractPaperRefs(text)).toEqual(["2509.04664", "hep-th/9901001", "2401.01234"]);
  });

  it("ignores numbers, versions and other sites that only look like ids", () => {
    const text =
      "v1.2.3 costs 2023.12345 dollars at 12:30, see https://example.com/abs/2401.01234 or a/9901001, ip 10.1.2401.01234";
    expect(extractPaperRefs(text)).toEqual([]);
  });

  it("finds bare links without a scheme and ids in parentheses", () => {
    expect(extractPaperRefs("(2401.01234) and hf.co/papers/2402.00001, alphaxiv.org/overview/2403.00002")).toEqual([
      "2401.01234",
      "2402.00001",
      "2403.00002",
    ]);
  });

  it.each([
    ["repeated id prefixes", `${"2401.".repeat(20_000)} ${"https://arxiv.org/abs/".repeat(2_000)}`],
    ["one endless word", "a".repeat(100_000)],
    ["hyphenated endless word", `${"a-".repeat(50_000)}/`],
    ["dotted host-like run", "a.".repeat(50_000)],
    ["angle brackets", "<".repeat(100_000)],
    ["schemes", "https://".repeat(10_000)],
  ])("answers quickly on hostile text (%s)", (_name, text) => {
    const start = performance.now();
    expect(extractPaperRefs(text)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it("parsePaperRef answers quickly on a 100,000-character input", () => {
    const start = performance.now();
    expect(tryParsePaperRef(`https://arxiv.org/abs/${"1".repeat(100_000)}`)).toBeUndefined();
    expect(tryParsePaperRef("a-".repeat(50_000))).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(500);
  });
});
