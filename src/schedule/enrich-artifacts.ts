// Adds the linked models/datasets/Spaces to the papers of a run when it is planned (a daily list item does not
// carry them; the paper detail does). One PaperSource.paper() per paper: cached for a day in the store and shared
// in flight, so every channel posting the same list costs Hugging Face one request per paper. Best effort within
// a deadline: a failing or slow Hugging Face never fails or holds up a post — its cards go out without artifacts
// (logged), and the fetch left running still fills the cache for the next channel.
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { Paper } from "../paper.js";
import { isNewStyleId } from "../ids.js";

export interface ArtifactEnricherConfig {
  papers: Pick<PaperSource, "paper">;
  log: Logger;
  /** The most a run waits for artifacts, ms (default 5 s); after it, the rest go without. */
  deadlineMs?: number;
  /** Paper lookups at once per run (default 4); the HF client shares identical ones across runs. */
  concurrency?: number;
}

export type ArtifactEnricher = (papers: readonly Paper[]) => Promise<Paper[]>;

export function createArtifactEnricher(config: ArtifactEnricherConfig): ArtifactEnricher {
  const deadlineMs = config.deadlineMs ?? 5_000;
  const concurrency = Math.max(1, config.concurrency ?? 4);

  return async (papers) => {
    const out = [...papers];
    // Old-style ids have no Hugging Face page; arXiv-only papers are not on HF; some already carry them.
    const todo = out.map((p, i) => ({ p, i })).filter(({ p }) => !p.artifacts && p.source !== "arxiv" && isNewStyleId(p.id));
    if (todo.length === 0) return out;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), deadlineMs);
      timer.unref();
    });
    let failed = 0;
    let answered = 0;
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const { p, i } = todo[next++]!;
        const lookup = config.papers.paper(p.id);
        lookup.catch(() => undefined); // a lookup outliving the deadline must not become an unhandled rejection
        try {
          const found = await Promise.race([lookup, expired]);
          if (found === "expired") return;
          answered += 1;
          if (found.artifacts) out[i] = { ...p, artifacts: found.artifacts };
        } catch {
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    clearTimeout(timer);
    const missed = todo.length - answered - failed;
    if (failed > 0 || missed > 0) {
      config.log.warn({ papers: todo.length, failed, timedOut: missed }, "linked repos missing for some papers; posting their cards without them");
    }
    return out;
  };
}
