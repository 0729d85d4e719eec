// Builds src/hf/sample-data.json — the bundled sample behind `npm start -- --sample` and the fake HF server's
// default data — from the team's seed file (43 real Daily Papers entries). Run once by hand:
//   npx tsx scripts/build-sample.ts [path/to/seed-papers.json]
// A fresh clone has no ../shared, so the generated JSON is committed; this script documents how it was made.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The list dates of the sample (weekdays), newest first. */
export const SAMPLE_DATES = ["2026-05-05", "2026-05-04", "2026-05-01", "2026-04-30"];

const seedSchema = z.array(
  z.object({
    title: z.string(),
    abstract: z.string(),
    authorsCount: z.number().nullable(),
    organization: z.object({ name: z.string(), fullname: z.string().nullish() }).nullable(),
    publishedDate: z.string().nullable(),
    upvotes: z.number(),
    codeUrls: z.array(z.string()),
    arxivId: z.string().nullable(),
  }),
);

/** A stable 24-hex id in the shape of Hugging Face's Mongo ids. */
const hexId = (...parts: string[]) => createHash("sha1").update(parts.join("|")).digest("hex").slice(0, 24);

function toDailyItem(seed: z.infer<typeof seedSchema>[number], id: string, listDate: string) {
  const github = seed.codeUrls.find((u) => /^https:\/\/github\.com\//u.test(u));
  const project = seed.codeUrls.find((u) => u !== github);
  const organization = seed.organization
    ? { _id: hexId("org", seed.organization.name), name: seed.organization.name, fullname: seed.organization.fullname ?? undefined }
    : undefined;
  // The seed has author counts but no names: authors are hidden placeholders, so the count stays true and
  // no invented name is ever shown.
  const authors = Array.from({ length: seed.authorsCount ?? 0 }, (_, i) => ({
    _id: hexId("author", id, String(i)),
    name: `Author ${i + 1} (name not in the sample)`,
    hidden: true,
  }));
  const paper = {
    id,
    authors,
    ...(seed.publishedDate ? { publishedAt: `${seed.publishedDate}T00:00:00.000Z` } : {}),
    submittedOnDailyAt: `${listDate}T00:00:00.000Z`,
    title: seed.title,
    summary: seed.abstract,
    upvotes: seed.upvotes,
    discussionId: hexId("discussion", id),
    ...(github ? { githubRepo: github } : {}),
    ...(project ? { projectPage: project } : {}),
    ...(organization ? { organization } : {}),
  };
  return {
    paper,
    ...(seed.publishedDate ? { publishedAt: `${seed.publishedDate}T00:00:00.000Z` } : {}),
    title: seed.title,
    summary: seed.abstract,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    numComments: 0,
    isAuthorParticipating: false,
    ...(organization ? { organization } : {}),
  };
}

export function buildSample(seedJson: unknown) {
  // Only the papers with an arXiv id: every sample paper must have working arXiv/HF links.
  const seeds = seedSchema
    .parse(seedJson)
    .filter((s): s is typeof s & { arxivId: string } => s.arxivId !== null)
    .sort((a, b) => b.upvotes - a.upvotes || a.arxivId.localeCompare(b.arxivId));
  const lists: Record<string, ReturnType<typeof toDailyItem>[]> = Object.fromEntries(SAMPLE_DATES.map((d) => [d, []]));
  // Round-robin by upvotes so every day has a mix of popular and quiet papers.
  seeds.forEach((seed, i) => {
    const date = SAMPLE_DATES[i % SAMPLE_DATES.length] as string;
    lists[date]?.push(toDailyItem(seed, seed.arxivId, date));
  });
  return {
    about:
      "paperboy's bundled sample: real Daily Papers entries (title, abstract, organisation, upvotes, code links) " +
      "regrouped onto four sample list dates. Author names are not part of the seed, so authors are hidden placeholders.",
    lists,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seedPath = process.argv[2] ?? fileURLToPath(new URL("../../shared/data/seed-papers.json", import.meta.url));
  const out = fileURLToPath(new URL("../src/hf/sample-data.json", import.meta.url));
  const sample = buildSample(JSON.parse(readFileSync(seedPath, "utf8")));
  writeFileSync(out, `${JSON.stringify(sample, null, 2)}\n`);
  const count = Object.values(sample.lists).reduce((n, l) => n + l.length, 0);
  console.log(`wrote ${out}: ${count} papers on ${Object.keys(sample.lists).length} dates`);
}
