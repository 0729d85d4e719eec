// Serialises async work per key inside this process, so operations on the same record from one process (a
// double-clicked Save button, an add racing a remove of the same bookmark) apply in the order they were made.
// Correctness across processes never depends on it: the store's operations are atomic on their own.

export interface KeyedLock {
  /** Runs `fn` after every earlier `run` for the same key has settled; resolves or rejects with `fn`'s result. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn);
      // The chain continues after a failure; the failure itself goes to this call's caller.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

const sharedLocks = new WeakMap<object, Map<string, KeyedLock>>();

/**
 * The lock for `name` on `owner` (a Store): every repository instance over one store shares it, so two repos
 * built on the same store still serialise their updates.
 */
export function sharedLock(owner: object, name: string): KeyedLock {
  let byName = sharedLocks.get(owner);
  if (!byName) {
    byName = new Map();
    sharedLocks.set(owner, byName);
  }
  let lock = byName.get(name);
  if (!lock) {
    lock = createKeyedLock();
    byName.set(name, lock);
  }
  return lock;
}
