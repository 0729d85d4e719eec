// The query string of a public feed URL (`/feeds/daily.atom?top=5&keywords=diffusion,-survey`): the same filters
// as a channel subscription, read with zod and the subscription's own keyword/organisation parsers. Anything
// else is refused with a sentence a person can act on (HTTP 400), never a zod dump.
import { z } from "zod";
import { parseKeywords, parseOrganizations, type PaperFilter } from "../schedule/filters.js";

/** A feed has no per-message cost, so it may carry a whole list (Hugging Face lists rarely pass 60). */
export const FEED_MAX_TOP = 100;

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `${name} must be at least ${min}` }).max(max, { error: `${name} must be at most ${max}` }));

const text = (name: string) => z.string().trim().max(300, { error: `${name} must be at most 300 characters` });

const querySchema = z.strictObject(
  {
    top: integer("top", 1, FEED_MAX_TOP).optional(),
    min_upvotes: integer("min_upvotes", 0, 100_000).optional(),
    keywords: text("keywords").optional(),
    organizations: text("organizations").optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? unknownKeys(issue.keys) : undefined) },
);

const KNOWN = "top, min_upvotes, keywords and organizations";

function unknownKeys(keys: readonly string[]): string {
  const shown = keys.map((k) => JSON.stringify(k.slice(0, 30))).join(", ");
  return `unknown parameter ${shown}: a feed takes ${KNOWN}`;
}

export type FeedQuery = { ok: true; filter: PaperFilter } | { ok: false; message: string };

/** Reads a feed's query string into subscription filters, or a plain-words reason it can't. */
export function parseFeedQuery(search: URLSearchParams): FeedQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (key in raw) return { ok: false, message: `${JSON.stringify(key.slice(0, 30))} is given twice; give each parameter once.` };
    raw[key] = value;
  }
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const reason = first?.message ?? "the query could not be read";
    return { ok: false, message: `Bad feed query: ${reason}. Example: ?top=10&min_upvotes=5&keywords=diffusion,-survey` };
  }
  const q = parsed.data;
  return {
    ok: true,
    filter: {
      top: q.top ?? FEED_MAX_TOP,
      minUpvotes: q.min_upvotes ?? 0,
      keywords: q.keywords ? parseKeywords(q.keywords) : [],
      organizations: q.organizations ? parseOrganizations(q.organizations) : [],
    },
  };
}
