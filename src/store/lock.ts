// Leases that make one process (of many sharing STORE_URL) the only one delivering to a channel. Redis: SET NX PX,
// renewed and released by owner-checked Lua scripts. SQLite: one upsert-if-expired statement with RETURNING on a
// `paperboy_locks` table in the same file (atomic across the bot and `npm run deliver`). memory:// and
// postgres://: in-process only — run a single instance there (README "Many instances").
import { randomUUID } from "node:crypto";
import { KeyvSqlite } from "@keyv/sqlite";
import { sqlitePath } from "./sqlite-backend.js";
import { storeKindOf } from "./create-store.js";

/** The primitive each backend provides: atomic compare-and-set on (key → owner, expiry). */
export interface LockBackend {
  /** Takes `key` for `owner` when it is free or expired; true when `owner` now holds it. */
  tryAcquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends `owner`'s hold; false when the lease was lost (expired and taken). */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
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

/** In-process leases (memory://, and the fallback for backends without a cross-process primitive). */
export function createMemoryLockBackend(): LockBackend {
  const held = new Map<string, { owner: string; expires: number }>();
  return {
    async tryAcquire(key, owner, ttlMs) {
      const now = Date.now();
      const current = held.get(key);
      if (current && current.expires > now && current.owner !== owner) return false;
      held.set(key, { owner, expires: now + ttlMs });
      return true;
    },
    async renew(key, owner, ttlMs) {
      const current = held.get(key);
      if (current?.owner !== owner) return false;
      current.expires = Date.now() + ttlMs;
      return true;
    },
    async release(key, owner) {
      if (held.get(key)?.owner === owner) held.delete(key);
    },
    async close() {},
  };
}

const LOCK_TABLE = "paperboy_locks";

/** Leases in a table of the SQLite file STORE_URL names; every statement is atomic on its own. */
export function createSqliteLockBackend(path: string): LockBackend {
  const db = new KeyvSqlite({ uri: `sqlite://${path}`, table: LOCK_TABLE, busyTimeout: 5_000 });
  db.on("error", () => {});
  const rows = (sql: string, ...params: unknown[]) => db.query(sql, ...params) as Promise<unknown[]>;
  return {
    async tryAcquire(key, owner, ttlMs) {
      const now = Date.now();
      const value = JSON.stringify({ owner, expires: now + ttlMs });
      const taken = await rows(
        `INSERT INTO ${LOCK_TABLE}(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE json_extract(${LOCK_TABLE}.value, '$.expires') < ? RETURNING key`,
        key,
        value,
        now,
      );
      return taken.length > 0;
    },
    async renew(key, owner, ttlMs) {
      const value = JSON.stringify({ owner, expires: Date.now() + ttlMs });
      const kept = await rows(
        `UPDATE ${LOCK_TABLE} SET value = ? WHERE key = ? AND json_extract(value, '$.owner') = ? RETURNING key`,
        value,
        key,
        owner,
      );
      return kept.length > 0;
    },
    async release(key, owner) {
      await rows(`DELETE FROM ${LOCK_TABLE} WHERE key = ? AND json_extract(value, '$.owner') = ?`, key, owner);
    },
    close: () => db.disconnect(),
  };
}

const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Leases in Redis: SET NX PX to take, owner-checked scripts to renew and release. */
export function createRedisLockBackend(url: string): LockBackend {
  // @keyv/redis (~5 MB resident) loads only when STORE_URL is redis://, as in create-store.ts.
  const connection = import("@keyv/redis").then(({ default: KeyvRedis }) => {
    const c = new KeyvRedis(url, { connectionTimeout: 5_000, throwOnErrors: true });
    c.on("error", () => {});
    return c;
  });
  const prefixed = (key: string) => `paperboy:lock:${key}`;
  return {
    async tryAcquire(key, owner, ttlMs) {
      const client = await (await connection).getClient();
      const reply = await client.set(prefixed(key), owner, {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
      });
      return reply === "OK";
    },
    async renew(key, owner, ttlMs) {
      const client = await (await connection).getClient();
      const reply = await client.eval(RENEW_SCRIPT, { keys: [prefixed(key)], arguments: [owner, String(ttlMs)] });
      return Number(reply) === 1;
    },
    async release(key, owner) {
      const client = await (await connection).getClient();
      await client.eval(RELEASE_SCRIPT, { keys: [prefixed(key)], arguments: [owner] });
    },
    close: async () => (await connection).disconnect(),
  };
}

/** The lock backend matching STORE_URL (its own connection; the store's connection stays untouched). */
export function createLockBackend(storeUrl: string, cwd: string = process.cwd()): LockBackend {
  switch (storeKindOf(storeUrl)) {
    case "redis":
      return createRedisLockBackend(storeUrl);
    case "sqlite": {
      const path = sqlitePath(storeUrl, cwd);
      return path === ":memory:" ? createMemoryLockBackend() : createSqliteLockBackend(path);
    }
    default: {
      // Named memory stores are shared inside the process, so their leases must be too.
      let backend = memoryBackends.get(storeUrl);
      if (!backend) {
        backend = createMemoryLockBackend();
        if (storeUrl !== "memory://") memoryBackends.set(storeUrl, backend);
      }
      return backend;
    }
  }
}

const memoryBackends = new Map<string, LockBackend>();
