// The daily lists one delivery pass needs, fetched once per date and shared by every channel (with the HF
// client's own in-flight sharing underneath). No retries here: the HF client's HTTP layer (src/hf/http.ts) is
// the ONE place Hugging Face calls are retried (honouring Retry-After), so a date costs at most its
// attempts; a longer outage surfaces as an error and the delivery job retries the channel minutes later.
import type { PaperSource } from "../hf/source.js";
import type { Paper } from "../paper.js";

export interface ListCacheConfig {
  papers: PaperSource;
  /** How long a fetched list is reused (ms). Default 10 minutes. */
  ttlMs?: number;
  clock?: () => number;
}

/** A day's list by date, plus the week, month and trending lists when the source has them (same sharing). */
export type ListCache = ((date: string) => Promise<Paper[]>) & {
  week?: (week: string) => Promise<Paper[]>;
  month?: (month: string) => Promise<Paper[]>;
  /** Trending as of `period` (one fetch per trending day, shared by the feeds posting it). */
  trending?: (period: string) => Promise<Paper[]>;
};

export function createListCache(config: ListCacheConfig): ListCache {
  const ttlMs = config.ttlMs ?? 10 * 60_000;
  const clock = config.clock ?? Date.now;
  const entries = new Map<string, { at: number; list: Promise<Paper[]> }>();

  const shared = (key: string, fetch: () => Promise<Paper[]>): Promise<Paper[]> => {
    const now = clock();
    const cached = entries.get(key);
    if (cached && now - cached.at < ttlMs) return cached.list;
    const list = fetch();
    entries.set(key, { at: now, list });
    // A failure is not remembered: the next caller asks Hugging Face again.
    list.catch(() => {
      if (entries.get(key)?.list === list) entries.delete(key);
    });
    if (entries.size > 64) {
      for (const [d, e] of entries) if (now - e.at >= ttlMs) entries.delete(d);
    }
    return list;
  };
  const { papers } = config;
  const cache: ListCache = (date) => shared(date, () => papers.daily(date));
  if (papers.week) cache.week = (week) => shared(`week:${week}`, () => papers.week!(week));
  if (papers.month) cache.month = (month) => shared(`month:${month}`, () => papers.month!(month));
  if (papers.trending) cache.trending = (period) => shared(`trending:${period}`, () => papers.trending!());
  return cache;
}
