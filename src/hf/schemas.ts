// zod schemas of the Hugging Face Papers JSON (daily_papers items, search items, paper detail), written
// against real captured payloads, not the OpenAPI spec: extra keys pass through, `null` means absent, and
// an optional field of an unexpected type is dropped instead of failing the whole list. Only `paper.id`
// and `paper.title` are truly required — without them there is nothing to show.
import { z } from "zod";

/** An optional field: null → undefined; a value of the wrong type → undefined (logged nowhere, just ignored). */
const opt = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .catch(undefined);

/** An optional array whose invalid elements are dropped one by one (one odd author must not hide the rest). */
const lenientArray = <T extends z.ZodType>(schema: T) =>
  z
    .array(z.unknown())
    .nullish()
    .catch(undefined)
    .transform((items): z.infer<T>[] | undefined => {
      if (!items) return undefined;
      const kept: z.infer<T>[] = [];
      for (const item of items) {
        const r = schema.safeParse(item);
        if (r.success) kept.push(r.data as z.infer<T>);
      }
      return kept;
    });

/** UserOverview. 2024–25 payloads carry the username in `user`, 2026 ones also in `name`: username = user ?? name. */
export const hfUserSchema = z.looseObject({
  _id: opt(z.string()),
  avatarUrl: opt(z.string()), // may be relative: "/avatars/<hash>.svg"
  fullname: opt(z.string()),
  name: opt(z.string()),
  user: opt(z.string()),
  type: opt(z.string()),
  isPro: opt(z.boolean()),
});

export const hfAuthorSchema = z.looseObject({
  _id: opt(z.string()),
  name: z.string(),
  hidden: opt(z.boolean()),
  status: opt(z.string()),
  user: opt(hfUserSchema),
});

/** Organisation; appears on the daily item and/or on the paper. The avatar key is `avatar`, not `avatarUrl`. */
export const hfOrgSchema = z.looseObject({
  _id: opt(z.string()),
  name: z.string(),
  fullname: opt(z.string()),
  avatar: opt(z.string()),
});

/** The paper object: `item.paper` of daily/search items, and the flat body of /api/papers/{id}. */
export const hfPaperSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  /** The arXiv abstract, hard-wrapped with "\n". */
  summary: opt(z.string()),
  authors: lenientArray(hfAuthorSchema),
  publishedAt: opt(z.string()),
  upvotes: opt(z.number()),
  discussionId: opt(z.string()),
  submittedOnDailyAt: opt(z.string()),
  submittedOnDailyBy: opt(hfUserSchema),
  ai_summary: opt(z.string()),
  ai_keywords: lenientArray(z.string()),
  projectPage: opt(z.string()),
  /** A full URL in most payloads, `owner/repo` in some. */
  githubRepo: opt(z.string()),
  githubStars: opt(z.number()),
  mediaUrls: lenientArray(z.string()),
  withdrawnAt: opt(z.string()),
  organization: opt(hfOrgSchema),
  source: opt(z.string()),
});

/** One element of GET /api/daily_papers. */
export const hfDailyItemSchema = z.looseObject({
  paper: hfPaperSchema,
  /** NOT the list date (an NY-shifted arXiv time); never used for dates. */
  publishedAt: opt(z.string()),
  title: opt(z.string()),
  summary: opt(z.string()),
  thumbnail: opt(z.string()),
  numComments: opt(z.number()),
  submittedBy: opt(hfUserSchema),
  isAuthorParticipating: opt(z.boolean()),
  mediaUrls: lenientArray(z.string()),
  organization: opt(hfOrgSchema),
});

/**
 * One element of GET /api/papers/search. Same wrapper as a daily item plus `upvoted`/`highlighted*`; in 2024
 * the endpoint returned flat paper objects, so an element without `paper` is treated as the paper itself.
 */
export const hfSearchItemSchema = z.preprocess(
  (v) => (v !== null && typeof v === "object" && !("paper" in v) && "id" in v ? { paper: v, ...v } : v),
  hfDailyItemSchema.extend({ upvoted: opt(z.boolean()) }),
);

/**
 * A model, dataset or Space citing a paper (`linkedModels[]` of a paper detail, `models[]` of /api/arxiv/{id}/repos).
 * Only `id` is needed; `likes` ranks them (Spaces in paper details often have none).
 */
export const hfLinkedRepoSchema = z.looseObject({
  id: z.string().min(1),
  likes: opt(z.number()),
  private: opt(z.boolean()),
});

/** The body of GET /api/papers/{id}: the paper object plus the repos citing it. Absent arrays: HF did not say. */
export const hfPaperDetailSchema = hfPaperSchema.extend({
  linkedModels: lenientArray(hfLinkedRepoSchema),
  linkedDatasets: lenientArray(hfLinkedRepoSchema),
  linkedSpaces: lenientArray(hfLinkedRepoSchema),
  numTotalModels: opt(z.number()),
  numTotalDatasets: opt(z.number()),
  numTotalSpaces: opt(z.number()),
  /** Not in HF's documented detail body (it lives on daily items), but taken when present. */
  numComments: opt(z.number()),
});

/** The body of GET /api/arxiv/{id}/repos: every model, dataset and Space whose card cites the paper. */
export const hfArxivReposSchema = z.looseObject({
  models: lenientArray(hfLinkedRepoSchema),
  datasets: lenientArray(hfLinkedRepoSchema),
  spaces: lenientArray(hfLinkedRepoSchema),
});

export type HfUser = z.infer<typeof hfUserSchema>;
export type HfAuthor = z.infer<typeof hfAuthorSchema>;
export type HfOrg = z.infer<typeof hfOrgSchema>;
export type HfPaper = z.infer<typeof hfPaperSchema>;
export type HfDailyItem = z.infer<typeof hfDailyItemSchema>;
export type HfSearchItem = z.infer<typeof hfSearchItemSchema>;
export type HfPaperDetail = z.infer<typeof hfPaperDetailSchema>;
export type HfLinkedRepo = z.infer<typeof hfLinkedRepoSchema>;
export type HfArxivRepos = z.infer<typeof hfArxivReposSchema>;

/**
 * Parses a JSON array element by element with `schema`, dropping elements that do not parse (one broken
 * item must not hide a whole day's list). Returns undefined when `body` is not an array at all.
 */
export function parseList<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { items: z.infer<T>[]; dropped: number } | undefined {
  if (!Array.isArray(body)) return undefined;
  const items: z.infer<T>[] = [];
  let dropped = 0;
  for (const element of body) {
    const r = schema.safeParse(element);
    if (r.success) items.push(r.data as z.infer<T>);
    else dropped += 1;
  }
  return { items, dropped };
}
