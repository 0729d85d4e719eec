// "Have we seen this key lately?" — used to process each Slack event_id once although Slack retries deliveries.
// One atomic put-if-absent with a TTL on every backend (backend.ts), so it holds across processes too
// (memory:// excepted, which is one process by definition).
import type { OnceRepo, Store } from "./types.js";

export const ONCE_NAMESPACE = "once";

export function createOnceRepo(store: Store): OnceRepo {
  return {
    firstTime: async (key: string, ttlMs: number) => {
      if (!(ttlMs > 0)) throw new RangeError(`firstTime ttlMs must be positive, got ${ttlMs}`);
      return store.setIfAbsent(ONCE_NAMESPACE, key, ttlMs);
    },
  };
}
