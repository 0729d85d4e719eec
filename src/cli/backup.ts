// `npm run backup -- FILE`: a consistent snapshot of the SQLite store into FILE while the bot keeps running,
// through SQLite's online backup API (never a file copy, which could catch a half-written page or miss the
// WAL). The snapshot is written next to FILE and renamed into place, so FILE is never left half-written.
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { parseCommandLine } from "./args.js";
import { describeSqliteFile, formatBytes, openSqliteFile, storeFileOf } from "./sqlite-file.js";

const USAGE = `usage: npm run backup -- FILE [--force]

Writes a consistent snapshot of the SQLite store (STORE_URL, from the environment or .env) to FILE. Safe
while paperboy runs: it uses SQLite's online backup API. Restore it with \`npm run restore -- FILE\`.
Redis and Postgres stores: use redis-cli --rdb / pg_dump (this command says how).

options:
  --force     replace FILE if it exists
  -h, --help  show this help`;

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine({
    usage: USAGE,
    options: { force: { type: "boolean" } },
    positionals: { min: 1, max: 1, name: "FILE (where to write the backup)" },
  });
  const target = resolve(positionals[0]!);
  const config = loadConfig();
  const store = storeFileOf(config.STORE_URL, process.cwd(), "back up");
  if ("reason" in store) return exit(1, store.reason);
  if (!existsSync(store.path)) return exit(1, `There is no store at ${store.path} yet: nothing to back up.`);
  if (target === store.path) return exit(2, "FILE is the store itself; choose another path.");
  if (existsSync(target) && values.force !== true) return exit(1, `${target} already exists. Add --force to replace it.`);

  const partial = `${target}.partial-${process.pid}`;
  const source = await openSqliteFile(store.path, "write");
  try {
    await source.exec("PRAGMA busy_timeout = 5000");
    await source.backupTo(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await source.close();
  }
  const copy = await openSqliteFile(partial, "read");
  const summary = await describeSqliteFile(copy);
  await copy.close();
  if (!summary.ok) {
    rmSync(partial, { force: true });
    return exit(1, "The snapshot failed SQLite's integrity check; the store may be damaged. Nothing was written.");
  }
  renameSync(partial, target);
  process.stdout.write(`Backed up ${summary.rows} entries from ${store.path} to ${target} (${formatBytes(statSync(target).size)}).\n`);
}

function exit(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) exit(1, `backup can't start. ${err.message}`);
  exit(1, `backup failed: ${err instanceof Error ? err.message : String(err)}`);
});
