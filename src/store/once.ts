// "Have we seen this key lately?" — used to process each Slack event_id once although Slack retries deliveries.
// On Redis it is one atomic SET NX PX, safe across processes. Elsewhere the check-and-set is serialised per key
// in this process, which suffices because only the bot process receives Slack events. Keys expire after ttlMs
// (SQLite keeps expired rows until the key is read again; they are a few bytes each).
import { sharedLock } from "./key-lock.js";
import type { OnceRepo, Store } from "./types.js";

export const ONCE_NAMESPACE = "once";

export function createOnceRepo(store: Store): OnceRepo {
  const keyv = store.namespace(ONCE_NAMESPACE);
  const lock = sharedLock(store, ONCE_NAMESPACE);

  return {
    firstTime: async (key: string, ttlMs: number) => {
      if (!(ttlMs > 0)) throw new RangeError(`firstTime ttlMs must be positive, got ${ttlMs}`);
      if (store.setIfAbsent) return store.setIfAbsent(ONCE_NAMESPACE, key, ttlMs);
      return lock.run(key, async () => {
        // Any stored value (even one we could not read) means the key was seen.
        if ((await keyv.get(key)) !== undefined) return false;
        await keyv.set(key, true, ttlMs);
        return true;
      });
    },
  };
}
