// Hugging Face JSON (already parsed by schemas.ts) → the platform-neutral Paper. Text is whitespace-normalised
// here once; URLs that could be anything (githubRepo, projectPage, thumbnail) are kept only when they are
// plain http(s) links, because they are untrusted and end up as clickable links in chat.
import { paperSchema, type Paper, type PaperArtifacts } from "../paper.js";
import type { HfDailyItem, HfOrg, HfPaper, HfSearchItem } from "./schemas.js";

const HF_ORIGIN = "https://huggingface.co";
const THUMBNAIL_BASE = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers";

/** Collapses every run of whitespace (hard wraps, indentation, NBSP) into one space and trims. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** An absolute https URL, or undefined. Relative HF paths ("/avatars/…") are resolved against huggingface.co. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const value = raw.trim();
  try {
    const url = value.startsWith("/") && !value.startsWith("//") ? new URL(value, HF_ORIGIN) : new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    url.protocol = "https:";
    return url.toString();
  } catch {
    return undefined;
  }
}

/** `https://github.com/o/r`, `github.com/o/r`, `o/r` → `https://github.com/o/r`; anything else → undefined. */
export function githubUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const value = raw.trim().replace(/\.git$/u, "");
  if (/^[\w.-]+\/[\w.-]+$/u.test(value)) return `https://github.com/${value}`;
  if (/^(www\.)?github\.com\//iu.test(value)) return safeUrl(`https://${value}`);
  return safeUrl(value);
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO timestamp, or undefined when it is not one. */
export function utcDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function orgName(org: HfOrg | undefined): string | undefined {
  if (!org) return undefined;
  const name = normalizeText(org.fullname ?? org.name);
  return name === "" ? undefined : name;
}

/** Extra facts that live on the daily/search wrapper rather than on the paper object. */
export interface PaperExtras {
  /** The list date that was queried; wins over submittedOnDailyAt. */
  listDate?: string;
  numComments?: number;
  thumbnail?: string;
  organization?: HfOrg;
  /** Linked models/datasets/Spaces (src/hf/artifacts.ts), from a paper detail or the repos endpoint. */
  artifacts?: PaperArtifacts;
}

/** A paper object (detail body or `item.paper`) → Paper with source "hf". */
export function hfPaperToPaper(p: HfPaper, extras: PaperExtras = {}): Paper {
  const authors = p.authors ?? [];
  const visible = authors.filter((a) => a.hidden !== true).map((a) => normalizeText(a.name));
  const isNewStyle = /^\d{4}\.\d{4,5}$/u.test(p.id);
  const draft = {
    id: p.id.trim(),
    title: normalizeText(p.title),
    abstract: normalizeText(p.summary ?? ""),
    authors: visible.filter((n) => n !== ""),
    // Hidden authors are not named, but they are still authors: "and 3 more" stays truthful.
    authorCount: authors.length,
    organization: orgName(extras.organization ?? p.organization),
    listDate: extras.listDate ?? utcDate(p.submittedOnDailyAt),
    publishedAt: p.publishedAt,
    upvotes: p.upvotes,
    numComments: extras.numComments,
    githubRepo: githubUrl(p.githubRepo),
    githubStars: p.githubStars,
    projectPage: safeUrl(p.projectPage),
    aiSummary: p.ai_summary ? normalizeText(p.ai_summary) || undefined : undefined,
    keywords: (p.ai_keywords ?? []).map(normalizeText).filter((k) => k !== ""),
    thumbnailUrl: safeUrl(extras.thumbnail) ?? (isNewStyle ? `${THUMBNAIL_BASE}/${p.id}.png` : undefined),
    artifacts: extras.artifacts,
    source: "hf" as const,
  };
  // Drop undefined keys so records compare and serialise cleanly.
  const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined));
  return paperSchema.parse(clean);
}

/** A daily_papers or search item → Paper. `listDate` is the date that was queried, when there was one. */
export function hfItemToPaper(item: HfDailyItem | HfSearchItem, listDate?: string): Paper {
  return hfPaperToPaper(item.paper, {
    listDate,
    numComments: item.numComments,
    thumbnail: item.thumbnail,
    organization: item.organization ?? undefined,
  });
}
