// The subscription repository: settings and delivery state per channel, listing, corrupt records skipped.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createStore } from "../../../src/store/create-store.js";
import { createDeliveryLedger } from "../../../src/store/deliveries.js";
import { createSubscriptionRepo, type Subscription } from "../../../src/store/subscriptions.js";

const sub = (channelId: string, over: Partial<Subscription> = {}): Subscription => ({
  platform: "discord",
  channelId,
  time: "09:00",
  timezone: "Europe/Berlin",
  top: 5,
  minUpvotes: 0,
  keywords: ["diffusion", "-survey"],
  organizations: [],
  weekend: "skip",
  subscriberId: "U1",
  createdAt: "2025-06-01T00:00:00.000Z",
  activeFrom: "2025-06-01T00:00:00.000Z",
  ...over,
});

describe("subscription repo", () => {
  it("saves, lists, updates and removes subscriptions; state is kept apart", async () => {
    const store = await createStore("memory://", { log: silentLogger });
    const repo = createSubscriptionRepo({ store });
    await repo.save(sub("1"));
    await repo.save(sub("2", { platform: "slack" }));
    await repo.save(sub("1", { time: "18:30" }));
    expect((await repo.list()).map((s) => `${s.platform}:${s.channelId}:${s.time}`).sort()).toEqual([
      "discord:1:18:30",
      "slack:2:09:00",
    ]);
    await repo.saveState({ platform: "discord", channelId: "1" }, { lastDate: "2025-06-05" });
    expect(await repo.getState({ platform: "discord", channelId: "1" })).toEqual({ lastDate: "2025-06-05" });
    expect(await repo.getState({ platform: "slack", channelId: "2" })).toEqual({});
    expect(await repo.remove({ platform: "discord", channelId: "1" })).toBe(true);
    expect(await repo.remove({ platform: "discord", channelId: "1" })).toBe(false);
    expect((await repo.list()).map((s) => s.channelId)).toEqual(["2"]);
  });

  it("rejects invalid settings and skips a corrupted record", async () => {
    const store = await createStore("memory://", { log: silentLogger });
    const repo = createSubscriptionRepo({ store });
    await expect(repo.save(sub("1", { timezone: "Mars/Olympus" }))).rejects.toThrow();
    await expect(repo.save(sub("1", { time: "25:00" }))).rejects.toThrow();
    await repo.save(sub("2"));
    await store.namespace("subscriptions").set("sub:discord:2", { nonsense: true });
    expect(await repo.list()).toEqual([]);
  });

  it("two processes subscribing at once on one SQLite file lose nothing", async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-subs-")), "s.sqlite")}`;
    const [a, b] = await Promise.all([createStore(url, { log: silentLogger }), createStore(url, { log: silentLogger })]);
    const ra = createSubscriptionRepo({ store: a });
    const rb = createSubscriptionRepo({ store: b });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ra : rb).save(sub(String(i)))));
    expect((await ra.list()).length).toBe(20);
    await Promise.all([a.close(), b.close()]);
  });

  it("the ledger keeps a run and each message's intent and id", async () => {
    const store = await createStore("memory://", { log: silentLogger });
    const ledger = createDeliveryLedger(store);
    const key = { platform: "slack" as const, channelId: "C1", postDate: "2025-06-12" };
    await ledger.saveRun({ ...key, dates: [key.postDate], missedDates: [], papers: [], totalBeforeFilter: 0, createdAt: "2025-06-13T07:00:00Z" });
    expect((await ledger.getRun(key))?.postDate).toBe("2025-06-12");
    await ledger.markIntent(key, "header");
    expect(await ledger.getItem(key, "header")).toMatchObject({ state: "intent", attempts: 1 });
    await ledger.markSent(key, "header", "1718.0001");
    expect(await ledger.getItem(key, "header")).toMatchObject({ state: "sent", messageId: "1718.0001" });
  });
});
