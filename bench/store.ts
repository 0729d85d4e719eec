// The store benchmark (`npm run bench -- --only store`): bookmarks lost when two processes each add 40 at once
// (the per-item layout vs the previous one-list-per-user read-modify-write, same run), and the scheduler tick
// with nothing due plus save() at 100 / 1,000 / 10,000 subscriptions (store-tick.ts). SQLite always; Redis and
// Postgres with servers the benchmark starts on loopback (the test helpers), skipped with a note if absent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "../src/log.js";
import { createBookmarkRepo } from "../src/store/bookmarks.js";
import { createStore } from "../src/store/create-store.js";
import { startPostgresServer } from "../test/support/postgres-server.js";
import { startRedisServer } from "../test/integration/delivery/redis-server.js";
import { runChildren } from "../test/integration/store/run-children.js";
import { benchStoreTick, type TickBench } from "./store-tick.js";

export interface BookmarkRace {
  /** Bookmarks added in all (2 processes × 40). */
  attempted: number;
  lost: number;
  legacyLost: number;
}

export interface StoreBackendFigures {
  backend: string;
  bookmarks: BookmarkRace;
  tick?: TickBench;
}

const PER_PROCESS = 40;

async function bookmarkRace(url: string, legacy: boolean): Promise<number> {
  const tag = `${legacy ? "legacy" : "new"}-${Date.now()}`;
  const inputs = [0, 1].map((p) => ({
    url, userId: `U-${tag}`, onceKey: `ev-${tag}`, leaseKey: `lease-${tag}`, setName: `set-${tag}`, setMembers: [],
    papers: Array.from({ length: PER_PROCESS }, (_, i) => `${2405 + p}.${String(i).padStart(5, "0")}`),
    legacyBookmarks: legacy,
  }));
  const results = await runChildren(inputs);
  const reported = results.reduce((n, r) => n + r.added.length, 0);
  if (reported !== 2 * PER_PROCESS) throw new Error(`a process reported ${reported} adds`);
  // Count what a user would see afterwards, through a fresh process's eyes.
  const store = await createStore(url, { log: silentLogger });
  const kept = legacy
    ? (((await store.namespace("legacy-bookmarks").get(`U-${tag}`)) as unknown[] | undefined) ?? []).length
    : (await createBookmarkRepo(store).list({ platform: "discord", userId: `U-${tag}` })).length;
  await store.close();
  return 2 * PER_PROCESS - kept;
}

export async function benchStore(opts: { sizes: number[]; tickBackends: string[] }): Promise<StoreBackendFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-bench-store-"));
  const figures: StoreBackendFigures[] = [];
  const servers: { stop(): Promise<void> }[] = [];
  try {
    const backends: [string, () => Promise<string>][] = [
      ["sqlite", async () => `sqlite://${join(dir, "bench.sqlite")}`],
      ["redis", async () => { const s = await startRedisServer(); servers.push(s); return s.url; }],
      ["postgres", async () => { const s = await startPostgresServer(); servers.push(s); return s.url; }],
    ];
    for (const [backend, start] of backends) {
      let url: string;
      try {
        url = await start();
      } catch (err) {
        process.stdout.write(`  (${backend}: not measured, ${err instanceof Error ? err.message : String(err)})\n`);
        continue;
      }
      const bookmarks = { attempted: 2 * PER_PROCESS, lost: await bookmarkRace(url, false), legacyLost: await bookmarkRace(url, true) };
      const tick = opts.tickBackends.includes(backend) ? await benchStoreTick(url, opts.sizes) : undefined;
      figures.push({ backend, bookmarks, ...(tick ? { tick } : {}) });
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
