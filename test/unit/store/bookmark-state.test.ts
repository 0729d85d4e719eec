// Read/unread and tags on stored bookmarks: changes keep the reading order and the saved snapshot, and records
// written before these fields existed read as unread and untagged (nothing a user saved is lost).
import { afterEach, describe, expect, it } from "vitest";
import { bookmarkIndexName, bookmarkItemKey, createBookmarkRepo } from "../../../src/store/bookmarks.js";
import { createStore } from "../../../src/store/create-store.js";
import type { BookmarkOwner, Store } from "../../../src/store/types.js";
import { captureLog, makePaper } from "./support.js";

const ada: BookmarkOwner = { platform: "slack", userId: "U-ada" };
let store: Store;
afterEach(async () => {
  await store.close();
});

describe("bookmark reading state and tags", () => {
  it("marks read, tags and untags without reordering or losing the snapshot", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    let tick = Date.parse("2026-05-05T10:00:00Z");
    const repo = createBookmarkRepo(store, { now: () => new Date((tick += 1000)) });
    await repo.add(ada, makePaper("2401.00001"));
    await repo.add(ada, makePaper("2401.00002"));

    const read = await repo.update(ada, "2401.00001", { kind: "read", read: true });
    expect(read?.readAt).toBe("2026-05-05T10:00:03.000Z");
    // Marking read twice keeps the first time.
    expect((await repo.update(ada, "2401.00001", { kind: "read", read: true }))?.readAt).toBe("2026-05-05T10:00:03.000Z");
    await repo.update(ada, "2401.00001", { kind: "tag", add: "rl" });
    await repo.update(ada, "2401.00001", { kind: "tag", add: "agents" });
    await repo.update(ada, "2401.00001", { kind: "tag", add: "rl" });

    const listed = await repo.list(ada);
    expect(listed.map((b) => b.paperId)).toEqual(["2401.00002", "2401.00001"]);
    expect(listed[1]).toMatchObject({ readAt: "2026-05-05T10:00:03.000Z", tags: ["agents", "rl"], paper: { title: "Paper 2401.00001" } });

    const unread = await repo.update(ada, "2401.00001", { kind: "read", read: false });
    expect(unread?.readAt).toBeUndefined();
    expect((await repo.update(ada, "2401.00001", { kind: "tag", remove: "rl" }))?.tags).toEqual(["agents"]);
    expect(await repo.update(ada, "2401.09999", { kind: "read", read: true })).toBeUndefined();
  });

  it("reads a record saved before read/unread and tags existed", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    const repo = createBookmarkRepo(store);
    const old = { paperId: "2401.00007", savedAt: "2025-01-01T00:00:00.000Z", paper: makePaper("2401.00007") };
    await store.namespace("bookmarks").set(bookmarkItemKey(ada, "2401.00007"), old);
    await store.index.put(bookmarkIndexName(ada), "2401.00007", Date.parse(old.savedAt));
    const [listed] = await repo.list(ada);
    expect(listed).toEqual(old);
    expect((await repo.update(ada, "2401.00007", { kind: "tag", add: "old" }))).toEqual({ ...old, tags: ["old"] });
  });
});
