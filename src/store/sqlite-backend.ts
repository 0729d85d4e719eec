// sqlite://PATH — one SQLite file through @keyv/sqlite, one connection shared by every namespace.
// `sqlite://data/x.sqlite` is relative to the working directory, `sqlite:///abs/x.sqlite` absolute; the parent
// directory is created. WAL + a busy timeout let the bot and `npm run deliver` use the same file at once.
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { KeyvSqlite } from "@keyv/sqlite";
import { createNamespaceAdapter, type Backend, type SharedTable } from "./backend.js";

/** How long a writer waits for another process's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5_000;
const TABLE = "keyv";

/** The file path a sqlite:// URL names, resolved against `cwd`. `:memory:` stays as is. */
export function sqlitePath(url: string, cwd: string): string {
  const rest = url.replace(/^sqlite:\/\//, "");
  if (rest === "") throw new Error("STORE_URL sqlite:// needs a file path, e.g. sqlite://data/paperboy.sqlite");
  return rest === ":memory:" ? rest : resolve(cwd, decodeURIComponent(rest));
}

export async function openSqliteBackend(url: string, cwd: string): Promise<Backend> {
  const path = sqlitePath(url, cwd);
  if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
  const sqlite = new KeyvSqlite({ uri: `sqlite://${path}`, table: TABLE, busyTimeout: BUSY_TIMEOUT_MS });
  // Connection errors also reject the first query (below); this listener only keeps EventEmitter from throwing.
  sqlite.on("error", () => {});
  // Opens the file now, so a bad path fails at boot rather than on the first command.
  await sqlite.query("PRAGMA journal_mode=WAL");

  const table: SharedTable = {
    get: async (key) => {
      const value: unknown = await sqlite.get(key);
      return typeof value === "string" ? value : undefined;
    },
    set: async (key, value) => {
      await sqlite.set(key, value);
    },
    delete: async (key) => sqlite.delete(key),
    deletePrefix: async (prefix) => {
      await sqlite.query(`DELETE FROM ${TABLE} WHERE substr(key, 1, ?) = ?`, prefix.length, prefix);
    },
  };
  return {
    kind: "sqlite",
    adapter: (namespace) => createNamespaceAdapter(table, namespace, "sqlite"),
    keyvPrefixesKeys: true,
    close: async () => {
      await sqlite.disconnect();
    },
  };
}
