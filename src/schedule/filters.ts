// A subscription's paper filters: minimum upvotes, keywords with negatives (`diffusion, -survey`: any positive
// term must match, no negative may), organisations, then the top N by upvotes. Matching is case-insensitive
// on whole words or phrases (plurals included) in the title, abstract, AI summary and Hugging Face keywords.
import type { Paper } from "../paper.js";
import type { Subscription } from "../store/subscriptions.js";

export type PaperFilter = Pick<Subscription, "top" | "minUpvotes" | "keywords" | "organizations">;

/** Splits typed keywords (`diffusion, -survey; "world model"`) into clean terms; "-" marks a negative. */
export function parseKeywords(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((t) => t.replace(/["“”]/g, "").replace(/\s+/g, " ").trim())
    .filter((t) => t !== "" && t !== "-")
    .map((t) => (t.startsWith("-") ? `-${t.slice(1).trim()}` : t))
    .filter((t) => t !== "-")
    .slice(0, 25);
}

/** Splits a comma-separated organisation list. */
export function parseOrganizations(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((t) => t.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function termMatcher(term: string): (haystack: string) => boolean {
  // Whole words (plural allowed), so "llm" matches "LLMs" and "LLM-based" but not "allmighty".
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(term.toLowerCase())}(e?s)?($|[^\\p{L}\\p{N}])`, "u");
  return (haystack) => re.test(haystack);
}

function haystackOf(paper: Paper): string {
  return [paper.title, paper.abstract, paper.aiSummary ?? "", paper.keywords.join(" | ")].join("\n").toLowerCase();
}

/** True when `paper` passes every filter except the top-N cut. */
export function createPaperPredicate(filter: PaperFilter): (paper: Paper) => boolean {
  const positives = filter.keywords.filter((k) => !k.startsWith("-")).map(termMatcher);
  const negatives = filter.keywords.filter((k) => k.startsWith("-")).map((k) => termMatcher(k.slice(1)));
  const orgs = filter.organizations.map((o) => o.toLowerCase());
  return (paper) => {
    if ((paper.upvotes ?? 0) < filter.minUpvotes) return false;
    if (orgs.length > 0) {
      const org = paper.organization?.toLowerCase() ?? "";
      if (!orgs.some((o) => org.includes(o))) return false;
    }
    const text = haystackOf(paper);
    if (positives.length > 0 && !positives.some((m) => m(text))) return false;
    return !negatives.some((m) => m(text));
  };
}

/** The papers a post with these filters shows: filtered, most upvoted first, at most `top`, no repeats. */
export function selectPapers(papers: readonly Paper[], filter: PaperFilter): Paper[] {
  const keep = createPaperPredicate(filter);
  const seen = new Set<string>();
  return papers
    .filter((p) => {
      if (seen.has(p.id) || !keep(p)) return false;
      seen.add(p.id);
      return true;
    })
    .map((paper, index) => ({ paper, index }))
    .sort((a, b) => (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) || a.index - b.index)
    .slice(0, filter.top)
    .map((x) => x.paper);
}
