// Which papers of a daily list a person's follows match, and why: an author by name (case-insensitive), an
// organisation as in the subscription filters (the paper's organisation contains it), a keyword exactly as the
// subscription keyword filter matches it (whole words or phrases in title, abstract, AI summary and HF keywords).
import type { Paper } from "../paper.js";
import { createPaperPredicate } from "../schedule/filters.js";
import type { AlertMatch } from "../format/follow-alert.js";
import type { Follow } from "../store/follows.js";

export type { AlertMatch } from "../format/follow-alert.js";

const fold = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

function matcherOf(follow: Follow): (paper: Paper) => boolean {
  const value = fold(follow.value);
  switch (follow.type) {
    case "author":
      return (paper) => paper.authors.some((name) => fold(name) === value);
    case "organization":
      return (paper) => fold(paper.organization ?? "").includes(value);
    case "keyword":
      return createPaperPredicate({ top: Number.MAX_SAFE_INTEGER, minUpvotes: 0, keywords: [follow.value], organizations: [] });
  }
}

/** The papers of `papers` that match any of `follows`, each with every reason, most upvoted first. */
export function matchFollows(papers: readonly Paper[], follows: readonly Follow[]): AlertMatch[] {
  const matchers = follows.map((f) => ({ reason: `${f.type} ${f.value}`, test: matcherOf(f) }));
  const seen = new Set<string>();
  const out: AlertMatch[] = [];
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    const reasons = matchers.filter((m) => m.test(paper)).map((m) => m.reason);
    if (reasons.length > 0) out.push({ paper, reasons });
  }
  return out.sort((a, b) => (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0));
}
