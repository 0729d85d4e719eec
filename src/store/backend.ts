// The one contract every STORE_URL backend (memory, SQLite, Redis, Postgres) implements, and the Keyv adapter
// built on it. Every operation is atomic on its own and, except on memory://, across processes: repositories
// never need an in-process lock for correctness. test/integration/store/contract.test.ts runs one suite
// against all four backends.
import { EventEmitter } from "node:events";
import type { KeyvStoreAdapter } from "keyv";
import type { StoreKind } from "./types.js";

/** Leases: one owner per key until it expires or is released. */
export interface LeaseOps {
  /** Takes `key` for `owner` when it is free or expired; true when `owner` now holds it. */
  tryAcquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends `owner`'s hold; false when the lease is no longer `owner`'s (expired and taken, or released). */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Drops the lease only when `owner` holds it. */
  release(key: string, owner: string): Promise<void>;
}

/** Unordered sets of strings, changed one member at a time. */
export interface SetOps {
  /** True when `member` was not in the set. */
  add(set: string, member: string): Promise<boolean>;
  /** True when `member` was in the set. */
  remove(set: string, member: string): Promise<boolean>;
  members(set: string): Promise<string[]>;
}

export interface ScoredMember {
  member: string;
  score: number;
}

/** A sorted index of members by numeric score (e.g. a due time in ms), changed one member at a time. */
export interface ScoreIndex {
  /** Sets `member`'s score (adds it when absent). With `onlyIfAbsent`, an existing score is kept. */
  put(index: string, member: string, score: number, options?: { onlyIfAbsent?: boolean }): Promise<void>;
  remove(index: string, member: string): Promise<void>;
  /** Members with score ≤ `max` (all when omitted), lowest score first (ties by member), at most `limit`. */
  range(index: string, options?: { max?: number; limit?: number }): Promise<ScoredMember[]>;
}

/** One opened backend. Keys and values are raw strings; a TTL (ms) makes a key vanish after it. */
export interface StoreBackend {
  readonly kind: StoreKind;
  /** Between a Keyv namespace and its keys: "::" on Redis (the @keyv/redis layout), ":" elsewhere (Keyv's). */
  readonly separator: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** True when there was a (live) key. */
  delete(key: string): Promise<boolean>;
  /** Writes only when `key` is absent or expired; true when written. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  /** Live keys starting with `prefix` (migrations; not for hot paths). */
  keys(prefix: string): Promise<string[]>;
  deletePrefix(prefix: string): Promise<void>;
  readonly sets: SetOps;
  readonly index: ScoreIndex;
  readonly leases: LeaseOps;
  close(): Promise<void>;
}

/** The expiry instant for a TTL, or null for none. */
export const expiresAt = (ttlMs?: number): number | null =>
  ttlMs !== undefined && ttlMs > 0 ? Date.now() + Math.max(1, Math.round(ttlMs)) : null;

class NamespaceView extends EventEmitter {
  namespace?: string | undefined;
  readonly opts: { dialect: string; namespace: string };

  constructor(
    private readonly backend: StoreBackend,
    private readonly name: string,
  ) {
    super();
    this.namespace = name;
    this.opts = { dialect: backend.kind, namespace: name };
  }

  private full(key: string): string {
    return `${this.name}${this.backend.separator}${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    return this.backend.get(this.full(key));
  }

  async set(key: string, value: unknown, ttl?: number): Promise<void> {
    // Keyv always hands over its serialized string (we never turn serialization off).
    await this.backend.set(this.full(key), String(value), ttl);
  }

  async delete(key: string): Promise<boolean> {
    return this.backend.delete(this.full(key));
  }

  async clear(): Promise<void> {
    await this.backend.deletePrefix(`${this.name}${this.backend.separator}`);
  }
}

/** A Keyv adapter for one namespace: keys are stored as `namespace` + separator + key. */
export function createNamespaceAdapter(backend: StoreBackend, namespace: string): KeyvStoreAdapter {
  return new NamespaceView(backend, namespace) as unknown as KeyvStoreAdapter;
}
