// The four STORE_URL backends for the store suites: memory://, a SQLite file in a temp dir, and real
// redis-server and PostgreSQL servers started on loopback for the test file. Missing binaries make the
// suite FAIL (the start helpers throw), never skip.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startPostgresServer, type PostgresServer } from "../../support/postgres-server.js";
import { startRedisServer, type RedisServer } from "../delivery/redis-server.js";

export type BackendName = "memory" | "sqlite" | "redis" | "postgres";

export interface BackendUnderTest {
  name: BackendName;
  /** A STORE_URL for this backend; valid once the file's beforeAll has run. */
  url(): string;
  /** True when several processes can share it (all but memory://). */
  shared: boolean;
}

/** Registers beforeAll/afterAll that start the servers, and returns the backends (all four, or `only`). */
export function useBackends(only: BackendName[] = ["memory", "sqlite", "redis", "postgres"]): BackendUnderTest[] {
  let redis: RedisServer | undefined;
  let postgres: PostgresServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), "paperboy-backends-"));
  let memoryCount = 0;
  beforeAll(async () => {
    [redis, postgres] = await Promise.all([
      only.includes("redis") ? startRedisServer() : undefined,
      only.includes("postgres") ? startPostgresServer() : undefined,
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([redis?.stop(), postgres?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const all: BackendUnderTest[] = [
    { name: "memory", shared: false, url: () => `memory://contract-${process.pid}-${++memoryCount}` },
    { name: "sqlite", shared: true, url: () => `sqlite://${join(dir, "store.sqlite")}` },
    { name: "redis", shared: true, url: () => redis!.url },
    { name: "postgres", shared: true, url: () => postgres!.url },
  ];
  return all.filter((b) => only.includes(b.name));
}
