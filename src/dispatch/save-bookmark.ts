// Saving a bookmark must never fail because Hugging Face is down: the paper's details are fetched when they
// can be, and otherwise a minimal record keeps the id so nothing the user asked to save is lost.
import { UpstreamError } from "../errors.js";
import type { Paper } from "../paper.js";
import type { CoreDeps } from "../core-deps.js";
import type { BookmarkOwner } from "../store/types.js";

export async function saveBookmark(
  deps: CoreDeps,
  owner: BookmarkOwner,
  paperId: string,
): Promise<{ paper: Paper; isNew: boolean }> {
  let paper: Paper;
  try {
    paper = await deps.papers.paper(paperId);
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    deps.log.warn({ err, paperId }, "saving a bookmark without paper details: upstream unavailable");
    paper = { id: paperId, title: `arXiv ${paperId}`, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf" };
  }
  const isNew = await deps.bookmarks.add(owner, paper);
  return { paper, isNew };
}
