// Live votes on the fake Hugging Face: people upvote, comment and star after paperboy posted. setVotes changes a
// paper's counts everywhere the fake serves it (every daily list it is on, and its /api/papers/{id} body).
import type { FakeHf, JsonObject } from "./fake-hf.js";

export interface Votes {
  upvotes?: number;
  numComments?: number;
  githubStars?: number;
}

/** Sets the counts of paper `id`; returns how many list items changed. */
export function setVotes(hf: FakeHf, id: string, votes: Votes): number {
  let changed = 0;
  for (const items of Object.values(hf.data.daily)) {
    for (const item of items) {
      const paper = item.paper as JsonObject | undefined;
      if (paper?.id !== id) continue;
      if (votes.upvotes !== undefined) paper.upvotes = votes.upvotes;
      if (votes.githubStars !== undefined) paper.githubStars = votes.githubStars;
      if (votes.numComments !== undefined) item.numComments = votes.numComments;
      changed += 1;
    }
  }
  const detail = hf.data.papers[id];
  if (detail) {
    if (votes.upvotes !== undefined) detail.upvotes = votes.upvotes;
    if (votes.githubStars !== undefined) detail.githubStars = votes.githubStars;
  }
  return changed;
}
