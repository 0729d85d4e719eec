// rankForUser: the one entry point for "for you" ranking (the /paper foryou command, and a personal digest
// ranked `rank=foryou`). It reads the owner's bookmarks and "Not for me" feedback and ranks the candidates;
// with fewer than COLD_START_BOOKMARKS bookmarks it falls back to the most upvoted candidates.
import type { Paper } from "../paper.js";
import type { BookmarkOwner, BookmarkRepo } from "../store/types.js";
import type { FeedbackRepo } from "./feedback.js";
import { createCandidateIndex, mostUpvoted, type CandidateIndex, type Recommendation } from "./rank.js";

export const COLD_START_BOOKMARKS = 3;
/** Newest bookmarks and dismissals that shape the ranking: one BM25 query each keeps a call fast. */
export const PROFILE_LIMIT = 30;

export interface RankForUserDeps {
  bookmarks: Pick<BookmarkRepo, "list">;
  feedback: Pick<FeedbackRepo, "dismissed">;
}

export interface RankedForUser {
  /** True when the owner has too few bookmarks and the list is simply the most upvoted. */
  coldStart: boolean;
  recommendations: Recommendation[];
}

/**
 * The best `count` of `candidates` for `owner`, leaving out papers they saved or dismissed. Pass a prebuilt
 * CandidateIndex when ranking the same candidates for many users; a plain array is indexed on the spot.
 */
export async function rankForUser(
  deps: RankForUserDeps,
  owner: BookmarkOwner,
  candidates: readonly Paper[] | CandidateIndex,
  count: number,
): Promise<RankedForUser> {
  const [bookmarks, dismissed] = await Promise.all([deps.bookmarks.list(owner), deps.feedback.dismissed(owner)]);
  const saved = bookmarks.map((b) => b.paper);
  const isIndex = !Array.isArray(candidates);
  if (saved.length < COLD_START_BOOKMARKS) {
    const papers = isIndex ? (candidates as CandidateIndex).papers : (candidates as readonly Paper[]);
    const excluded = new Set([...saved, ...dismissed].map((p) => p.id));
    return { coldStart: true, recommendations: mostUpvoted(papers, excluded, count) };
  }
  const index = isIndex ? (candidates as CandidateIndex) : createCandidateIndex(candidates as readonly Paper[]);
  // Every saved or dismissed paper stays excluded; only the newest shape the scores.
  const profile = { saved: saved.slice(0, PROFILE_LIMIT), dismissed: dismissed.slice(0, PROFILE_LIMIT) };
  const excluded = new Set([...saved, ...dismissed].map((p) => p.id));
  const ranked = index.rank(profile, count + excluded.size).filter((r) => !excluded.has(r.paper.id));
  return { coldStart: false, recommendations: ranked.slice(0, count) };
}
