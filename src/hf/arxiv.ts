// arXiv export API client: the fallback for papers Hugging Face has not indexed and the only source for
// old-style ids (hep-th/9901001). Parses the Atom feed with fast-xml-parser into a Paper (source "arxiv").
// arXiv asks for at most 1 request every 3 s over one connection, so calls go through a serial queue.
import { setTimeout as sleep } from "node:timers/promises";
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import type { Logger } from "../log.js";
import { paperSchema, type Paper } from "../paper.js";
import { DEFAULT_RETRY, httpGet, type RetryOptions } from "./http.js";
import { normalizeText } from "./to-paper.js";

export interface ArxivClientConfig {
  /** ARXIV_API_URL, e.g. https://export.arxiv.org/api/query */
  url: string;
  timeoutMs: number;
  /** Minimum gap between the end of one request and the start of the next, ms (arXiv asks for 3000). */
  intervalMs?: number;
  retry?: Partial<RetryOptions>;
  log?: Logger;
}

export interface ArxivClient {
  /** The paper, or undefined when arXiv does not know the id. Throws UpstreamError when arXiv fails. */
  paper(id: string): Promise<Paper | undefined>;
}

const text = z.union([z.string(), z.number()]).transform(String);
// fast-xml-parser yields a string for plain elements and an object ({"#text": …}) when attributes exist.
const textLike = z.union([text, z.looseObject({ "#text": text }).transform((o) => o["#text"])]);

const entrySchema = z.looseObject({
  id: textLike.optional(),
  title: textLike.optional(),
  summary: textLike.optional(),
  published: textLike.optional(),
  author: z.array(z.looseObject({ name: textLike.optional() })).optional(),
});
const feedSchema = z.looseObject({
  feed: z.looseObject({ entry: z.array(z.unknown()).optional() }),
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) => name === "entry" || name === "author" || name === "link" || name === "category",
});

/** `http://arxiv.org/abs/2401.01234v2` → `2401.01234`; `…/abs/hep-th/9901001v1` → `hep-th/9901001`. */
export function arxivIdFromUrl(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\/(export\.|www\.)?arxiv\.org\/abs\//iu, "")
    .replace(/v\d+$/u, "");
}

/** Parses an arXiv Atom feed; returns the entries as Papers. The error feed and an empty feed yield []. */
export function parseArxivFeed(xml: string): Paper[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const feed = feedSchema.safeParse(doc);
  if (!feed.success) return [];
  const papers: Paper[] = [];
  for (const raw of feed.data.feed.entry ?? []) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success || !entry.data.id || !entry.data.title) continue;
    const title = normalizeText(entry.data.title);
    // The error feed is one entry titled "Error" whose id points at arxiv.org/api/errors.
    if (title === "Error" || /\/api\/errors/u.test(entry.data.id)) continue;
    const authors = (entry.data.author ?? []).map((a) => normalizeText(a.name ?? "")).filter((n) => n !== "");
    const published = entry.data.published ? Date.parse(entry.data.published) : Number.NaN;
    const candidate = paperSchema.safeParse({
      id: arxivIdFromUrl(entry.data.id),
      title,
      abstract: normalizeText(entry.data.summary ?? ""),
      authors,
      authorCount: authors.length,
      ...(Number.isNaN(published) ? {} : { publishedAt: new Date(published).toISOString() }),
      keywords: [],
      source: "arxiv",
    });
    if (candidate.success) papers.push(candidate.data);
  }
  return papers;
}

/** Runs tasks one at a time with at least `intervalMs` between one task's end and the next one's start. */
export function createSerialQueue(intervalMs: number): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd = Number.NEGATIVE_INFINITY;
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(async () => {
      const wait = lastEnd + intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        lastEnd = Date.now();
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
}

export function createArxivClient(config: ArxivClientConfig): ArxivClient {
  const intervalMs = config.intervalMs ?? 3000;
  const enqueue = createSerialQueue(intervalMs);
  // Retries happen inside one queue slot, so their backoff must respect arXiv's interval too.
  const retry = {
    ...config.retry,
    baseDelayMs: Math.max(config.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs, 2 * intervalMs),
  };
  return {
    async paper(id) {
      const url = new URL(config.url);
      url.searchParams.set("id_list", id);
      const res = await enqueue(() =>
        httpGet(url.toString(), {
          service: "arxiv",
          timeoutMs: config.timeoutMs,
          passStatuses: [400],
          retry,
          ...(config.log ? { log: config.log } : {}),
        }),
      );
      const wanted = id.toLowerCase();
      return parseArxivFeed(res.text).find((p) => p.id.toLowerCase() === wanted);
    },
  };
}
