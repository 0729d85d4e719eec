// postgres:// and postgresql:// — the backend contract on PostgreSQL through `pg` (one pool per store).
// Tables paperboy_kv, paperboy_sets, paperboy_index and paperboy_leases are created at boot under an advisory
// lock (two processes booting at once must not race on CREATE TABLE). Every operation is one statement;
// INSERT … ON CONFLICT … RETURNING makes set-if-absent, set membership and leases atomic across processes.
import pg from "pg";
import { expiresAt, type StoreBackend } from "./backend.js";

const CONNECT_TIMEOUT_MS = 5_000;
/** Any constant: the advisory lock that serialises schema creation between processes. */
const SCHEMA_LOCK = 7_261_354;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS paperboy_kv(key TEXT PRIMARY KEY, value TEXT NOT NULL, expires BIGINT)`,
  `CREATE TABLE IF NOT EXISTS paperboy_sets(name TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY(name, member))`,
  `CREATE TABLE IF NOT EXISTS paperboy_index(name TEXT NOT NULL, member TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY(name, member))`,
  `CREATE INDEX IF NOT EXISTS paperboy_index_by_score ON paperboy_index(name, score)`,
  `CREATE TABLE IF NOT EXISTS paperboy_leases(key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires BIGINT NOT NULL)`,
];
const LIVE = "(expires IS NULL OR expires > $2)";

export async function openPostgresBackend(url: string): Promise<StoreBackend> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 10 });
  // An idle client losing its connection is reported here; the next query fails (and is reported) on its own.
  pool.on("error", () => {});
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as Record<string, unknown>[];

  try {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
      for (const statement of SCHEMA) await client.query(statement);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  return {
    kind: "postgres",
    separator: ":",
    async get(key) {
      const [row] = await rows(`SELECT value FROM paperboy_kv WHERE key = $1 AND ${LIVE}`, [key, Date.now()]);
      return typeof row?.value === "string" ? row.value : undefined;
    },
    async set(key, value, ttlMs) {
      await rows(
        `INSERT INTO paperboy_kv(key, value, expires) VALUES($1, $2, $3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
        [key, value, expiresAt(ttlMs)],
      );
    },
    async delete(key) {
      const [row] = await rows(`DELETE FROM paperboy_kv WHERE key = $1 RETURNING expires`, [key]);
      return row !== undefined && (row.expires === null || Number(row.expires) > Date.now());
    },
    async setIfAbsent(key, value, ttlMs) {
      const written = await rows(
        `INSERT INTO paperboy_kv(key, value, expires) VALUES($1, $2, $3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires
         WHERE paperboy_kv.expires IS NOT NULL AND paperboy_kv.expires <= $4 RETURNING key`,
        [key, value, expiresAt(ttlMs), Date.now()],
      );
      return written.length > 0;
    },
    async keys(prefix) {
      const found = await rows(`SELECT key FROM paperboy_kv WHERE starts_with(key, $1) AND ${LIVE}`, [prefix, Date.now()]);
      return found.map((r) => String(r.key));
    },
    async deletePrefix(prefix) {
      await rows(`DELETE FROM paperboy_kv WHERE starts_with(key, $1)`, [prefix]);
    },
    sets: {
      add: async (set, member) =>
        (await rows(`INSERT INTO paperboy_sets(name, member) VALUES($1, $2) ON CONFLICT DO NOTHING RETURNING member`, [set, member]))
          .length > 0,
      remove: async (set, member) =>
        (await rows(`DELETE FROM paperboy_sets WHERE name = $1 AND member = $2 RETURNING member`, [set, member])).length > 0,
      members: async (set) => (await rows(`SELECT member FROM paperboy_sets WHERE name = $1`, [set])).map((r) => String(r.member)),
    },
    index: {
      async put(name, member, score, options) {
        const onConflict = options?.onlyIfAbsent ? "DO NOTHING" : "DO UPDATE SET score = excluded.score";
        await rows(`INSERT INTO paperboy_index(name, member, score) VALUES($1, $2, $3) ON CONFLICT(name, member) ${onConflict}`, [name, member, score]);
      },
      async remove(name, member) {
        await rows(`DELETE FROM paperboy_index WHERE name = $1 AND member = $2`, [name, member]);
      },
      async range(name, options = {}) {
        const found = await rows(
          `SELECT member, score FROM paperboy_index WHERE name = $1 AND ($2::float8 IS NULL OR score <= $2::float8)
           ORDER BY score, member COLLATE "C" LIMIT $3`,
          [name, options.max ?? null, options.limit ?? null],
        );
        return found.map((r) => ({ member: String(r.member), score: Number(r.score) }));
      },
    },
    leases: {
      async tryAcquire(key, owner, ttlMs) {
        const now = Date.now();
        const taken = await rows(
          `INSERT INTO paperboy_leases(key, owner, expires) VALUES($1, $2, $3)
           ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
           WHERE paperboy_leases.expires <= $4 OR paperboy_leases.owner = $2 RETURNING key`,
          [key, owner, now + ttlMs, now],
        );
        return taken.length > 0;
      },
      async renew(key, owner, ttlMs) {
        const now = Date.now();
        const kept = await rows(
          `UPDATE paperboy_leases SET expires = $3 WHERE key = $1 AND owner = $2 AND expires > $4 RETURNING key`,
          [key, owner, now + ttlMs, now],
        );
        return kept.length > 0;
      },
      async release(key, owner) {
        await rows(`DELETE FROM paperboy_leases WHERE key = $1 AND owner = $2`, [key, owner]);
      },
    },
    close: () => pool.end(),
  };
}
