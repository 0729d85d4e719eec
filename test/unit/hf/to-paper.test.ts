// HF JSON → Paper: what a reader sees on a card (clean text, visible authors, organisation name, list date,
// safe links) is derived correctly from real and awkward payloads.
import { describe, expect, it } from "vitest";
import { paperSchema } from "../../../src/paper.js";
import { hfDailyItemSchema, hfPaperDetailSchema, hfPaperSchema, parseList } from "../../../src/hf/schemas.js";
import { githubUrl, hfItemToPaper, hfPaperToPaper, normalizeText, safeUrl } from "../../../src/hf/to-paper.js";
import { makeDailyItem, readJsonFixture } from "../../fixtures/hf/index.js";

const exampleDaily = () => parseList(hfDailyItemSchema, readJsonFixture("daily_papers.json"))!.items;

describe("hfItemToPaper", () => {
  it("turns the real 2509.04664 item into a clean Paper", () => {
    const item = exampleDaily().find((i) => i.paper.id === "2509.04664")!;
    const p = hfItemToPaper(item, "2025-09-08");
    expect(paperSchema.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({
      id: "2509.04664",
      title: "Why Language Models Hallucinate",
      authors: ["Adam Tauman Kalai", "Ofir Nachum", "Santosh S. Vempala", "Edwin Zhang"],
      authorCount: 4,
      listDate: "2025-09-08",
      upvotes: 26,
      numComments: 2,
      source: "hf",
      thumbnailUrl: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2509.04664.png",
    });
    expect(p.abstract).not.toMatch(/\n|  /);
    expect(p.abstract.startsWith("Like students facing hard exam questions, large language models sometimes guess")).toBe(true);
    expect(p.keywords).toContain("hallucinations");
    expect(p.aiSummary).toMatch(/^Language models produce incorrect statements/);
  });

  it("drops hidden authors from the names but still counts them", () => {
    const item = exampleDaily().find((i) => i.paper.id === "2509.99902")!;
    const p = hfItemToPaper(item);
    expect(p.authors).toEqual(["Example Author One"]);
    expect(p.authorCount).toBe(2);
  });

  it("shows the organisation's full name from either level, the item's first", () => {
    const [a, , , d] = exampleDaily();
    expect(hfItemToPaper(a!).organization).toBe("Synthetic Lab (example org)");
    expect(hfItemToPaper(d!).organization).toBe("Example University (synthetic)");
    const nameOnly = hfDailyItemSchema.parse(makeDailyItem({ id: "2601.00001", title: "x", organization: { name: "nvidia" } }));
    expect(hfItemToPaper(nameOnly).organization).toBe("nvidia");
  });

  it("takes the queried date as listDate, else the UTC date of submittedOnDailyAt", () => {
    const raw = makeDailyItem({ id: "2601.00002", title: "x", submittedOnDailyAt: "2026-01-06T03:10:00-05:00" });
    const item = hfDailyItemSchema.parse(raw);
    expect(hfItemToPaper(item, "2026-01-05").listDate).toBe("2026-01-05");
    expect(hfItemToPaper(item).listDate).toBe("2026-01-06");
    const noDate = hfPaperSchema.parse({ id: "2601.00003", title: "x", submittedOnDailyAt: "not a date" });
    expect(hfPaperToPaper(noDate).listDate).toBeUndefined();
  });

  it("normalises whitespace in titles, abstracts, names and keywords", () => {
    const item = hfDailyItemSchema.parse(
      makeDailyItem({
        id: "2601.00004",
        title: "  A\n  wrapped\ttitle ",
        summary: "line one\nline two\n\n  line three ",
        authors: [" Ada\nLovelace "],
        ai_keywords: [" deep\nlearning ", "  "],
      }),
    );
    const p = hfItemToPaper(item);
    expect(p.title).toBe("A wrapped title");
    expect(p.abstract).toBe("line one line two line three");
    expect(p.authors).toEqual(["Ada Lovelace"]);
    expect(p.keywords).toEqual(["deep learning"]);
  });

  it("makes githubRepo a full https URL whatever form HF used", () => {
    expect(githubUrl("https://github.com/lorenzflow/robust-moa")).toBe("https://github.com/lorenzflow/robust-moa");
    expect(githubUrl("lorenzflow/robust-moa")).toBe("https://github.com/lorenzflow/robust-moa");
    expect(githubUrl("github.com/o/r.git")).toBe("https://github.com/o/r");
    expect(githubUrl("http://github.com/o/r")).toBe("https://github.com/o/r");
    expect(githubUrl("javascript:alert(1)")).toBeUndefined();
    expect(githubUrl("")).toBeUndefined();
  });

  it("keeps only http(s) links and resolves HF-relative ones", () => {
    expect(safeUrl("/avatars/x.svg")).toBe("https://huggingface.co/avatars/x.svg");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    const p = hfPaperToPaper(hfPaperSchema.parse({ id: "2601.00005", title: "x", projectPage: "data:text/html,hi" }));
    expect(p.projectPage).toBeUndefined();
  });

  it("maps the paper detail body (no wrapper) too", () => {
    const p = hfPaperToPaper(hfPaperDetailSchema.parse(readJsonFixture("paper.json")));
    expect(p).toMatchObject({ id: "2509.04664", listDate: "2025-09-08", source: "hf", authorCount: 4 });
    expect(p.numComments).toBeUndefined();
  });

  it("normalizeText collapses all whitespace", () => {
    expect(normalizeText("\u00a0a \n\t b\r\n")).toBe("a b");
  });
});
