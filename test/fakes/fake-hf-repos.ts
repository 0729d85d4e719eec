// The models, datasets and Spaces that cite a paper, for the fake Hugging Face: the `linked*` + `numTotal*` fields
// of GET /api/papers/{id} and GET /api/arxiv/{id}/repos, in the shapes of shared/reference/hf-api.md §1 and §5
// (linked models/datasets carry id, author, downloads, likes, lastModified, private, repoType, gated …; linked
// Spaces id, emoji, running, featured and often no likes). A paper with no spec has none, like most papers.
import type { ServerResponse } from "node:http";

export interface RepoSpec {
  id: string;
  likes?: number;
  private?: boolean;
}

export interface LinkedReposSpec {
  models?: RepoSpec[];
  datasets?: RepoSpec[];
  spaces?: RepoSpec[];
  /** HF's numTotal* (default: the list's length; larger = the detail's arrays are a subset). */
  totals?: { models?: number; datasets?: number; spaces?: number };
  /** false: the paper detail carries no linked* fields at all (older answers), only /repos knows. Default true. */
  inDetail?: boolean;
}

type Json = Record<string, unknown>;
const AT = "2026-04-28T10:00:00.000Z";

const model = (r: RepoSpec): Json => ({
  _id: `m-${r.id}`, id: r.id, author: r.id.split("/")[0], downloads: 1000, likes: r.likes ?? 0, lastModified: AT,
  private: r.private ?? false, repoType: "model", gated: false, isLikedByUser: false, availableInferenceProviders: [], pipeline_tag: "robotics",
});
const dataset = (r: RepoSpec): Json => ({
  _id: `d-${r.id}`, id: r.id, author: r.id.split("/")[0], downloads: 10, likes: r.likes ?? 0, lastModified: AT,
  private: r.private ?? false, repoType: "dataset", gated: false, isLikedByUser: false,
});
/** Linked Spaces in a paper detail: no likes (hf-api.md §5). The /repos list carries them. */
const detailSpace = (r: RepoSpec): Json => ({ id: r.id, emoji: "🤗", running: true, featured: false, shortDescription: "demo" });
const repoSpace = (r: RepoSpec): Json => ({ ...detailSpace(r), _id: `s-${r.id}`, likes: r.likes ?? 0, private: r.private ?? false, sdk: "gradio" });

export interface FakeRepos {
  set(paperId: string, spec: LinkedReposSpec): void;
  /** The linked* and numTotal* fields of the paper's detail body ({} when the spec says the detail has none). */
  detailFields(paperId: string): Json;
  /** Whether a spec was set (its fields then replace a stored detail body's). */
  has(paperId: string): boolean;
  /** Answers GET /api/arxiv/{id}/repos; false when `path` is not that route. */
  serve(path: string, res: ServerResponse): boolean;
}

export function createFakeRepos(): FakeRepos {
  const specs = new Map<string, LinkedReposSpec>();
  return {
    set: (paperId, spec) => void specs.set(paperId, spec),
    has: (paperId) => specs.has(paperId),
    detailFields(paperId) {
      const spec = specs.get(paperId) ?? {};
      if (spec.inDetail === false) return {};
      const { models = [], datasets = [], spaces = [], totals = {} } = spec;
      return {
        linkedModels: models.map(model),
        numTotalModels: totals.models ?? models.length,
        linkedDatasets: datasets.map(dataset),
        numTotalDatasets: totals.datasets ?? datasets.length,
        linkedSpaces: spaces.map(detailSpace),
        numTotalSpaces: totals.spaces ?? spaces.length,
      };
    },
    serve(path, res) {
      const m = /^\/api\/arxiv\/([^/]+)\/repos$/.exec(path);
      if (!m) return false;
      const spec = specs.get(decodeURIComponent(m[1] ?? "")) ?? {};
      const body = { models: (spec.models ?? []).map(model), datasets: (spec.datasets ?? []).map(dataset), spaces: (spec.spaces ?? []).map(repoSpace) };
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
      return true;
    },
  };
}
