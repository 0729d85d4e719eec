// Atomicity across processes on every shared backend (SQLite file, Redis, Postgres): two child processes
// released at the same instant each add 40 bookmarks at once for one user (20 only they save, 20 both save),
// check the same Slack event id, take the same lease and add to the same set. Nothing may be lost or doubled.
import { describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import { captureLog } from "../../unit/store/support.js";
import { useBackends } from "./backends.js";
import { runChildren } from "./run-children.js";

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${String(i).padStart(5, "0")}`);

for (const backend of useBackends(["sqlite", "redis", "postgres"])) {
  describe(`${backend.name}: two processes at once`, () => {
    it("keep every bookmark (2 processes × 40 concurrent adds), one first-time, one lease holder", { timeout: 60_000 }, async () => {
      const url = backend.url();
      const shared = ids("2402", 20);
      const members = ids("m", 20);
      const inputs = [0, 1].map((i) => ({
        url,
        papers: [...ids(`240${5 + i}`, 20), ...shared],
        userId: "U-race",
        onceKey: "Ev-race",
        leaseKey: "channel:race",
        setName: "race",
        setMembers: members,
      }));
      const results = await runChildren(inputs);

      const store = await createStore(url, { log: captureLog().log });
      const kept = await createRepos(store).bookmarks.list({ platform: "discord", userId: "U-race" });
      await store.close();
      expect(kept).toHaveLength(60);
      expect(new Set(kept.map((b) => b.paperId))).toEqual(new Set(inputs.flatMap((i) => i.papers)));
      const added = results.flatMap((r) => r.added);
      expect(added.filter((id) => shared.includes(id)).sort()).toEqual(shared);
      expect(added).toHaveLength(60);
      expect(results.filter((r) => r.firstTime)).toHaveLength(1);
      expect(results.filter((r) => r.lease)).toHaveLength(1);
      expect(results.reduce((n, r) => n + r.setAdds, 0)).toBe(members.length);
    });
  });
}
