// The "what cites this paper" part of a full paper card: one line per kind ("Models (12): org/a ♥ 340 · org/b ♥ 12 ·
// org/c"), each repo linking to its Hugging Face page, and the paper's HF discussion with its comment count. Repo
// ids are untrusted: only ids matching HF_REPO_ID become links (a stored record is checked again here), and the
// text stays plain — adapters escape it (`_` or `*` in a repo name never turns into emphasis).
import { isNewStyleId } from "../ids.js";
import type { Block, Span } from "../message.js";
import { HF_REPO_ID, type ArtifactKind, type Paper } from "../paper.js";

const HF = "https://huggingface.co";
const LABEL: Record<ArtifactKind, string> = { models: "Models", datasets: "Datasets", spaces: "Spaces" };
const PATH: Record<ArtifactKind, string> = { models: "", datasets: "datasets/", spaces: "spaces/" };
const KINDS: ArtifactKind[] = ["models", "datasets", "spaces"];
const TOP = 3;

const count = (n: number) => Math.max(0, Math.round(n)).toLocaleString("en-US");

/** The Hugging Face page of a repo, or undefined for an id that is not a plain repo id. */
export function repoUrl(kind: ArtifactKind, id: string): string | undefined {
  return HF_REPO_ID.test(id) ? `${HF}/${PATH[kind]}${id}` : undefined;
}

/** One text block per kind that has repos: a bold "Models (12):" and the top three, linked, with their likes. */
export function artifactBlocks(paper: Paper): Block[] {
  const artifacts = paper.artifacts;
  if (!artifacts) return [];
  const blocks: Block[] = [];
  for (const kind of KINDS) {
    const { total, top } = artifacts[kind];
    const shown = top.flatMap((r) => {
      const url = repoUrl(kind, r.id);
      return url ? [{ ...r, url }] : [];
    }).slice(0, TOP);
    if (total <= 0 || shown.length === 0) continue;
    const spans: Span[] = [{ text: `${LABEL[kind]} (${count(Math.max(total, shown.length))}):`, style: "bold" }];
    shown.forEach((r, i) => {
      spans.push({ text: i === 0 ? " " : " · " }, { text: r.id, url: r.url });
      if (r.likes !== undefined && r.likes > 0) spans.push({ text: ` ♥ ${count(r.likes)}` });
    });
    blocks.push({ kind: "text", spans });
  }
  return blocks;
}

/** The paper's Hugging Face discussion, for papers that have an HF page (new-style ids, not arXiv-only ones). */
export function discussionBlocks(paper: Paper): Block[] {
  if (!isNewStyleId(paper.id) || paper.source === "arxiv") return [];
  const n = paper.numComments;
  const spans: Span[] = [{ text: "Discussion on Hugging Face", url: `${HF}/papers/${paper.id}#community` }];
  if (n !== undefined) spans.push({ text: ` (${count(n)} comment${n === 1 ? "" : "s"})` });
  return [{ kind: "text", spans }];
}
