// The multi-instance stores the exactly-once tests run on, each as the real thing on loopback: a SQLite file in a
// fresh temp directory, a throwaway redis-server, a throwaway PostgreSQL cluster. A missing server fails the test; it never skips.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRedisServer } from "../integration/delivery/redis-server.js";
import { startPostgresServer } from "./postgres-server.js";

export type StoreKind = "sqlite" | "redis" | "postgres";

export interface StoreServer {
  kind: StoreKind;
  /** A STORE_URL for it. */
  url: string;
  stop(): Promise<void>;
}

/** Every store several paperboy processes can share, in the order the suites run them. */
export const SHARED_STORE_KINDS: readonly StoreKind[] = ["sqlite", "redis", "postgres"];

export async function startStoreServer(kind: StoreKind): Promise<StoreServer> {
  switch (kind) {
    case "sqlite": {
      const dir = mkdtempSync(join(tmpdir(), "paperboy-store-"));
      return { kind, url: `sqlite://${join(dir, "paperboy.sqlite")}`, stop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    case "redis": {
      const server = await startRedisServer();
      return { kind, url: server.url, stop: () => server.stop() };
    }
    case "postgres": {
      const server = await startPostgresServer();
      return { kind, url: server.url, stop: () => server.stop() };
    }
  }
}
