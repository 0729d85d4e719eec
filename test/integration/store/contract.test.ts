// The backend contract (src/store/backend.ts), one suite run against memory://, SQLite, Redis and Postgres:
// key/value with TTL, atomic set-if-absent, prefix scans, sets, the score index, owner-checked leases and the
// Keyv namespaces on top. Cross-process behaviour is in cross-process.test.ts.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { StoreBackend } from "../../../src/store/backend.js";
import { createStore, openBackend, storeKindOf } from "../../../src/store/create-store.js";
import { createLockBackend, createLockService, createStoreLockBackend } from "../../../src/store/lock.js";
import type { Store } from "../../../src/store/types.js";
import { captureLog } from "../../unit/store/support.js";
import { useBackends } from "./backends.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of useBackends()) {
  describe(`${backend.name} backend`, () => {
    const opened: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()));
    });
    /** Two connections to the same store (two "processes" as far as the backend can tell). */
    const openTwo = async (): Promise<[StoreBackend, StoreBackend]> => {
      const url = backend.url();
      const pair = await Promise.all([0, 1].map(() => openBackend(url, storeKindOf(url), process.cwd())));
      opened.push(...pair);
      return pair as [StoreBackend, StoreBackend];
    };
    const openStore = async (url = backend.url()): Promise<Store> => {
      const store = await createStore(url, { log: captureLog().log });
      opened.push(store);
      return store;
    };
    /** A fresh key prefix, so tests sharing a server never see each other's keys. */
    const fresh = () => `t-${randomUUID()}`;

    it("gets, sets, overwrites and deletes; a TTL makes a key vanish", async () => {
      const [a, b] = await openTwo();
      const k = fresh();
      expect(await a.get(k)).toBeUndefined();
      await a.set(k, "one");
      await a.set(k, "two");
      expect(await b.get(k)).toBe("two");
      expect(await b.delete(k)).toBe(true);
      expect(await a.delete(k)).toBe(false);
      expect(await a.get(k)).toBeUndefined();

      await a.set(`${k}:short`, "v", 500);
      await a.set(`${k}:long`, "v", 60_000);
      expect(await b.get(`${k}:short`)).toBe("v");
      await sleep(600);
      expect(await b.get(`${k}:short`)).toBeUndefined();
      expect(await b.delete(`${k}:short`)).toBe(false);
      expect(await b.get(`${k}:long`)).toBe("v");
    });

    it("sets a key only when absent: exactly one of 20 concurrent writers wins, and again after expiry", async () => {
      const [a, b] = await openTwo();
      const k = fresh();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).setIfAbsent(k, `w${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.findIndex(Boolean);
      expect(await a.get(k)).toBe(`w${winner}`);
      expect(await b.setIfAbsent(k, "late")).toBe(false);

      expect(await a.setIfAbsent(`${k}:ttl`, "first", 500)).toBe(true);
      expect(await b.setIfAbsent(`${k}:ttl`, "too early", 500)).toBe(false);
      await sleep(600);
      expect(await b.setIfAbsent(`${k}:ttl`, "after-expiry")).toBe(true);
      expect(await a.get(`${k}:ttl`)).toBe("after-expiry");
      expect(await a.setIfAbsent(`${k}:ttl`, "never")).toBe(false);
    });

    it("lists and deletes keys by prefix only (glob characters are literal)", async () => {
      const [a] = await openTwo();
      const p = fresh();
      await a.set(`${p}:x*:1`, "1");
      await a.set(`${p}:x*:2`, "2");
      await a.set(`${p}:xy:3`, "3");
      await a.set(`${p}:x*:gone`, "4", 1);
      await sleep(20);
      expect((await a.keys(`${p}:x*`)).sort()).toEqual([`${p}:x*:1`, `${p}:x*:2`]);
      await a.deletePrefix(`${p}:x*`);
      expect(await a.keys(`${p}:`)).toEqual([`${p}:xy:3`]);
    });

    it("adds and removes set members one at a time, atomically", async () => {
      const [a, b] = await openTwo();
      const s = fresh();
      const added = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).sets.add(s, `m${i % 10}`)));
      expect(added.filter(Boolean)).toHaveLength(10);
      expect((await a.sets.members(s)).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
      expect(await b.sets.remove(s, "m3")).toBe(true);
      expect(await a.sets.remove(s, "m3")).toBe(false);
      expect(await a.sets.members(s)).toHaveLength(9);
      expect(await a.sets.members(fresh())).toEqual([]);
    });

    it("keeps a score index: upsert, keep-if-present, range by max score with a limit, remove", async () => {
      const [a, b] = await openTwo();
      const idx = fresh();
      await a.index.put(idx, "late", 3_000);
      await a.index.put(idx, "early", 1_000);
      await b.index.put(idx, "tie-b", 2_000);
      await b.index.put(idx, "tie-a", 2_000);
      await a.index.put(idx, "moved", 9_000);
      await a.index.put(idx, "moved", 500);
      await a.index.put(idx, "early", 7_000, { onlyIfAbsent: true });
      expect(await b.index.range(idx, { max: 2_000 })).toEqual([
        { member: "moved", score: 500 },
        { member: "early", score: 1_000 },
        { member: "tie-a", score: 2_000 },
        { member: "tie-b", score: 2_000 },
      ]);
      expect((await b.index.range(idx, { max: 10_000, limit: 2 })).map((m) => m.member)).toEqual(["moved", "early"]);
      await b.index.remove(idx, "moved");
      expect((await a.index.range(idx)).map((m) => m.member)).toEqual(["early", "tie-a", "tie-b", "late"]);
      expect(await a.index.range(idx, { max: 0 })).toEqual([]);
      expect(await a.index.range(fresh())).toEqual([]);
    });

    it("gives a lease to one owner at a time, owner-checked, and to another after expiry", async () => {
      const [a, b] = await openTwo();
      const k = fresh();
      const won = await Promise.all([a.leases.tryAcquire(k, "A", 1_000), b.leases.tryAcquire(k, "B", 1_000)]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const [holder, other, winner, loser] = won[0] ? [a, b, "A", "B"] : [b, a, "B", "A"];
      expect(await other.leases.renew(k, loser, 1_000)).toBe(false);
      await other.leases.release(k, loser);
      expect(await other.leases.tryAcquire(k, loser, 1_000)).toBe(false);
      expect(await holder.leases.renew(k, winner, 500)).toBe(true);
      await sleep(600);
      expect(await other.leases.tryAcquire(k, loser, 5_000)).toBe(true);
      expect(await holder.leases.renew(k, winner, 1_000)).toBe(false);
      await holder.leases.release(k, winner);
      expect(await holder.leases.tryAcquire(k, winner, 1_000)).toBe(false);
      await other.leases.release(k, loser);
      expect(await holder.leases.tryAcquire(k, winner, 1_000)).toBe(true);
    });

    it("LockService: renews a lease held longer than its TTL, and frees it on release", async () => {
      const url = backend.url();
      const [s1, s2] = [await openStore(url), await openStore(url)];
      const locks1 = createLockService({ backend: createStoreLockBackend(s1), ttlMs: 600 });
      const locks2 = createLockService({ backend: createStoreLockBackend(s2), ttlMs: 600 });
      const k = fresh();
      const lease = await locks1.acquire(k);
      expect(lease?.key).toBe(k);
      await sleep(1_000);
      expect(lease!.valid()).toBe(true);
      expect(await locks2.acquire(k)).toBeUndefined();
      await lease!.release();
      expect(lease!.valid()).toBe(false);
      const next = await locks2.acquire(k);
      expect(next?.valid()).toBe(true);
      // A lock backend opened from the URL alone (its own connection) sees the same leases.
      const standalone = createLockService({ backend: createLockBackend(url) });
      expect(await standalone.acquire(k)).toBeUndefined();
      await next!.release();
      const own = await standalone.acquire(k);
      expect(own?.valid()).toBe(true);
      await own!.release();
      await standalone.close();
    });

    it("Keyv namespaces: values round-trip, clear() empties only its own namespace, putIfAbsent is atomic", async () => {
      const url = backend.url();
      const [s1, s2] = [await openStore(url), await openStore(url)];
      const ns = `n${randomUUID().slice(0, 8)}`;
      await s1.namespace(`${ns}-a`).set("k", { nested: [1, ":colon"] });
      await s1.namespace(`${ns}-b`).set("k", 2);
      expect(await s2.namespace(`${ns}-a`).get("k")).toEqual({ nested: [1, ":colon"] });
      await s2.namespace(`${ns}-a`).clear();
      expect(await s1.namespace(`${ns}-a`).get("k")).toBeUndefined();
      expect(await s1.namespace(`${ns}-b`).get("k")).toBe(2);

      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? s1 : s2).putIfAbsent(`${ns}-a`, "once", { by: i })),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await s2.namespace(`${ns}-a`).get("once")).toEqual({ by: wins.findIndex(Boolean) });
      expect(await s1.keys(`${ns}-a`)).toEqual(["once"]);
      expect(await s1.setIfAbsent(`${ns}-b`, "event", 500)).toBe(true);
      expect(await s2.setIfAbsent(`${ns}-b`, "event", 500)).toBe(false);
      await sleep(600);
      expect(await s2.setIfAbsent(`${ns}-b`, "event", 500)).toBe(true);
    });
  });
}
