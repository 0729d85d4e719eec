// Leases that make one process (of many sharing STORE_URL) the only one delivering to a channel, built on the
// backend contract's owner-checked leases (backend.ts): SQLite upsert-if-expired, Redis SET NX PX + Lua,
// Postgres INSERT … ON CONFLICT … WHERE expired, memory:// in-process. All but memory:// hold across processes.
import { randomUUID } from "node:crypto";
import type { LeaseOps } from "./backend.js";
import { openBackend, storeKindOf } from "./create-store.js";
import type { Store } from "./types.js";

/** The primitive each backend provides (backend.ts LeaseOps), plus closing whatever connection it owns. */
export interface LockBackend extends LeaseOps {
  close(): Promise<void>;
}

/** A held lease. Renewed in the background until released. */
export interface Lease {
  readonly key: string;
  /**
   * True while the lease is certainly still ours: renewed within its TTL (minus a safety margin) and never
   * lost. Callers check it right before every irreversible step (a platform send).
   */
  valid(): boolean;
  release(): Promise<void>;
}

export interface LockService {
  /** The lease on `key`, or undefined when another process holds it. */
  acquire(key: string): Promise<Lease | undefined>;
  close(): Promise<void>;
}

export interface LockServiceConfig {
  backend: LockBackend;
  /** Lease length (ms); renewed every third of it. Default 30 s. */
  ttlMs?: number;
  /** Called when a renewal fails or is refused (the lease then reports invalid). */
  onLost?: (key: string, err?: unknown) => void;
}

export function createLockService(config: LockServiceConfig): LockService {
  const { backend } = config;
  const ttlMs = config.ttlMs ?? 30_000;
  // Margin for clock granularity and the store round-trip: stop trusting the lease a little before it ends.
  const marginMs = Math.min(2_000, ttlMs / 5);
  return {
    async acquire(key) {
      const owner = randomUUID();
      const startedAt = Date.now();
      if (!(await backend.tryAcquire(key, owner, ttlMs))) return undefined;
      let validUntil = startedAt + ttlMs - marginMs;
      let lost = false;
      let released = false;
      const timer = setInterval(() => {
        const at = Date.now();
        backend.renew(key, owner, ttlMs).then(
          (ok) => {
            if (released) return;
            if (ok) validUntil = at + ttlMs - marginMs;
            else if (!lost) {
              lost = true;
              config.onLost?.(key);
            }
          },
          (err: unknown) => config.onLost?.(key, err),
        );
      }, ttlMs / 3);
      timer.unref();
      return {
        key,
        valid: () => !lost && !released && Date.now() < validUntil,
        async release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          await backend.release(key, owner);
        },
      };
    },
    close: () => backend.close(),
  };
}

/** Leases on an opened store's own connection; closing it leaves the store open. */
export function createStoreLockBackend(store: Pick<Store, "leases">): LockBackend {
  const { leases } = store;
  return {
    tryAcquire: (key, owner, ttlMs) => leases.tryAcquire(key, owner, ttlMs),
    renew: (key, owner, ttlMs) => leases.renew(key, owner, ttlMs),
    release: (key, owner) => leases.release(key, owner),
    close: async () => {},
  };
}

/**
 * Leases for STORE_URL on a connection of their own, opened on first use (for callers without a Store, e.g.
 * seeding scripts in tests). memory://NAME shares the named store's leases, as it shares its data.
 */
export function createLockBackend(storeUrl: string, cwd: string = process.cwd()): LockBackend {
  const kind = storeKindOf(storeUrl);
  let opened: ReturnType<typeof openBackend> | undefined;
  const backend = () => (opened ??= openBackend(storeUrl, kind, cwd));
  return {
    tryAcquire: async (key, owner, ttlMs) => (await backend()).leases.tryAcquire(key, owner, ttlMs),
    renew: async (key, owner, ttlMs) => (await backend()).leases.renew(key, owner, ttlMs),
    release: async (key, owner) => (await backend()).leases.release(key, owner),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
