// SQLite file operations for `npm run backup` and `npm run restore`, over the sqlite3 package: open a store
// file, query it, and SQLite's online backup API (sqlite3_backup_*). One backup step over every page runs in
// one read transaction, so the copy is a consistent snapshot while the bot keeps writing (WAL: readers never
// block writers). Also the plain-words answer for stores that are not SQLite files.
import sqlite3 from "sqlite3";
import { sqlitePath } from "../store/sqlite-backend.js";

/** The part of node-sqlite3's Backup object used here (its typings omit it). */
interface BackupHandle {
  step(pages: number, callback: (err: Error | null) => void): void;
  finish(callback?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}
type BackupCapable = sqlite3.Database & {
  backup(file: string, destName: string, sourceName: string, fileIsDest: boolean, cb: (err: Error | null) => void): BackupHandle;
};

/** How long a backup step keeps retrying while another connection holds a lock it needs. */
const LOCK_RETRY_MS = 10_000;

export interface SqliteFile {
  readonly path: string;
  exec(sql: string): Promise<void>;
  all<T>(sql: string): Promise<T[]>;
  /** Copies this database, as one consistent snapshot, into `file` (created or replaced). */
  backupTo(file: string): Promise<void>;
  /** Replaces this database's content with the database in `file`, page by page. */
  restoreFrom(file: string): Promise<void>;
  close(): Promise<void>;
}

export function openSqliteFile(path: string, mode: "read" | "write" | "create"): Promise<SqliteFile> {
  const flags =
    mode === "read" ? sqlite3.OPEN_READONLY : mode === "write" ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, flags, (err) => (err ? reject(err) : resolve(wrap(db as BackupCapable, path))));
  });
}

function wrap(db: BackupCapable, path: string): SqliteFile {
  const copy = (file: string, fileIsDest: boolean) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + LOCK_RETRY_MS;
      const handle = db.backup(file, "main", "main", fileIsDest, (initErr) => {
        if (initErr) return reject(initErr);
        // -1 = every page in one step, hence one snapshot. BUSY/LOCKED leave the backup open for a retry.
        const step = () =>
          handle.step(-1, (err) => {
            if (!err && handle.completed) return handle.finish((e) => (e ? reject(e) : resolve()));
            const retry = err && !handle.failed && /BUSY|LOCKED/.test(err.message) && Date.now() < deadline;
            if (retry) return void setTimeout(step, 100);
            handle.finish(() => reject(err ?? new Error("the SQLite backup did not complete")));
          });
        step();
      });
    });
  return {
    path,
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve()))),
    all: <T>(sql: string) =>
      new Promise<T[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[])))),
    backupTo: (file) => copy(file, true),
    restoreFrom: (file) => copy(file, false),
    close: () => new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** What a database file holds: its integrity and row counts, for the messages both commands print. */
export async function describeSqliteFile(file: SqliteFile): Promise<{ ok: boolean; tables: number; rows: number }> {
  const check = await file.all<{ quick_check: string }>("PRAGMA quick_check");
  const ok = check.length === 1 && check[0]?.quick_check === "ok";
  const tables = await file.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  let rows = 0;
  for (const { name } of tables) {
    const [count] = await file.all<{ n: number }>(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`);
    rows += count?.n ?? 0;
  }
  return { ok, tables: tables.length, rows };
}

/**
 * The SQLite file STORE_URL names, or the reason this command can't handle that store: Redis and Postgres
 * have their own backup tools, and memory:// keeps nothing.
 */
export function storeFileOf(storeUrl: string, cwd: string, verb: "back up" | "restore"): { path: string } | { reason: string } {
  const scheme = /^([a-z]+):\/\//.exec(storeUrl)?.[1] ?? "";
  if (scheme === "sqlite") {
    const path = sqlitePath(storeUrl, cwd);
    if (path === ":memory:") return { reason: "STORE_URL is sqlite://:memory:, which keeps nothing on disk." };
    return { path };
  }
  if (scheme === "memory") return { reason: "STORE_URL is memory://, which keeps nothing on disk: there is nothing to " + verb + "." };
  if (scheme === "redis" || scheme === "rediss") {
    return {
      reason:
        "STORE_URL is a Redis server; use Redis's own tools: `redis-cli -u URL --rdb FILE` takes a snapshot " +
        "(or BGSAVE and copy dump.rdb); to restore, stop Redis and put the .rdb file back as its dump.rdb.",
    };
  }
  if (scheme === "postgres" || scheme === "postgresql") {
    return {
      reason:
        "STORE_URL is a Postgres database; use Postgres's own tools: `pg_dump --format=custom --file FILE URL` " +
        "while paperboy runs, and `pg_restore --clean --dbname URL FILE` with paperboy stopped.",
    };
  }
  return { reason: `STORE_URL must start with sqlite://, redis://, postgres:// or memory://.` };
}

/** "12 KB"-style size for messages. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
