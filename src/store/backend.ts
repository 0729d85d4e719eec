// What create-store needs from each STORE_URL backend, plus the shared-table plumbing used by the SQLite and
// in-memory backends: one key/value table (one connection) seen through a small Keyv adapter per namespace.
// Keyv prefixes keys with `namespace:` itself; the per-namespace view exists so that clear() empties only its
// own namespace (a single adapter shared by several Keyv instances would clear whichever namespace was set last).
import { EventEmitter } from "node:events";
import type { KeyvStoreAdapter } from "keyv";
import type { StoreKind } from "./types.js";

/** One opened backend. Every namespace's adapter shares the backend's connection. */
export interface Backend {
  kind: StoreKind;
  /** The Keyv store adapter for one namespace (called once per namespace). */
  adapter(namespace: string): KeyvStoreAdapter;
  /** False when the adapter prefixes keys with its namespace itself (Redis), so Keyv must not add another. */
  keyvPrefixesKeys: boolean;
  setIfAbsent?(namespace: string, key: string, serialized: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A raw string key/value table shared by all namespaces. */
export interface SharedTable {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
}

class NamespaceView extends EventEmitter {
  namespace?: string | undefined;
  readonly opts: { dialect: string; namespace: string };

  constructor(
    private readonly table: SharedTable,
    private readonly name: string,
    dialect: string,
  ) {
    super();
    this.namespace = name;
    this.opts = { dialect, namespace: name };
  }

  async get(key: string): Promise<string | undefined> {
    return this.table.get(key);
  }

  async set(key: string, value: unknown): Promise<void> {
    // Keyv always hands over its serialized string (we never turn serialization off).
    await this.table.set(key, String(value));
  }

  async delete(key: string): Promise<boolean> {
    return this.table.delete(key);
  }

  async clear(): Promise<void> {
    await this.table.deletePrefix(`${this.name}:`);
  }
}

/** A Keyv adapter for one namespace of a shared table. */
export function createNamespaceAdapter(table: SharedTable, namespace: string, dialect: string): KeyvStoreAdapter {
  return new NamespaceView(table, namespace, dialect) as unknown as KeyvStoreAdapter;
}

/** A SharedTable over a Map (memory://). */
export function createMapTable(map: Map<string, string>): SharedTable {
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    delete: async (key) => map.delete(key),
    deletePrefix: async (prefix) => {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    },
  };
}

/** The process-wide maps behind named memory stores (`memory://name`), so two opens share state like a file. */
const namedMaps = new Map<string, Map<string, string>>();

/**
 * memory:// — a fresh Map per open; memory://NAME — one Map per NAME shared by every open in this process
 * (lets a test "restart" or run the bot and `deliver` side by side without a file).
 */
export function openMemoryBackend(name: string): Backend {
  let map = name === "" ? new Map<string, string>() : namedMaps.get(name);
  if (!map) {
    map = new Map<string, string>();
    namedMaps.set(name, map);
  }
  const table = createMapTable(map);
  return {
    kind: "memory",
    adapter: (namespace) => createNamespaceAdapter(table, namespace, "memory"),
    keyvPrefixesKeys: true,
    close: async () => {},
  };
}
