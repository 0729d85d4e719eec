// Read-through cache over a Keyv with in-flight sharing: concurrent identical requests wait on one load, so
// a thousand channels asking for one date cost Hugging Face a single request. Cached values are validated
// with zod on read; a bad or unreadable entry is simply reloaded. A failing cache never fails a request.
import type { Keyv } from "keyv";
import type { z } from "zod";
import type { Logger } from "../log.js";

export interface Loaded<T> {
  value: T;
  /** How long to keep it, ms; 0 = do not cache. */
  ttlMs: number;
}

export type CachedLoader = <T>(
  key: string,
  schema: z.ZodType<T>,
  load: () => Promise<Loaded<T>>,
  /** Optional extra check on a cached value (e.g. "fetched while the list was still open"). */
  isFresh?: (cached: T) => boolean,
) => Promise<T>;

export function createCachedLoader(cache: Keyv, log: Logger): CachedLoader {
  const inFlight = new Map<string, Promise<unknown>>();

  async function readCache<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      const raw: unknown = await cache.get(key);
      if (raw === undefined) return undefined;
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      log.warn({ key }, "cached value failed validation; refetching");
    } catch (err) {
      log.warn({ key, err }, "cache read failed; fetching");
    }
    return undefined;
  }

  return <T>(key: string, schema: z.ZodType<T>, load: () => Promise<Loaded<T>>, isFresh?: (cached: T) => boolean) => {
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const run = (async () => {
      const hit = await readCache(key, schema);
      if (hit !== undefined && (!isFresh || isFresh(hit))) return hit;
      const { value, ttlMs } = await load();
      if (ttlMs > 0) {
        try {
          await cache.set(key, value, ttlMs);
        } catch (err) {
          log.warn({ key, err }, "cache write failed");
        }
      }
      return value;
    })();
    inFlight.set(key, run);
    // Forget the in-flight entry whatever happens, so a failure is retried by the next caller.
    run.then(
      () => inFlight.delete(key),
      () => inFlight.delete(key),
    );
    return run;
  };
}
