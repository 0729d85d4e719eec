// Opens the backend STORE_URL names (sqlite://, memory://, redis://, postgres://) and hands out one Keyv per
// namespace plus the backend contract's atomic operations (sets, score index, leases) over one connection,
// then migrates data left in an earlier layout. Called once by the composition root; close() runs on SIGTERM.
// Two safety rules live here for every repository: reads THROW on backend errors (Keyv would otherwise return
// undefined, and a read-modify-write would overwrite saved data with an empty list), and a stored value that is
// not even valid JSON comes back as an UnreadableValue instead of an exception, so repositories can skip it.
import { Keyv } from "keyv";
import type { Logger } from "../log.js";
import { createNamespaceAdapter, type StoreBackend } from "./backend.js";
import { openMemoryBackend } from "./memory-backend.js";
import { migrateLegacyLayout } from "./migrate.js";
import { UnreadableValue } from "./records.js";
import { openSqliteBackend } from "./sqlite-backend.js";
import type { Store, StoreKind } from "./types.js";

export interface CreateStoreOptions {
  log: Logger;
  /** Base for relative sqlite paths; the process's working directory by default. */
  cwd?: string;
}

const NAMESPACE_NAME = /^[a-z][a-z0-9-]*$/;
const REPEAT_LOG_INTERVAL_MS = 60_000;

export function storeKindOf(url: string): StoreKind {
  const scheme = /^([a-z]+):\/\//.exec(url)?.[1];
  switch (scheme) {
    case "sqlite":
      return "sqlite";
    case "memory":
      return "memory";
    case "redis":
    case "rediss":
      return "redis";
    case "postgres":
    case "postgresql":
      return "postgres";
    default:
      throw new Error("STORE_URL must start with sqlite://, memory://, redis:// or postgres://");
  }
}

/** The URL with any password replaced, safe to log. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^/@:]*:)[^/@]*@/i, "$1[redacted]@");
}

/** Strings that must never reach a log line: the URL's password (raw and decoded). */
function secretsOf(url: string): string[] {
  const match = /^[a-z]+:\/\/[^/@:]*:([^/@]*)@/i.exec(url);
  const password = match?.[1];
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: only the raw form can appear then.
  }
  return [...new Set([password, decoded])];
}

/** Redacts the password where it stands (a URL's `:password@`, or alone as a word), never inside other words. */
function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((acc, secret) => {
    const s = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return acc.replace(new RegExp(`:${s}@|(?<![\\w%-])${s}(?![\\w%-])`, "g"), (m) => (m.startsWith(":") && m.endsWith("@") ? ":[redacted]@" : "[redacted]"));
  }, text);
}

/** A log-safe description of a backend error. */
export function describeStoreError(err: unknown, url: string): { name: string; message: string; code?: string } {
  const secrets = secretsOf(url);
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  return {
    name: e.name,
    message: scrub(e.message, secrets),
    ...(typeof code === "string" ? { code } : {}),
  };
}

export async function openBackend(url: string, kind: StoreKind, cwd: string): Promise<StoreBackend> {
  switch (kind) {
    case "memory":
      return openMemoryBackend(url.replace(/^memory:\/\//, ""));
    case "sqlite":
      return openSqliteBackend(url, cwd);
    case "redis": {
      const { openRedisBackend } = await import("./redis-backend.js");
      return openRedisBackend(url);
    }
    case "postgres": {
      const { openPostgresBackend } = await import("./postgres-backend.js");
      return openPostgresBackend(url);
    }
  }
}

export async function createStore(url: string, opts: CreateStoreOptions): Promise<Store> {
  const { log } = opts;
  const kind = storeKindOf(url);
  let backend: StoreBackend;
  try {
    backend = await openBackend(url, kind, opts.cwd ?? process.cwd());
  } catch (err) {
    const safe = describeStoreError(err, url);
    log.error({ store: kind, url: redactUrl(url), error: safe }, "could not open the store");
    throw new Error(`Could not open the ${kind} store at ${redactUrl(url)}: ${safe.message}`);
  }
  log.info({ store: kind, url: redactUrl(url) }, "store opened");
  if (kind === "memory") {
    log.warn(
      { store: kind },
      "memory:// keeps state in this process only: another bot instance or `npm run deliver` sees none of it, " +
        "leases and bookmarks are not shared, and everything is lost on exit. Use sqlite://, redis:// or postgres:// to run several.",
    );
  }

  // One backend failure is re-emitted by every Keyv sharing the connection: log each error object once, and
  // the same message (a reconnect loop while Redis is down) at most once a minute at error level.
  const logged = new WeakSet<object>();
  const lastLoggedAt = new Map<string, number>();
  const namespaces = new Map<string, Keyv>();
  let closing: Promise<void> | undefined;

  const namespace = (name: string): Keyv => {
    if (!NAMESPACE_NAME.test(name)) throw new Error(`invalid store namespace "${name}"`);
    const existing = namespaces.get(name);
    if (existing) return existing;
    // The adapter prefixes keys with the namespace itself (in the layout each backend always had).
    const keyv = new Keyv(createNamespaceAdapter(backend, name), { namespace: name, useKeyPrefix: false, throwOnErrors: true });
    const parse = keyv.deserialize;
    if (parse) {
      keyv.deserialize = async (data) => {
        try {
          return await parse(data);
        } catch {
          return { value: new UnreadableValue(String(data)) as never };
        }
      };
    }
    keyv.on("error", (err: unknown) => {
      if (typeof err === "object" && err !== null) {
        if (logged.has(err)) return;
        logged.add(err);
      }
      const error = describeStoreError(err, url);
      const now = Date.now();
      const repeated = now - (lastLoggedAt.get(error.message) ?? -Infinity) < REPEAT_LOG_INTERVAL_MS;
      if (!repeated) lastLoggedAt.set(error.message, now);
      log[repeated ? "debug" : "error"]({ store: kind, namespace: name, error }, "store error");
    });
    namespaces.set(name, keyv);
    return keyv;
  };

  const full = (ns: string, key: string) => `${ns}${backend.separator}${key}`;
  const store: Store = {
    kind,
    log,
    namespace,
    async setIfAbsent(ns, key, ttlMs) {
      return store.putIfAbsent(ns, key, true, ttlMs);
    },
    async putIfAbsent(ns, key, value, ttlMs) {
      const keyv = namespace(ns);
      const envelope = { value, expires: ttlMs ? Date.now() + ttlMs : undefined };
      const serialized = keyv.serialize ? await keyv.serialize(envelope) : JSON.stringify(envelope);
      return backend.setIfAbsent(full(ns, key), String(serialized), ttlMs);
    },
    async keys(ns, prefix = "") {
      const start = full(ns, "");
      return (await backend.keys(full(ns, prefix))).map((k) => k.slice(start.length));
    },
    sets: backend.sets,
    index: backend.index,
    leases: backend.leases,
    close: () => {
      closing ??= backend.close().then(
        () => log.info({ store: kind }, "store closed"),
        (err: unknown) => log.warn({ store: kind, error: describeStoreError(err, url) }, "store did not close cleanly"),
      );
      return closing;
    },
  };
  try {
    await migrateLegacyLayout(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
