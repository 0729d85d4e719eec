// "For you" ranking: BM25 similarity (MiniSearch's BM25+) between each candidate paper and the papers a user
// saved or dismissed, over title, HF ai_keywords and abstract. All in-process and offline: the index is built
// from the candidate list once and queried with each profile paper's own text; nothing is sent anywhere.
import MiniSearch from "minisearch";
import type { Paper } from "../paper.js";
import { STOP_WORDS } from "./stop-words.js";

/** How much a dismissed paper's similarity weighs against a saved one's (see README "Recommendations"). */
export const DISMISS_WEIGHT = 0.7;
/** Share of the score that rewards matching several saved papers, not only the closest one. */
const BREADTH_WEIGHT = 0.5;
/**
 * Terms per profile-paper query, picked like Lucene's MoreLikeThis picks them: terms no other candidate has
 * cannot match, and terms most candidates have say little and cost time walking long posting lists.
 */
const QUERY_TERMS = 25;
/** A term must be in at least this many candidates (besides the paper itself)… */
const MIN_SHARED = 2;
/** …and in at most this share of them. */
const COMMON_SHARE = 0.4;

export interface Recommendation {
  paper: Paper;
  /** The saved paper this one is most similar to; absent for cold-start (most upvoted) picks. */
  because?: Paper;
  score: number;
}

export interface Profile {
  saved: readonly Paper[];
  dismissed: readonly Paper[];
}

/** A candidate set indexed once, ranked many times (one index per day's candidate pool). */
export interface CandidateIndex {
  readonly papers: readonly Paper[];
  /** Candidates by similarity to `profile`, best first, without saved or dismissed papers. */
  rank(profile: Profile, count: number): Recommendation[];
}

// MiniSearch's own tokenizer rule (Unicode spaces and punctuation), so the query splits like the index.
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  return t.length < 2 || STOP_WORDS.has(t) ? null : t;
}

/** A paper's distinct index terms, title and keywords first. */
function termsOf(paper: Paper): string[] {
  const words = `${paper.title} ${paper.keywords.join(" ")} ${paper.abstract}`.split(SPACE_OR_PUNCTUATION);
  return [...new Set(words.map(processTerm).filter((w): w is string => w !== null))];
}

export function createCandidateIndex(candidates: readonly Paper[]): CandidateIndex {
  const papers = dedupe(candidates);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const index = new MiniSearch<Paper>({
    fields: ["title", "keywords", "abstract"],
    idField: "id",
    extractField: (doc, field) => (field === "keywords" ? doc.keywords.join(" ") : String(doc[field as keyof Paper] ?? "")),
    processTerm,
    searchOptions: { boost: { title: 2, keywords: 2 }, combineWith: "OR" },
  });
  index.addAll(papers);
  // Document frequency of each term, to pick the telling terms of a query paper.
  const docFreq = new Map<string, number>();
  for (const paper of papers) for (const term of termsOf(paper)) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);

  const commonAt = Math.max(MIN_SHARED, papers.length * COMMON_SHARE);
  /**
   * The query that stands for `paper`: its first QUERY_TERMS terms (title and keywords come first) that other
   * candidates share but that are not common to many of them.
   */
  function queryText(paper: Paper): string {
    const telling = termsOf(paper).filter((t) => {
      const df = (docFreq.get(t) ?? 0) - (byId.has(paper.id) ? 1 : 0);
      return df >= MIN_SHARED - 1 && df <= commonAt;
    });
    return telling.slice(0, QUERY_TERMS).join(" ");
  }

  /** Similarity of every candidate to `paper`, scaled so its best match (other than itself) is 1. */
  function similarities(paper: Paper, excluded: ReadonlySet<string>): Map<string, number> {
    const hits = index.search(queryText(paper)).filter((h) => !excluded.has(String(h.id)));
    const top = hits[0]?.score ?? 0;
    return new Map(top > 0 ? hits.map((h) => [String(h.id), h.score / top]) : []);
  }

  return {
    papers,
    rank(profile, count) {
      const excluded = new Set([...profile.saved, ...profile.dismissed].map((p) => p.id));
      const scores = new Map<string, { best: number; sum: number; because?: Paper; minus: number }>();
      const entry = (id: string) => {
        let e = scores.get(id);
        if (!e) scores.set(id, (e = { best: 0, sum: 0, minus: 0 }));
        return e;
      };
      for (const saved of profile.saved) {
        for (const [id, s] of similarities(saved, excluded)) {
          const e = entry(id);
          e.sum += s;
          if (s > e.best) Object.assign(e, { best: s, because: saved });
        }
      }
      for (const dismissed of profile.dismissed) {
        for (const [id, s] of similarities(dismissed, excluded)) {
          const e = entry(id);
          e.minus = Math.max(e.minus, s);
        }
      }
      const n = Math.max(1, profile.saved.length);
      const ranked: Recommendation[] = [];
      for (const paper of papers) {
        if (excluded.has(paper.id)) continue;
        const e = scores.get(paper.id);
        const score = e ? (1 - BREADTH_WEIGHT) * e.best + (BREADTH_WEIGHT * e.sum) / n - DISMISS_WEIGHT * e.minus : 0;
        ranked.push({ paper, score, ...(e?.because && e.best > 0 ? { because: e.because } : {}) });
      }
      // Ties (e.g. no overlap at all) go to the more upvoted paper, so the tail is still sensible.
      ranked.sort((a, b) => b.score - a.score || (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0));
      return ranked.slice(0, Math.max(0, count));
    },
  };
}

/** The most upvoted candidates, for users with too few bookmarks to rank by. */
export function mostUpvoted(candidates: readonly Paper[], excluded: ReadonlySet<string>, count: number): Recommendation[] {
  return dedupe(candidates)
    .filter((p) => !excluded.has(p.id))
    .sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0))
    .slice(0, Math.max(0, count))
    .map((paper) => ({ paper, score: 0 }));
}

/** One entry per arXiv id (a paper can sit on two daily lists); the first (newest list) wins. */
function dedupe(papers: readonly Paper[]): Paper[] {
  const seen = new Set<string>();
  return papers.filter((p) => !seen.has(p.id) && (seen.add(p.id), true));
}
