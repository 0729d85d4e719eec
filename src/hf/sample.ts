// The bundled sample: a PaperSource that works with no network, for trying paperboy (`npm start -- --sample`,
// offered when Hugging Face is unreachable) and for demos. The data (sample-data.json, built by
// scripts/build-sample.ts) holds the 33 seed papers that have arXiv ids, in the real daily_papers JSON shape
// on four list dates; it goes through the same schemas and to-paper code as live data. Authors are hidden
// placeholders (the seed has only counts). Every paper carries source "sample".
import { UserError } from "../errors.js";
import type { Paper } from "../paper.js";
import sampleData from "./sample-data.json" with { type: "json" };
import { hfDailyItemSchema, parseList } from "./schemas.js";
import { votesOf, type PaperSource } from "./source.js";
import { hfItemToPaper } from "./to-paper.js";

export interface SampleSource extends PaperSource {
  /** The sample's list dates, newest first. */
  listDates(): string[];
}

function loadLists(raw: unknown): Map<string, Paper[]> {
  const lists = new Map<string, Paper[]>();
  const entries = raw !== null && typeof raw === "object" ? Object.entries(raw) : [];
  for (const [date, items] of entries) {
    const parsed = parseList(hfDailyItemSchema, items);
    if (!parsed) continue;
    const papers = parsed.items
      .map((item) => ({ ...hfItemToPaper(item, date), source: "sample" as const }))
      .sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));
    lists.set(date, papers);
  }
  return lists;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

export function createSampleSource(): SampleSource {
  const lists = loadLists((sampleData as { lists?: unknown }).lists);
  const all = [...lists.values()].flat();
  const dates = [...lists.keys()].sort().reverse();

  return {
    listDates: () => [...dates],

    async daily(date) {
      return [...(lists.get(date) ?? [])];
    },

    // The bundled lists never change: live votes find nothing to edit.
    async votes(date) {
      return (lists.get(date) ?? []).map(votesOf);
    },

    async search(query, limit = 50) {
      const wanted = [...new Set(words(query))];
      if (wanted.length === 0) return [];
      // Score = how many query words the title+abstract contain; best first, then most upvoted.
      return all
        .map((paper) => {
          const have = new Set(words(`${paper.title} ${paper.abstract}`));
          return { paper, score: wanted.filter((w) => have.has(w)).length };
        })
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score || (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0))
        .slice(0, Math.max(1, Math.min(120, limit)))
        .map((r) => r.paper);
    },

    // The sample has no trending ranking of its own: its papers by upvotes stand in (one per id), so
    // `/paper trending` and trending feeds work offline.
    async trending() {
      const seen = new Set<string>();
      return [...all].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0)).filter((p) => !seen.has(p.id) && Boolean(seen.add(p.id)));
    },

    async paper(rawId) {
      const id = rawId.trim().replace(/v\d+$/u, "");
      const found = all.find((p) => p.id === id);
      if (found) return found;
      throw new UserError(
        "paper_not_found",
        `I couldn't find arXiv paper ${id.replace(/[^\w./:-]/gu, "").slice(0, 40)} in the bundled sample. ` +
          "The sample holds only a few dozen papers; connect to Hugging Face for the rest.",
      );
    },
  };
}
