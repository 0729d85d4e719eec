// The papers /paper foryou picks from: every paper on the last 30 closed Daily Papers lists. The merged list is
// kept in the store under the latest closed date (so every process and restart reuses it) and indexed once per
// process; a new closed date starts a new pool. The daily lists themselves come through the cached HF client.
import { z } from "zod";
import type { PaperSource } from "../hf/source.js";
import { paperSchema, type Paper } from "../paper.js";
import { addDays, ARCHIVE_START_DATE, latestClosedDate } from "../time/dates.js";
import type { Store } from "../store/types.js";
import { createCandidateIndex, type CandidateIndex } from "./rank.js";

export const POOL_DAYS = 30;
const POOL_NAMESPACE = "foryou";
/** A pool is only read for its own date; the TTL just lets old ones go. */
const POOL_TTL_MS = 3 * 86_400_000;
/** Daily lists fetched at once when a pool is built (cache misses go to Hugging Face). */
const FETCH_CONCURRENCY = 4;

const poolSchema = z.object({ dates: z.array(z.string()), papers: z.array(paperSchema) });

export interface CandidatePool {
  /** The indexed pool for the lists closed by `now`; built (and stored) on first use, then shared. */
  current(papers: PaperSource, now: Date): Promise<CandidateIndex>;
}

/** The last `POOL_DAYS` closed list dates, newest first (never before the archive starts). */
export function poolDates(now: Date): string[] {
  const latest = latestClosedDate(now);
  return Array.from({ length: POOL_DAYS }, (_, i) => addDays(latest, -i)).filter((d) => d >= ARCHIVE_START_DATE);
}

async function fetchPool(papers: PaperSource, dates: readonly string[]): Promise<Paper[]> {
  const lists: Paper[][] = new Array<Paper[]>(dates.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < dates.length; i = next++) lists[i] = await papers.daily(dates[i] as string);
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, dates.length) }, worker));
  return lists.flat();
}

export function createCandidatePool(store: Store): CandidatePool {
  const keyv = store.namespace(POOL_NAMESPACE);
  let memo: { date: string; index: Promise<CandidateIndex> } | undefined;

  async function build(papers: PaperSource, now: Date, date: string): Promise<CandidateIndex> {
    const key = `pool:${date}`;
    const stored = poolSchema.safeParse(await keyv.get(key));
    if (stored.success) return createCandidateIndex(stored.data.papers);
    const dates = poolDates(now);
    const list = await fetchPool(papers, dates);
    await keyv.set(key, { dates, papers: list }, POOL_TTL_MS);
    return createCandidateIndex(list);
  }

  return {
    current(papers, now) {
      const date = latestClosedDate(now);
      if (memo?.date !== date) {
        const index = build(papers, now, date);
        memo = { date, index };
        // A failed build (Hugging Face down) is not remembered: the next call tries again.
        index.catch(() => {
          if (memo?.index === index) memo = undefined;
        });
      }
      return memo.index;
    },
  };
}
