// A separate process for cross-process.test.ts and the store benchmark: opens STORE_URL, prints "ready",
// waits for "go" on stdin (so every process starts its burst at the same moment), then races the others:
// bookmarks added concurrently, a first-time check, a lease, set additions. Prints one JSON line of results.
// `legacyBookmarks` adds them the way paperboy did before (one list per user, read-modify-write under an
// in-process lock): the baseline the store benchmark compares with.
import { createStore } from "../../../src/store/create-store.js";
import { createKeyedLock } from "../../../src/store/key-lock.js";
import { createLockService, createStoreLockBackend } from "../../../src/store/lock.js";
import { createRepos } from "../../../src/store/repos.js";
import { silentLogger } from "../../../src/log.js";
import type { Paper } from "../../../src/paper.js";

export interface ChildInput {
  url: string;
  /** Papers to bookmark, all at once, for one user. */
  papers: string[];
  userId: string;
  onceKey: string;
  leaseKey: string;
  setName: string;
  setMembers: string[];
  legacyBookmarks?: boolean;
}

export interface ChildResult {
  /** Paper ids whose add() returned true (new). */
  added: string[];
  firstTime: boolean;
  lease: boolean;
  setAdds: number;
}

const paper = (id: string): Paper => ({
  id, title: `Paper ${id}`, abstract: "", authors: [], authorCount: 0, keywords: [], source: "hf",
});

const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
const store = await createStore(input.url, { log: silentLogger });
const { bookmarks, once } = createRepos(store);
const legacyLock = createKeyedLock();
/** The previous layout's add: read the user's list, append, write it back (serialised in this process only). */
const legacyAdd = (userId: string, id: string) =>
  legacyLock.run(userId, async () => {
    const keyv = store.namespace("legacy-bookmarks");
    const list = ((await keyv.get(userId)) as { paperId: string }[] | undefined) ?? [];
    if (list.some((b) => b.paperId === id)) return false;
    await keyv.set(userId, [...list, { paperId: id, savedAt: new Date().toISOString(), paper: paper(id) }]);
    return true;
  });
const locks = createLockService({ backend: createStoreLockBackend(store), ttlMs: 10_000 });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));

const owner = { platform: "discord" as const, userId: input.userId };
const [added, firstTime, lease, setAdds] = await Promise.all([
  Promise.all(
    input.papers.map(async (id) =>
      (await (input.legacyBookmarks ? legacyAdd(owner.userId, id) : bookmarks.add(owner, paper(id)))) ? [id] : [],
    ),
  ).then((r) => r.flat()),
  once.firstTime(input.onceKey, 60_000),
  locks.acquire(input.leaseKey),
  Promise.all(input.setMembers.map((m) => store.sets.add(input.setName, m))).then((r) => r.filter(Boolean).length),
]);
// Hold the lease until every process has tried, then let go.
await new Promise((r) => setTimeout(r, 500));
await lease?.release();
await store.close();
const result: ChildResult = { added, firstTime, lease: lease !== undefined, setAdds };
process.stdout.write(`${JSON.stringify(result)}\n`);
