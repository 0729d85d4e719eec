// The platform-neutral paper record every part of paperboy works with. The HF client and the arXiv fallback
// both produce it; formatting, bookmarks and delivery consume it. Text fields are whitespace-normalised by
// the producer; nothing here is escaped for any platform (adapters do that).
import { z } from "zod";

/**
 * A Hugging Face repo id: `name` or `owner/name` of letters, digits, `_`, `-`, `.`, each part ≤ 96 characters, not
 * starting or ending with `-` or `.`, no `--` or `..` (huggingface_hub's validate_repo_id). Repo ids come from paper
 * data, so they are untrusted: only ids matching this become links.
 */
export const HF_REPO_ID = /^(?!.*(?:--|\.\.))(?:\w(?:[\w.-]{0,94}\w)?\/)?\w(?:[\w.-]{0,94}\w)?$/u;

/** One model, dataset or Space that cites a paper. */
export const linkedRepoSchema = z.object({
  id: z.string().regex(HF_REPO_ID),
  likes: z.number().int().nonnegative().optional(),
});
export type LinkedRepo = z.infer<typeof linkedRepoSchema>;

/** The best few repos of one kind (by likes, most first) and how many there are in all. */
const linkedReposSchema = z.object({ total: z.number().int().nonnegative(), top: z.array(linkedRepoSchema).max(3) });

/** What on Hugging Face cites the paper. Absent on a Paper: none, or not known (old-style ids, arXiv-only papers). */
export const paperArtifactsSchema = z.object({
  models: linkedReposSchema,
  datasets: linkedReposSchema,
  spaces: linkedReposSchema,
});
export type PaperArtifacts = z.infer<typeof paperArtifactsSchema>;
export type ArtifactKind = keyof PaperArtifacts;

export const paperSchema = z.object({
  /** arXiv id without version: `2511.01234` or `hep-th/9901001`. */
  id: z.string().min(1),
  title: z.string(),
  /** The abstract, whitespace collapsed to single spaces. */
  abstract: z.string(),
  /** Visible author names in order (hidden authors dropped). May be a prefix of the full list. */
  authors: z.array(z.string()),
  /** Total number of authors (≥ authors.length). */
  authorCount: z.number().int().nonnegative(),
  /** Display name of the organisation, when Hugging Face knows one. */
  organization: z.string().optional(),
  /** The Daily Papers list date (YYYY-MM-DD) the paper appeared on, when known. */
  listDate: z.string().optional(),
  /** arXiv publication time, ISO-8601. */
  publishedAt: z.string().optional(),
  upvotes: z.number().optional(),
  numComments: z.number().optional(),
  githubRepo: z.string().optional(),
  githubStars: z.number().optional(),
  projectPage: z.string().optional(),
  /** Hugging Face's one-sentence AI summary. */
  aiSummary: z.string().optional(),
  keywords: z.array(z.string()).default([]),
  thumbnailUrl: z.string().optional(),
  /** Models, datasets and Spaces on Hugging Face citing the paper (top 3 each by likes, with totals). */
  artifacts: paperArtifactsSchema.optional(),
  /** Where the record came from: Hugging Face, or the arXiv fallback for papers HF has not indexed. */
  source: z.enum(["hf", "arxiv", "sample"]),
});

export type Paper = z.infer<typeof paperSchema>;

/** The canonical public links of a paper. Old-style ids have no Hugging Face page. */
export function paperLinks(id: string): { hf?: string; arxiv: string; pdf: string } {
  const isNewStyle = /^\d{4}\.\d{4,5}$/.test(id);
  return {
    ...(isNewStyle ? { hf: `https://huggingface.co/papers/${id}` } : {}),
    arxiv: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
  };
}
