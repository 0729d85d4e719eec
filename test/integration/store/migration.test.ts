// Data written by the previous layout (legacy-layout.ts) on SQLite and Redis migrates on first start with
// nothing lost: every bookmark in its order, broken records kept aside, every subscription and its state,
// posts untouched. Two processes starting at once, and later restarts, change nothing further.
import { describe, expect, it } from "vitest";
import { nextDueAt } from "../../../src/schedule/slots.js";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import { createSubscriptionRepo } from "../../../src/store/subscriptions.js";
import type { Store } from "../../../src/store/types.js";
import { captureLog } from "../../unit/store/support.js";
import { useBackends } from "./backends.js";
import { LEGACY_DATA, writeLegacyStore } from "./legacy-layout.js";

async function snapshot(store: Store) {
  const { bookmarks, posts } = createRepos(store);
  const subs = createSubscriptionRepo({ store, nextDue: nextDueAt });
  const list = async (platform: "discord" | "slack", userId: string) =>
    (await bookmarks.list({ platform, userId })).map((b) => [b.paperId, b.savedAt, b.paper.title]);
  return {
    ada: await list("discord", "U-ada"),
    bob: await list("slack", "U-bob"),
    eve: await list("slack", "U-eve"),
    subscriptions: (await subs.list()).map((s) => `${s.platform}:${s.channelId}@${s.time}`),
    stateC1: await subs.getState({ platform: "discord", channelId: "C1" }),
    post: await posts.lookup("discord", "C1", "M1"),
  };
}

for (const backend of useBackends(["sqlite", "redis"])) {
  describe(`${backend.name}: migrating the previous layout`, () => {
    it("keeps every bookmark, subscription and state, with two processes starting at once", { timeout: 30_000 }, async () => {
      const url = backend.url();
      await writeLegacyStore(url, LEGACY_DATA);

      const logs = [captureLog(), captureLog()];
      const [a, b] = (await Promise.all(logs.map((l) => createStore(url, { log: l.log })))) as [Store, Store];
      const seen = await snapshot(a);
      expect(seen.ada).toEqual([
        ["2401.00003", "2025-01-03T10:00:00.000Z", "Paper 2401.00003"],
        ["2401.00002", "2025-01-03T10:00:00.000Z", "Paper 2401.00002"],
        ["2401.00001", "2025-01-02T10:00:00.000Z", "Paper 2401.00001"],
      ]);
      expect(seen.bob).toEqual([["2401.00009", "2025-01-04T10:00:00.000Z", "Paper 2401.00009"]]);
      expect(seen.eve).toEqual([]);
      expect(seen.subscriptions).toEqual(["discord:C1@09:00", "discord:C3@07:15", "slack:C2@18:30"]);
      expect(seen.stateC1).toEqual(LEGACY_DATA.subscriptions!["state:discord:C1"]);
      expect(seen.post).toMatchObject({ paperId: "2401.00001" });
      expect(await snapshot(b)).toEqual(seen);

      // What could not be converted is kept aside, whole, and named in the log.
      const asides = logs.flatMap((l) => l.lines()).filter((l) => typeof l.keptAs === "string");
      const keptFor = new Set(asides.map((l) => l.key));
      expect(keptFor).toEqual(new Set(["slack:U-bob", "slack:U-eve"]));
      const bookmarksNs = a.namespace("bookmarks");
      const eveAside = asides.find((l) => l.key === "slack:U-eve")!.keptAs as string;
      expect(await bookmarksNs.get(eveAside)).toMatchObject({ raw: { surprise: "not a list" } });
      const bobAside = asides.find((l) => l.key === "slack:U-bob")!.keptAs as string;
      expect(await bookmarksNs.get(bobAside)).toMatchObject({ raw: LEGACY_DATA.bookmarks!["slack:U-bob"] });
      expect(await bookmarksNs.get("discord:U-ada")).toBeUndefined();
      expect(await a.namespace("subscriptions").get("index")).toBeUndefined();

      // Every migrated subscription is in the due index; the first tick reschedules the ones not due.
      const repo = createSubscriptionRepo({ store: a, nextDue: nextDueAt });
      const at = Date.parse("2025-01-10T09:00:00.000Z");
      expect((await a.index.range("subscriptions-due", { max: 0 })).map((m) => m.member).sort()).toEqual(
        ["discord:C1", "discord:C3", "slack:C2"],
      );
      // C1 had its 09:00 (Paris) post of that day; C2 and C3 never posted.
      expect((await repo.due(at)).map((d) => d.subscription.channelId)).toEqual(["C3", "C2"]);
      const after = await a.index.range("subscriptions-due");
      expect(after.find((m) => m.member === "discord:C1")?.score).toBeGreaterThan(at);
      expect(after.filter((m) => m.score <= at).map((m) => m.member)).toEqual(["discord:C3", "slack:C2"]);
      await Promise.all([a.close(), b.close()]);

      // A restart neither migrates again nor undoes changes made since.
      const again = await createStore(url, { log: captureLog().log });
      await createRepos(again).bookmarks.remove({ platform: "discord", userId: "U-ada" }, "2401.00002");
      await again.close();
      const third = await createStore(url, { log: captureLog().log });
      expect((await snapshot(third)).ada.map(([id]) => id)).toEqual(["2401.00003", "2401.00001"]);
      await third.close();
    });
  });
}
