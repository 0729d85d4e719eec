// Linked repos added to a run's papers at planning: best effort within a deadline, bounded concurrency, never for
// old-style ids or arXiv-only papers, and a failing or hanging lookup leaves the card without them — never fails.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import type { Paper, PaperArtifacts } from "../../../src/paper.js";
import { createArtifactEnricher } from "../../../src/schedule/enrich-artifacts.js";
import { makePaper } from "../format/make-paper.js";

const artifacts: PaperArtifacts = {
  models: { total: 2, top: [{ id: "org/a", likes: 3 }] },
  datasets: { total: 0, top: [] },
  spaces: { total: 0, top: [] },
};

function source(behave: (id: string) => Promise<Paper>) {
  const asked: string[] = [];
  let active = 0;
  let peak = 0;
  return {
    asked,
    peak: () => peak,
    papers: {
      paper: async (id: string) => {
        asked.push(id);
        active += 1;
        peak = Math.max(peak, active);
        try {
          return await behave(id);
        } finally {
          active -= 1;
        }
      },
    },
  };
}

describe("createArtifactEnricher", () => {
  it("adds artifacts from the paper lookup, keeps order and list facts, skips old-style and arXiv-only papers", async () => {
    const s = source(async (id) => makePaper({ id, upvotes: 999, artifacts }));
    const enrich = createArtifactEnricher({ papers: s.papers, log: silentLogger, concurrency: 2 });
    const input = [
      makePaper({ id: "2601.00001", upvotes: 5, numComments: 7 }),
      makePaper({ id: "hep-th/9901001" }),
      makePaper({ id: "2601.00002", source: "arxiv" }),
      makePaper({ id: "2601.00003" }),
      makePaper({ id: "2601.00004" }),
    ];
    const out = await enrich(input);
    expect(out.map((p) => p.id)).toEqual(input.map((p) => p.id));
    expect(out[0]).toEqual({ ...input[0], artifacts }); // upvotes and comments stay the list's
    expect(out[1]?.artifacts).toBeUndefined();
    expect(out[2]?.artifacts).toBeUndefined();
    expect(s.asked).toEqual(["2601.00001", "2601.00003", "2601.00004"]);
    expect(s.peak()).toBeLessThanOrEqual(2);
    expect(input[0]?.artifacts).toBeUndefined(); // the planned papers are not mutated
  });

  it("a failing lookup or one outliving the deadline leaves those cards without artifacts", async () => {
    const s = source((id) =>
      id === "2601.00001" ? Promise.reject(new Error("HF down")) : id === "2601.00002" ? new Promise<Paper>(() => {}) : Promise.resolve(makePaper({ id, artifacts })),
    );
    const enrich = createArtifactEnricher({ papers: s.papers, log: silentLogger, deadlineMs: 50, concurrency: 1 });
    const out = await enrich(["2601.00001", "2601.00002", "2601.00003"].map((id) => makePaper({ id })));
    // The hanging lookup used up the run's deadline: the third is asked (filling the cache) but not waited for.
    expect(out.map((p) => p.artifacts !== undefined)).toEqual([false, false, false]);
    expect(s.asked).toEqual(["2601.00001", "2601.00002", "2601.00003"]);
  });

  it("a lookup's deadline runs from its first ask: later runs neither wait for it again nor ask again", async () => {
    let now = 0;
    const s = source((id) => (id === "2601.00002" ? new Promise<Paper>(() => {}) : Promise.resolve(makePaper({ id, artifacts }))));
    const enrich = createArtifactEnricher({ papers: s.papers, log: silentLogger, deadlineMs: 50, rememberMs: 60_000, clock: () => now });
    const list = ["2601.00001", "2601.00002"].map((id) => makePaper({ id }));
    expect((await enrich(list)).map((p) => p.artifacts !== undefined)).toEqual([true, false]);
    now = 1_000; // the hanging lookup's deadline (50) is long past: this run does not wait for it
    expect((await enrich(list)).map((p) => p.artifacts !== undefined)).toEqual([true, false]);
    expect(s.asked).toEqual(["2601.00001", "2601.00002"]);
    now = 61_000; // remembered outcomes expire: asked again
    await enrich([makePaper({ id: "2601.00001" })]);
    expect(s.asked).toEqual(["2601.00001", "2601.00002", "2601.00001"]);
  });
});
