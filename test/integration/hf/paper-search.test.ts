// One paper (HF first, arXiv when HF does not know it, arXiv only for old-style ids, a plain "not found"
// otherwise) and search, against the fake HF + arXiv server.
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamError, UserError } from "../../../src/errors.js";
import { ARXIV_ERROR_ID, ARXIV_ONLY_ID, OLD_STYLE_ID } from "../../fixtures/hf/index.js";
import { createHarness, type Harness } from "./setup.js";

let h: Harness;
afterEach(async () => h?.fake.close());

const NOT_FOUND = (id: string) =>
  `I couldn't find arXiv paper ${id} on Hugging Face or arXiv. Check the id — it looks like 2401.01234.`;

describe("paper(id)", () => {
  it("reads a paper Hugging Face knows, version stripped, and caches it", async () => {
    h = await createHarness();
    const p = await h.client.paper("2509.04664v2");
    expect(p).toMatchObject({ id: "2509.04664", title: "Why Language Models Hallucinate", source: "hf", listDate: "2025-09-08" });
    await h.client.paper("2509.04664");
    expect(h.fake.requests.map((r) => r.path)).toEqual(["/api/papers/2509.04664"]);
  });

  it("falls back to arXiv on an HF 404", async () => {
    h = await createHarness();
    const p = await h.client.paper(ARXIV_ONLY_ID);
    expect(p).toMatchObject({
      id: ARXIV_ONLY_ID,
      title: "SYNTHETIC FIXTURE: A Paper Only arXiv Knows",
      authors: ["Fixture Author One", "Fixture Author Two"],
      source: "arxiv",
    });
    expect(h.fake.requests.map((r) => r.path)).toEqual([`/api/papers/${ARXIV_ONLY_ID}`, "/arxiv/api/query"]);
    expect(h.fake.requests[1]?.query).toEqual({ id_list: ARXIV_ONLY_ID });
  });

  it("goes straight to arXiv for an old-style id", async () => {
    h = await createHarness();
    const p = await h.client.paper(`${OLD_STYLE_ID}v1`);
    expect(p).toMatchObject({ id: OLD_STYLE_ID, source: "arxiv" });
    expect(h.fake.count("/api/")).toBe(0);
    expect(h.fake.count("/arxiv/")).toBe(1);
  });

  it("says plainly when neither knows the id (arXiv error feed)", async () => {
    h = await createHarness();
    const err = await h.client.paper(ARXIV_ERROR_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: "paper_not_found", message: NOT_FOUND(ARXIV_ERROR_ID) });
  });

  it("says plainly when neither knows the id (empty arXiv feed), and remembers it for a while", async () => {
    h = await createHarness();
    await expect(h.client.paper("2401.99998")).rejects.toMatchObject({ message: NOT_FOUND("2401.99998") });
    await expect(h.client.paper("2401.99998")).rejects.toBeInstanceOf(UserError);
    expect(h.fake.requests).toHaveLength(2);
  });

  it("rejects something that is not an arXiv id without asking anyone", async () => {
    h = await createHarness();
    await expect(h.client.paper("@everyone <script>")).rejects.toMatchObject({ code: "paper_not_found" });
    const msg = await h.client.paper("@everyone").catch((e: Error) => e.message);
    expect(msg).not.toContain("@");
    expect(h.fake.requests).toHaveLength(0);
  });

  it("surfaces an HF outage as UpstreamError rather than pretending the paper is missing", async () => {
    h = await createHarness({ retry: { retries: 1, baseDelayMs: 5 } });
    h.fake.setFault("/api/papers/", { status: 503 });
    await expect(h.client.paper("2509.04664")).rejects.toMatchObject({ service: "huggingface", status: 503 });
  });

  it("surfaces an arXiv outage as UpstreamError from arxiv", async () => {
    h = await createHarness({ retry: { retries: 1, baseDelayMs: 5 } });
    h.fake.setFault("/arxiv/", { status: 503 });
    const err = await h.client.paper(OLD_STYLE_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ service: "arxiv", status: 503 });
  });

  it("spaces arXiv requests out and sends them one at a time", async () => {
    h = await createHarness({ arxivIntervalMs: 250 });
    const started = Date.now();
    await Promise.all([h.client.paper(OLD_STYLE_ID), h.client.paper(ARXIV_ONLY_ID), h.client.paper("2401.99997").catch(() => null)]);
    expect(h.fake.count("/arxiv/")).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
  });
});

describe("search(q, limit)", () => {
  it("returns HF's matches as Papers and passes the limit", async () => {
    h = await createHarness();
    const hits = await h.client.search("kazakh", 2);
    expect(hits.map((p) => p.id)).toEqual(["2404.04487", "2403.19399"]);
    expect(hits[0]).toMatchObject({ title: "KazQAD: Kazakh Open-Domain Question Answering Dataset", source: "hf" });
    expect(h.fake.requests[0]?.query).toEqual({ q: "kazakh", limit: "2" });
  });

  it("caches a search and caps the query at 250 characters", async () => {
    h = await createHarness();
    await h.client.search("diffusion policy");
    await h.client.search("Diffusion  Policy");
    expect(h.fake.count("/api/papers/search")).toBe(1);
    await h.client.search("x".repeat(400), 500);
    const last = h.fake.requests.at(-1);
    expect(last?.query.q).toHaveLength(250);
    expect(last?.query.limit).toBe("120");
  });

  it("answers an empty query with [] without asking HF", async () => {
    h = await createHarness();
    expect(await h.client.search("   ")).toEqual([]);
    expect(h.fake.requests).toHaveLength(0);
  });
});
