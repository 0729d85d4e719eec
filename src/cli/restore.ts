// `npm run restore -- FILE`: puts a backup made by `npm run backup` back as the SQLite store. Refuses while
// any other process (a running bot, `npm run deliver`) has the store open: it takes SQLite's exclusive lock
// first and holds it throughout. The store it replaces is first saved next to it, and both paths are printed.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { parseCommandLine } from "./args.js";
import { describeSqliteFile, openSqliteFile, storeFileOf, type SqliteFile } from "./sqlite-file.js";

const USAGE = `usage: npm run restore -- FILE

Replaces the SQLite store (STORE_URL, from the environment or .env) with the backup in FILE. Stop paperboy
(and any npm run deliver) first: restore refuses to run while another process has the store open. The
current store is saved first as STORE.before-restore-TIMESTAMP, and the command prints where.

options:
  -h, --help  show this help`;

async function main(): Promise<void> {
  const { positionals } = parseCommandLine({ usage: USAGE, options: {}, positionals: { min: 1, max: 1, name: "FILE (the backup to restore)" } });
  const backupPath = resolve(positionals[0]!);
  const config = loadConfig();
  const store = storeFileOf(config.STORE_URL, process.cwd(), "restore");
  if ("reason" in store) return exit(1, store.reason);
  if (!existsSync(backupPath) || !statSync(backupPath).isFile()) return exit(1, `There is no backup file at ${backupPath}.`);
  if (backupPath === store.path) return exit(2, "FILE is the store itself; choose the backup file.");

  const backup = await openSqliteFile(backupPath, "read").catch(() => exit(1, `${backupPath} can't be opened as a SQLite file.`));
  const incoming = await describeSqliteFile(backup).catch(() => ({ ok: false, tables: 0, rows: 0 }));
  await backup.close();
  if (!incoming.ok || incoming.tables === 0) return exit(1, `${backupPath} is not a paperboy backup (not a valid SQLite store). Nothing was changed.`);

  mkdirSync(dirname(store.path), { recursive: true });
  const live = await openSqliteFile(store.path, "create");
  try {
    await lockExclusively(live);
    const current = await describeSqliteFile(live);
    if (current.rows > 0) {
      const saved = `${store.path}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      await live.backupTo(saved);
      process.stdout.write(`Saved the current store (${current.rows} entries) as ${saved}.\n`);
    }
    await live.restoreFrom(backupPath);
    const result = await describeSqliteFile(live);
    if (!result.ok) throw new Error("the restored store failed SQLite's integrity check");
    process.stdout.write(`Restored ${result.rows} entries from ${backupPath} into ${store.path}.\n`);
  } finally {
    await live.close();
  }
}

/**
 * Takes the store's exclusive lock without waiting, and keeps it until the connection closes. Any other open
 * connection, even an idle one, holds a lock on the WAL index, so this fails while paperboy runs.
 */
async function lockExclusively(live: SqliteFile): Promise<void> {
  try {
    await live.exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
  } catch (err) {
    if (!/BUSY|LOCKED/.test(String(err))) throw err;
    await live.close();
    exit(1, `The store ${live.path} is in use by another process (a running paperboy or npm run deliver). Stop it, then run restore again. Nothing was changed.`);
  }
}

function exit(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) exit(1, `restore can't start. ${err.message}`);
  exit(1, `restore failed: ${err instanceof Error ? err.message : String(err)}`);
});
