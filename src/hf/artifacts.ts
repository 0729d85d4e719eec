// Linked repos (HF JSON) → the neutral PaperArtifacts: per kind the top 3 by likes and the total. Repo ids are
// untrusted: one that is not a plain HF repo id (owner/name of letters, digits, `-_.`) is dropped here, so no
// later step ever builds a URL or a link label from it. Private repos are never listed.
import { HF_REPO_ID, type LinkedRepo, type PaperArtifacts } from "../paper.js";
import type { HfArxivRepos, HfLinkedRepo, HfPaperDetail } from "./schemas.js";

export const TOP_ARTIFACTS = 3;

/** The repos of one kind as HF lists them, and HF's total when it gives one. */
interface RawKind {
  repos: HfLinkedRepo[] | undefined;
  total: number | undefined;
}

function topOf({ repos, total }: RawKind): PaperArtifacts["models"] {
  const valid = (repos ?? []).filter((r) => r.private !== true && HF_REPO_ID.test(r.id.trim()));
  const seen = new Set<string>();
  const distinct = valid.filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
  // Array.prototype.sort is stable: equal likes keep HF's order.
  const top: LinkedRepo[] = distinct
    .sort((a, b) => (b.likes ?? 0) - (a.likes ?? 0))
    .slice(0, TOP_ARTIFACTS)
    .map((r) => ({ id: r.id.trim(), ...(r.likes !== undefined && r.likes >= 0 ? { likes: Math.round(r.likes) } : {}) }));
  const reported = total !== undefined && Number.isFinite(total) && total >= 0 ? Math.round(total) : 0;
  // The arrays may be a subset of HF's total, never more than it: the larger of the two is the truth.
  return { total: Math.max(reported, distinct.length), top };
}

function build(models: RawKind, datasets: RawKind, spaces: RawKind): PaperArtifacts | undefined {
  const artifacts = { models: topOf(models), datasets: topOf(datasets), spaces: topOf(spaces) };
  const any = artifacts.models.total + artifacts.datasets.total + artifacts.spaces.total > 0;
  return any ? artifacts : undefined;
}

/** Whether a paper detail carries the linked-repo fields at all (older answers did not). */
export function detailHasLinks(detail: HfPaperDetail): boolean {
  return detail.linkedModels !== undefined || detail.linkedDatasets !== undefined || detail.linkedSpaces !== undefined;
}

/** From the `linked*` and `numTotal*` fields of GET /api/papers/{id}. */
export function artifactsFromDetail(d: HfPaperDetail): PaperArtifacts | undefined {
  return build(
    { repos: d.linkedModels, total: d.numTotalModels },
    { repos: d.linkedDatasets, total: d.numTotalDatasets },
    { repos: d.linkedSpaces, total: d.numTotalSpaces },
  );
}

/** From GET /api/arxiv/{id}/repos, which lists every citing repo (its lengths are the totals). */
export function artifactsFromRepos(r: HfArxivRepos): PaperArtifacts | undefined {
  return build({ repos: r.models, total: undefined }, { repos: r.datasets, total: undefined }, { repos: r.spaces, total: undefined });
}
