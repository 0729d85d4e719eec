// postgres:// — @keyv/postgres, which is an optional dependency: it is loaded only when STORE_URL asks for it
// and, when missing, boot fails with a message naming the package to install. One KeyvPostgres (one pg pool)
// serves every namespace through the shared-table views, like SQLite.
import { createNamespaceAdapter, type Backend, type SharedTable } from "./backend.js";

/** The package STORE_URL=postgres://… needs. */
export const POSTGRES_PACKAGE = "@keyv/postgres";

/** The part of @keyv/postgres's KeyvPostgres this backend uses. */
interface KeyvPostgresLike {
  opts: { schema?: string; table?: string };
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  delete(key: string): Promise<boolean>;
  query(sql: string, values?: unknown[]): Promise<unknown[]>;
  disconnect(): Promise<void>;
  on(event: "error", listener: (err: unknown) => void): unknown;
}
type KeyvPostgresConstructor = new (options: { uri: string }) => KeyvPostgresLike;

async function loadKeyvPostgres(): Promise<KeyvPostgresConstructor> {
  // A variable specifier keeps TypeScript from resolving a package that is not installed.
  const specifier: string = POSTGRES_PACKAGE;
  let mod: { KeyvPostgres?: unknown; default?: unknown };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" && String((err as Error).message).includes(POSTGRES_PACKAGE)) {
      throw new Error(
        `STORE_URL is a postgres:// URL but ${POSTGRES_PACKAGE} is not installed. ` +
          `Install it with \`npm install ${POSTGRES_PACKAGE}\`, or use sqlite:// or redis://.`,
      );
    }
    throw err;
  }
  const ctor = mod.KeyvPostgres ?? mod.default;
  if (typeof ctor !== "function") throw new Error(`${POSTGRES_PACKAGE} did not export KeyvPostgres`);
  return ctor as KeyvPostgresConstructor;
}

export async function openPostgresBackend(url: string): Promise<Backend> {
  const KeyvPostgres = await loadKeyvPostgres();
  const pg = new KeyvPostgres({ uri: url });
  let connectError: unknown;
  pg.on("error", (err) => {
    connectError ??= err;
  });
  const tableName = `${pg.opts.schema ?? "public"}.${pg.opts.table ?? "keyv"}`;
  try {
    await pg.query("SELECT 1");
  } catch (err) {
    // After a failed connect @keyv/postgres only says "query is not a function"; the emitted error is the cause.
    throw connectError instanceof Error ? connectError : err;
  }

  const table: SharedTable = {
    get: async (key) => {
      const value = await pg.get(key);
      return typeof value === "string" ? value : undefined;
    },
    set: async (key, value) => {
      await pg.set(key, value);
    },
    delete: async (key) => pg.delete(key),
    deletePrefix: async (prefix) => {
      await pg.query(`DELETE FROM ${tableName} WHERE left(key, $1) = $2`, [prefix.length, prefix]);
    },
  };
  return {
    kind: "postgres",
    adapter: (namespace) => createNamespaceAdapter(table, namespace, "postgres"),
    keyvPrefixesKeys: true,
    close: async () => {
      await pg.disconnect();
    },
  };
}
