// The daily lists one delivery pass needs, fetched once per date and shared by every channel (with the HF
// client's own in-flight sharing underneath). Transient Hugging Face failures are retried a few times with
// backoff inside the pass; a longer outage surfaces as an error and the scheduler retries the channel later.
import pRetry from "p-retry";
import { UserError } from "../errors.js";
import type { PaperSource } from "../hf/source.js";
import type { Paper } from "../paper.js";

export interface ListCacheConfig {
  papers: PaperSource;
  /** How long a fetched list is reused (ms). Default 10 minutes. */
  ttlMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First retry delay (ms), doubling. Default 1000. */
  minRetryMs?: number;
  clock?: () => number;
}

export type ListCache = (date: string) => Promise<Paper[]>;

export function createListCache(config: ListCacheConfig): ListCache {
  const ttlMs = config.ttlMs ?? 10 * 60_000;
  const clock = config.clock ?? Date.now;
  const entries = new Map<string, { at: number; list: Promise<Paper[]> }>();

  const fetch = (date: string) =>
    pRetry(() => config.papers.daily(date), {
      retries: config.retries ?? 3,
      minTimeout: config.minRetryMs ?? 1000,
      factor: 2,
      // A user mistake or a bug will not get better by asking again.
      shouldRetry: (error) => !(error instanceof UserError),
    });

  return (date) => {
    const now = clock();
    const cached = entries.get(date);
    if (cached && now - cached.at < ttlMs) return cached.list;
    const list = fetch(date);
    entries.set(date, { at: now, list });
    // A failure is not remembered: the next caller asks Hugging Face again.
    list.catch(() => {
      if (entries.get(date)?.list === list) entries.delete(date);
    });
    if (entries.size > 64) {
      for (const [d, e] of entries) if (now - e.at >= ttlMs) entries.delete(d);
    }
    return list;
  };
}
