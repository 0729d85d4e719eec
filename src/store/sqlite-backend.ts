// sqlite://PATH — the backend contract on one SQLite file, one connection (through @keyv/sqlite's query()).
// `sqlite://data/x.sqlite` is relative to the working directory, `sqlite:///abs/x.sqlite` absolute; the parent
// directory is created. WAL + a busy timeout let the bot and `npm run deliver` use the file at once, and every
// operation is ONE statement (upserts with RETURNING), so each is atomic across processes without a lock.
// Tables: `keyv` (the original key/value table, plus an `expires` column), paperboy_sets, paperboy_index and
// paperboy_locks (leases, `{owner, expires}` as JSON, the layout earlier versions used).
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { KeyvSqlite } from "@keyv/sqlite";
import { expiresAt, type StoreBackend } from "./backend.js";

/** How long a writer waits for another process's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5_000;
const KV = "keyv";
const LOCKS = "paperboy_locks";
/** Above every other UTF-8 string starting with the same prefix: `key < prefix + TOP` bounds a prefix range. */
const TOP = "\u{10FFFF}";

/** The file path a sqlite:// URL names, resolved against `cwd`. `:memory:` stays as is. */
export function sqlitePath(url: string, cwd: string): string {
  const rest = url.replace(/^sqlite:\/\//, "");
  if (rest === "") throw new Error("STORE_URL sqlite:// needs a file path, e.g. sqlite://data/paperboy.sqlite");
  return rest === ":memory:" ? rest : resolve(cwd, decodeURIComponent(rest));
}

/** Runs `fn` again (up to the busy timeout) while SQLite answers SQLITE_BUSY. */
async function retryWhileBusy<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!String(err).includes("SQLITE_BUSY") || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    }
  }
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS paperboy_sets(name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY(name, member)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS paperboy_index(name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY(name, member)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS paperboy_index_by_score ON paperboy_index(name, score, member)`,
  `CREATE TABLE IF NOT EXISTS ${LOCKS}(key VARCHAR(255) PRIMARY KEY, value TEXT)`,
];

type Rows = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/** WAL, durability level, the contract's tables, and the `expires` column on the original table. */
async function boot(rows: Rows): Promise<void> {
  await rows("PRAGMA journal_mode=WAL");
  // In WAL mode NORMAL still survives any process crash (kill -9); only a power loss may drop the last commits.
  await rows("PRAGMA synchronous=NORMAL");
  for (const statement of SCHEMA) await rows(statement);
  const columns = await rows(`PRAGMA table_info(${KV})`);
  if (!columns.some((c) => c.name === "expires")) {
    // Two processes may both add it at boot; the loser's "duplicate column" is harmless.
    await rows(`ALTER TABLE ${KV} ADD COLUMN expires INTEGER`).catch((err: unknown) => {
      if (!String(err).includes("duplicate column")) throw err;
    });
  }
}

export async function openSqliteBackend(url: string, cwd: string): Promise<StoreBackend> {
  const path = sqlitePath(url, cwd);
  if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
  // Opens the file now, so a bad path fails at boot rather than on the first command. Two processes opening a
  // new file at once can see SQLITE_BUSY without the busy timeout applying (switching to WAL, and @keyv/sqlite's
  // own CREATE TABLE, after which that connection is unusable): open a fresh connection and try again.
  const sqlite = await retryWhileBusy(async () => {
    const db = new KeyvSqlite({ uri: `sqlite://${path}`, table: KV, busyTimeout: BUSY_TIMEOUT_MS });
    // Connection errors also reject the first query (below); this listener only keeps EventEmitter from throwing.
    db.on("error", () => {});
    try {
      await boot((sql, ...params) => db.query(sql, ...params) as Promise<Record<string, unknown>[]>);
      return db;
    } catch (err) {
      await db.disconnect().catch(() => undefined);
      throw err;
    }
  });
  // A statement refused with SQLITE_BUSY had no effect, so trying it again is safe (rare, under heavy contention).
  const rows: Rows = (sql, ...params) => retryWhileBusy(() => sqlite.query(sql, ...params) as Promise<Record<string, unknown>[]>);
  const LIVE = "(expires IS NULL OR expires > ?)";

  return {
    kind: "sqlite",
    separator: ":",
    async get(key) {
      const [row] = await rows(`SELECT value FROM ${KV} WHERE key = ? AND ${LIVE}`, key, Date.now());
      return typeof row?.value === "string" ? row.value : undefined;
    },
    async set(key, value, ttlMs) {
      await rows(
        `INSERT INTO ${KV}(key, value, expires) VALUES(?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
        key, value, expiresAt(ttlMs),
      );
    },
    async delete(key) {
      const [row] = await rows(`DELETE FROM ${KV} WHERE key = ? RETURNING expires`, key);
      return row !== undefined && (row.expires === null || Number(row.expires) > Date.now());
    },
    async setIfAbsent(key, value, ttlMs) {
      const written = await rows(
        `INSERT INTO ${KV}(key, value, expires) VALUES(?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires
         WHERE ${KV}.expires IS NOT NULL AND ${KV}.expires <= ? RETURNING key`,
        key, value, expiresAt(ttlMs), Date.now(),
      );
      return written.length > 0;
    },
    async keys(prefix) {
      const found = await rows(`SELECT key FROM ${KV} WHERE key >= ? AND key < ? AND ${LIVE}`, prefix, prefix + TOP, Date.now());
      return found.map((r) => String(r.key));
    },
    async deletePrefix(prefix) {
      await rows(`DELETE FROM ${KV} WHERE key >= ? AND key < ?`, prefix, prefix + TOP);
    },
    sets: {
      add: async (set, member) =>
        (await rows(`INSERT INTO paperboy_sets(name, member) VALUES(?, ?) ON CONFLICT DO NOTHING RETURNING member`, set, member))
          .length > 0,
      remove: async (set, member) =>
        (await rows(`DELETE FROM paperboy_sets WHERE name = ? AND member = ? RETURNING member`, set, member)).length > 0,
      members: async (set) => (await rows(`SELECT member FROM paperboy_sets WHERE name = ?`, set)).map((r) => String(r.member)),
    },
    index: {
      async put(name, member, score, options) {
        const onConflict = options?.onlyIfAbsent ? "DO NOTHING" : "DO UPDATE SET score = excluded.score";
        await rows(`INSERT INTO paperboy_index(name, member, score) VALUES(?, ?, ?) ON CONFLICT(name, member) ${onConflict}`, name, member, score);
      },
      async remove(name, member) {
        await rows(`DELETE FROM paperboy_index WHERE name = ? AND member = ?`, name, member);
      },
      async range(name, options = {}) {
        const found = await rows(
          `SELECT member, score FROM paperboy_index WHERE name = ? AND score <= ? ORDER BY score, member LIMIT ?`,
          name, options.max ?? Number.MAX_VALUE, options.limit ?? -1,
        );
        return found.map((r) => ({ member: String(r.member), score: Number(r.score) }));
      },
    },
    leases: {
      async tryAcquire(key, owner, ttlMs) {
        const now = Date.now();
        const taken = await rows(
          `INSERT INTO ${LOCKS}(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
           WHERE json_extract(${LOCKS}.value, '$.expires') <= ? OR json_extract(${LOCKS}.value, '$.owner') = ? RETURNING key`,
          key, JSON.stringify({ owner, expires: now + ttlMs }), now, owner,
        );
        return taken.length > 0;
      },
      async renew(key, owner, ttlMs) {
        const now = Date.now();
        const kept = await rows(
          `UPDATE ${LOCKS} SET value = ? WHERE key = ? AND json_extract(value, '$.owner') = ?
           AND json_extract(value, '$.expires') > ? RETURNING key`,
          JSON.stringify({ owner, expires: now + ttlMs }), key, owner, now,
        );
        return kept.length > 0;
      },
      async release(key, owner) {
        await rows(`DELETE FROM ${LOCKS} WHERE key = ? AND json_extract(value, '$.owner') = ?`, key, owner);
      },
    },
    close: async () => {
      await sqlite.disconnect();
    },
  };
}
