// What the core needs from "where papers come from". The Hugging Face client (with its cache and arXiv
// fallback) implements it; so does the bundled sample used by `npm start -- --sample`.
import type { Paper } from "../paper.js";

export interface PaperSource {
  /**
   * Every paper on the Daily Papers list of `date` (YYYY-MM-DD), all pages fetched, most upvoted first.
   * An empty array is a real answer (weekends). Throws UpstreamError when Hugging Face fails.
   */
  daily(date: string): Promise<Paper[]>;
  /** Hugging Face paper search (hybrid full-text/semantic), best match first, at most `limit` (≤ 120). */
  search(query: string, limit?: number): Promise<Paper[]>;
  /**
   * One paper by arXiv id without version. Hugging Face first; on an HF 404 the arXiv API.
   * Throws UserError("paper_not_found") when neither knows it, UpstreamError when they fail.
   */
  paper(id: string): Promise<Paper>;
  /**
   * Hugging Face's list for an ISO week (`2026-W48`, W01–W52 only: HF rejects W53), all pages, most upvoted
   * first. Optional: a source without it has weekly feeds built from the daily lists.
   */
  week?(week: string): Promise<Paper[]>;
  /** The list for a month (`2026-11`), all pages, most upvoted first. Optional like week. */
  month?(month: string): Promise<Paper[]>;
  /** Hugging Face's trending ranking right now (`sort=trending`), in HF's order. Optional like week. */
  trending?(): Promise<Paper[]>;
  /**
   * The current counts of every paper on the list of `date`, fresh within minutes (live votes): unlike daily(),
   * never the 30-day copy of a closed list. Optional: a source without it has no live votes.
   */
  votes?(date: string): Promise<PaperVotes[]>;
}

/** The counts a paper card shows that change after posting. */
export interface PaperVotes {
  id: string;
  upvotes?: number | undefined;
  numComments?: number | undefined;
  githubStars?: number | undefined;
}

/** The counts of a paper, as PaperVotes. */
export const votesOf = (p: Paper): PaperVotes => ({ id: p.id, upvotes: p.upvotes, numComments: p.numComments, githubStars: p.githubStars });
