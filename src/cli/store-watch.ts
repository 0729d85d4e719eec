// Fail-fast for `npm run deliver` when the store is down or hung: every store step of the CLI is bounded, and a
// watchdog probes the store during the pass. A store that stops answering ends the pass at once with one clear
// line instead of hanging for the whole outage. What was posted is in the ledger, so the next run finishes it.
import { redactUrl } from "../store/create-store.js";

/** How long one store probe (or opening the store) may take before the store counts as down (ms). */
export const STORE_TIMEOUT_MS = 5_000;
/** Probe interval during the pass (ms); two failed probes in a row end it. */
const WATCH_INTERVAL_MS = 1_500;

export class StoreDownError extends Error {
  override readonly name = "StoreDownError";
}

/** `work`, or a StoreDownError after `ms`. */
export async function bounded<T>(work: Promise<T>, what: string, ms = STORE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreDownError(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof StoreDownError) throw err;
    throw new StoreDownError(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The one line an operator reads when the store is down. */
export function storeDownMessage(storeUrl: string, err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return (
    `paperboy can't reach the store (${redactUrl(storeUrl)}): ${why}. ` +
    "The delivery pass stopped; everything already posted is recorded, so running the same command again once the store is back finishes the rest.\n"
  );
}

/** Probes the store every interval; calls `onDown` once after two failed probes in a row. Returns a stopper. */
export function watchStore(probe: () => Promise<unknown>, onDown: (err: unknown) => void): () => void {
  let failures = 0;
  let busy = false;
  let done = false;
  const timer = setInterval(() => {
    if (busy || done) return;
    busy = true;
    bounded(probe(), "the store", Math.min(STORE_TIMEOUT_MS, WATCH_INTERVAL_MS * 2))
      .then(() => (failures = 0))
      .catch((err: unknown) => {
        failures += 1;
        if (failures >= 2 && !done) {
          done = true;
          onDown(err);
        }
      })
      .finally(() => (busy = false));
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
