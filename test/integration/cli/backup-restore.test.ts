// `npm run backup` / `npm run restore` against a real SQLite store: a snapshot taken while another process keeps
// writing holds everything written before it began; restore refuses while the store is open elsewhere, saves
// the store it replaces, and brings the snapshot back. Other store kinds get pointed to their own tools.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sqlite3 from "sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { root, runScript } from "./run-script.js";

/** A second process writing rows k0, k1, … one transaction each, printing each key once it is committed. */
const WRITER = `
const sqlite3 = require("sqlite3");
const db = new sqlite3.Database(process.argv[1]);
db.exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)", (err) => {
  if (err) throw err;
  let i = 0;
  const next = () => db.run("INSERT INTO keyv(key, value) VALUES (?, ?)", ["k" + i, "v" + i], (e) => {
    if (e) throw e;
    process.stdout.write("k" + i + "\\n");
    i += 1;
    setImmediate(next);
  });
  next();
});`;

function keysIn(path: string): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all("SELECT key FROM keyv", (e, rows: { key: string }[]) => {
        db.close();
        if (e) reject(e);
        else resolve(new Set(rows.map((r) => r.key)));
      });
    });
  });
}

const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

let writer: ChildProcess | undefined;
afterEach(() => void writer?.kill("SIGKILL"));

describe("npm run backup / restore (SQLite)", () => {
  it("snapshots a store another process is writing, refuses to restore while it is open, then restores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-backup-"));
    const storePath = join(dir, "data", "store.sqlite");
    const env = { STORE_URL: `sqlite://${storePath}` };
    await createStore(env.STORE_URL, { log: silentLogger }).then((s) => s.close());

    const committed: string[] = [];
    writer = spawn(process.execPath, ["-e", WRITER, storePath], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let buffered = "";
    writer.stdout?.on("data", (d) => {
      const lines = (buffered + String(d)).split("\n");
      buffered = lines.pop() ?? "";
      committed.push(...lines);
    });
    await until(() => committed.length >= 50);

    const before = [...committed];
    const backup = await runScript("src/cli/backup.ts", ["backup.sqlite"], { env, cwd: dir });
    const afterBackup = committed.length;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ entries from .*store\.sqlite to .*backup\.sqlite/);
    await until(() => committed.length > afterBackup + 20);

    const refused = await runScript("src/cli/restore.ts", ["backup.sqlite"], { env, cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is in use by another process");
    expect(refused.stderr).toContain("Nothing was changed");

    writer.kill("SIGKILL");
    await new Promise((r) => writer?.once("exit", r));
    const lastWritten = committed.at(-1)!;
    expect(await keysIn(storePath)).toContain(lastWritten);

    const restored = await runScript("src/cli/restore.ts", ["backup.sqlite"], { env, cwd: dir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Saved the current store \(\d+ entries\) as .*store\.sqlite\.before-restore-/);
    expect(restored.stdout).toMatch(/Restored \d+ entries from .*backup\.sqlite into .*store\.sqlite/);

    const keys = await keysIn(storePath);
    for (const key of before) expect(keys).toContain(key);
    expect(keys).not.toContain(lastWritten);
    const saved = readdirSync(join(dir, "data")).find((f) => f.startsWith("store.sqlite.before-restore-"));
    expect(await keysIn(join(dir, "data", saved!))).toContain(lastWritten);
  });

  it("refuses to restore while paperboy's own store connection is open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-restore-"));
    const env = { STORE_URL: `sqlite://${join(dir, "store.sqlite")}` };
    const store = await createStore(env.STORE_URL, { log: silentLogger });
    await store.namespace("cache").set("kept", 1);
    const backup = await runScript("src/cli/backup.ts", [join(dir, "b.sqlite")], { env, cwd: dir });
    expect(backup.code, backup.stderr).toBe(0);
    const refused = await runScript("src/cli/restore.ts", [join(dir, "b.sqlite")], { env, cwd: dir });
    await store.close();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Stop it, then run restore again");
  });

  it("refuses a backup file that is not a store, and an existing FILE without --force", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-restore-"));
    const env = { STORE_URL: `sqlite://${join(dir, "store.sqlite")}` };
    writeFileSync(join(dir, "notes.txt"), "not a database\n".repeat(100));
    const bad = await runScript("src/cli/restore.ts", ["notes.txt"], { env, cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a paperboy backup|can't be opened/);
    expect(existsSync(join(dir, "store.sqlite"))).toBe(false);

    await createStore(env.STORE_URL, { log: silentLogger }).then((s) => s.close());
    const exists = await runScript("src/cli/backup.ts", ["notes.txt"], { env, cwd: dir });
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("already exists. Add --force to replace it.");
  });

  it("points Redis and Postgres users to their own tools", async () => {
    const redis = await runScript("src/cli/backup.ts", ["x.rdb"], { env: { STORE_URL: "redis://127.0.0.1:1" } });
    expect(redis.code).toBe(1);
    expect(redis.stderr).toContain("redis-cli");
    const pg = await runScript("src/cli/restore.ts", ["x.dump"], { env: { STORE_URL: "postgres://u:secret@127.0.0.1:1/db" } });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain("pg_restore");
    expect(pg.stderr).not.toContain("secret");
  });
});
