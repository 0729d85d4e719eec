// The HF schemas accept what Hugging Face really sends: the captured examples, payloads with only the
// required keys, extra keys, nulls, both username spellings, and the old flat search shape.
import { describe, expect, it } from "vitest";
import {
  hfDailyItemSchema,
  hfPaperDetailSchema,
  hfPaperSchema,
  hfSearchItemSchema,
  parseList,
} from "../../../src/hf/schemas.js";
import { readJsonFixture } from "../../fixtures/hf/index.js";

const minimalPaper = {
  id: "2501.00001",
  title: "T",
  summary: "S",
  authors: [{ _id: "a", name: "A", hidden: false }],
  publishedAt: "2025-01-01T00:00:00.000Z",
  upvotes: 0,
  discussionId: "d",
};
const minimalUser = { _id: "u", avatarUrl: "/avatars/x.svg", fullname: "F", isPro: false, name: "n", type: "user" };
const minimalDaily = {
  paper: minimalPaper,
  publishedAt: "2025-01-01T00:00:00.000Z",
  title: "T",
  summary: "S",
  thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png",
  numComments: 0,
  submittedBy: minimalUser,
  isAuthorParticipating: false,
};

describe("HF schemas", () => {
  it("parse every item of the three captured example files", () => {
    const daily = parseList(hfDailyItemSchema, readJsonFixture("daily_papers.json"));
    const search = parseList(hfSearchItemSchema, readJsonFixture("search.json"));
    expect(daily).toMatchObject({ dropped: 0 });
    expect(daily?.items).toHaveLength(5);
    expect(search).toMatchObject({ dropped: 0 });
    expect(search?.items.map((i) => i.paper.id)).toEqual(["2404.04487", "2403.19399", "2403.19335"]);
    const detail = hfPaperDetailSchema.parse(readJsonFixture("paper.json"));
    expect(detail.id).toBe("2509.04664");
    expect(detail.authors).toHaveLength(4);
  });

  it("accept payloads with only the required keys", () => {
    expect(hfDailyItemSchema.safeParse(minimalDaily).success).toBe(true);
    expect(hfSearchItemSchema.safeParse({ ...minimalDaily, submittedBy: undefined }).success).toBe(true);
    expect(hfPaperSchema.safeParse({ id: "2501.00001", title: "Only id and title" }).success).toBe(true);
  });

  it("keep extra keys and treat null as absent", () => {
    const item = hfDailyItemSchema.parse({
      ...minimalDaily,
      brandNewField: { x: 1 },
      organization: null,
      paper: { ...minimalPaper, githubRepo: null, ai_keywords: null, organization: null, source: null, futureKey: 3 },
    });
    expect(item.organization).toBeUndefined();
    expect(item.paper.githubRepo).toBeUndefined();
    expect(item.paper.ai_keywords).toBeUndefined();
    expect((item as Record<string, unknown>).brandNewField).toEqual({ x: 1 });
    expect((item.paper as Record<string, unknown>).futureKey).toBe(3);
  });

  it("read users with `user` only (2024–25), `name` only, or both, and relative avatar URLs", () => {
    const withUser = { ...minimalUser, name: undefined, user: "old-style" };
    const item = hfDailyItemSchema.parse({ ...minimalDaily, submittedBy: withUser });
    expect(item.submittedBy?.user).toBe("old-style");
    expect(item.submittedBy?.avatarUrl).toBe("/avatars/x.svg");
  });

  it("drop an optional field of the wrong type instead of rejecting the paper", () => {
    const p = hfPaperSchema.parse({ ...minimalPaper, githubStars: "lots", upvotes: "7", projectPage: 42 });
    expect(p.githubStars).toBeUndefined();
    expect(p.upvotes).toBeUndefined();
    expect(p.projectPage).toBeUndefined();
  });

  it("drop one malformed author, not all of them", () => {
    const p = hfPaperSchema.parse({ ...minimalPaper, authors: [{ name: "Kept", hidden: false }, { _id: "no-name" }, null] });
    expect(p.authors?.map((a) => a.name)).toEqual(["Kept"]);
  });

  it("accept the 2024 flat search shape {id, title, thumbnailUrl}", () => {
    const item = hfSearchItemSchema.parse({ id: "2409.00001", title: "Flat", thumbnailUrl: "https://x/y.png", source: "arxiv" });
    expect(item.paper.id).toBe("2409.00001");
    expect(item.paper.title).toBe("Flat");
  });

  it("parseList drops items without an id and rejects non-arrays", () => {
    const r = parseList(hfDailyItemSchema, [minimalDaily, { paper: { title: "no id" } }, "junk"]);
    expect(r?.items).toHaveLength(1);
    expect(r?.dropped).toBe(2);
    expect(parseList(hfDailyItemSchema, { error: "Invalid date" })).toBeUndefined();
  });
});
