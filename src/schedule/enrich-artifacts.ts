// Adds the linked models/datasets/Spaces to the papers of a run when it is planned (a daily list item does not
// carry them; the paper detail does). One PaperSource.paper() per paper: cached for a day in the store and shared
// in flight, so every channel posting the same list costs Hugging Face one request per paper. Best effort within
// a deadline: a failing or slow Hugging Face never fails or holds up a post — its cards go out without artifacts
// (logged). The deadline runs from a paper's FIRST lookup and its outcome is remembered for a while, so when
// Hugging Face hangs, 200 channels wait once, together, not 5 seconds each.
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Paper, PaperArtifacts } from "../paper.js";
import { isNewStyleId } from "../ids.js";

export interface ArtifactEnricherConfig {
  papers: Pick<PaperSource, "paper">;
  log: Logger;
  /** The most a paper's lookup (and a run) is waited for, ms (default 5 s); after it, cards go without. */
  deadlineMs?: number;
  /** Paper lookups at once per run (default 4); the HF client shares identical ones across runs. */
  concurrency?: number;
  /** How long a lookup's outcome (found, none, failed) is reused by later runs, ms (default 10 minutes). */
  rememberMs?: number;
  clock?: () => number;
}

export type ArtifactEnricher = (papers: readonly Paper[]) => Promise<Paper[]>;

interface Lookup {
  startedAt: number;
  /** Set once the lookup has answered. */
  outcome?: { artifacts?: PaperArtifacts; failed: boolean };
  settled: Promise<void>;
}

export function createArtifactEnricher(config: ArtifactEnricherConfig): ArtifactEnricher {
  const deadlineMs = config.deadlineMs ?? 5_000;
  const concurrency = Math.max(1, config.concurrency ?? 4);
  const rememberMs = config.rememberMs ?? 10 * 60_000;
  const clock = config.clock ?? Date.now;
  const lookups = new Map<string, Lookup>();

  function lookup(id: string): Lookup {
    const now = clock();
    const known = lookups.get(id);
    if (known && now - known.startedAt < rememberMs) return known;
    const entry: Lookup = { startedAt: now, settled: Promise.resolve() };
    entry.settled = config.papers.paper(id).then(
      (p) => void (entry.outcome = { ...(p.artifacts ? { artifacts: p.artifacts } : {}), failed: false }),
      () => void (entry.outcome = { failed: true }),
    );
    lookups.set(id, entry);
    if (lookups.size > 500) {
      for (const [key, e] of lookups) if (now - e.startedAt >= rememberMs) lookups.delete(key);
    }
    return entry;
  }

  /** Waits for `entry` until its own deadline or the run's, whichever comes first. */
  async function waitFor(entry: Lookup, runDeadline: number): Promise<void> {
    const wait = Math.min(entry.startedAt + deadlineMs, runDeadline) - clock();
    if (entry.outcome || wait <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, wait);
      timer.unref();
    });
    await Promise.race([entry.settled, timeout]);
    clearTimeout(timer);
  }

  return async (papers) => {
    const out = [...papers];
    // Old-style ids have no Hugging Face page; arXiv-only papers are not on HF; some already carry them.
    const todo = out.map((p, i) => ({ p, i })).filter(({ p }) => !p.artifacts && p.source !== "arxiv" && isNewStyleId(p.id));
    if (todo.length === 0) return out;
    const runDeadline = clock() + deadlineMs;
    let failed = 0;
    let missed = 0;
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const { p, i } = todo[next++]!;
        const entry = lookup(p.id);
        await waitFor(entry, runDeadline);
        if (!entry.outcome) missed += 1;
        else if (entry.outcome.failed) failed += 1;
        else if (entry.outcome.artifacts) out[i] = { ...p, artifacts: entry.outcome.artifacts };
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    if (failed > 0 || missed > 0) {
      config.log.warn({ papers: todo.length, failed, timedOut: missed }, "linked repos missing for some papers; posting their cards without them");
    }
    return out;
  };
}
