// Bookmarks on the in-memory store: what a user sees when saving, listing and removing papers, including
// concurrent reactions and records written by an older or broken version.
import { afterEach, describe, expect, it } from "vitest";
import { createBookmarkRepo } from "../../../src/store/bookmarks.js";
import { createStore } from "../../../src/store/create-store.js";
import type { BookmarkOwner, Store } from "../../../src/store/types.js";
import { captureLog, makePaper } from "./support.js";

const ada: BookmarkOwner = { platform: "discord", userId: "U-ada" };

let store: Store;
afterEach(async () => {
  await store.close();
});

async function open() {
  const captured = captureLog();
  store = await createStore("memory://", { log: captured.log });
  let tick = Date.parse("2025-01-06T10:00:00Z");
  // A clock that moves one second per call, so savedAt values differ.
  const repo = createBookmarkRepo(store, { now: () => new Date((tick += 1000)) });
  return { repo, captured, keyv: store.namespace("bookmarks") };
}

describe("bookmarks", () => {
  it("adds once, lists newest first, and removes", async () => {
    const { repo } = await open();
    expect(await repo.add(ada, makePaper("2401.00001"))).toBe(true);
    expect(await repo.add(ada, makePaper("2401.00002"))).toBe(true);
    expect(await repo.add(ada, makePaper("2401.00001"))).toBe(false);

    const listed = await repo.list(ada);
    expect(listed.map((b) => b.paperId)).toEqual(["2401.00002", "2401.00001"]);
    expect(listed[0]?.paper.title).toBe("Paper 2401.00002");
    expect(await repo.has(ada, "2401.00001")).toBe(true);

    expect(await repo.remove(ada, "2401.00001")).toBe(true);
    expect(await repo.remove(ada, "2401.00001")).toBe(false);
    expect(await repo.has(ada, "2401.00001")).toBe(false);
    expect((await repo.list(ada)).map((b) => b.paperId)).toEqual(["2401.00002"]);
  });

  it("keeps users and platforms apart", async () => {
    const { repo } = await open();
    await repo.add(ada, makePaper("2401.00001"));
    expect(await repo.list({ platform: "discord", userId: "U-bob" })).toEqual([]);
    expect(await repo.list({ platform: "slack", userId: "U-ada" })).toEqual([]);
  });

  it("keeps the paper snapshot as it was when saved", async () => {
    const { repo } = await open();
    await repo.add(ada, makePaper("2401.00001", { title: "Old title", upvotes: 3 }));
    await repo.add(ada, makePaper("2401.00001", { title: "New title", upvotes: 99 }));
    const [saved] = await repo.list(ada);
    expect(saved?.paper).toMatchObject({ title: "Old title", upvotes: 3 });
  });

  it("loses no update when 100 bookmarks are added at once", async () => {
    const { repo } = await open();
    const ids = Array.from({ length: 100 }, (_, i) => `2401.${String(i).padStart(5, "0")}`);
    const added = await Promise.all(ids.map((id) => repo.add(ada, makePaper(id))));
    expect(added.every(Boolean)).toBe(true);
    expect(new Set((await repo.list(ada)).map((b) => b.paperId))).toEqual(new Set(ids));
  });

  it("applies interleaved adds and removes in the order they were made", async () => {
    const { repo } = await open();
    await Promise.all([
      repo.add(ada, makePaper("2401.00001")),
      repo.add(ada, makePaper("2401.00002")),
      repo.remove(ada, "2401.00001"),
      repo.add(ada, makePaper("2401.00003")),
      repo.remove(ada, "2401.00003"),
      repo.add(ada, makePaper("2401.00003")),
    ]);
    expect((await repo.list(ada)).map((b) => b.paperId)).toEqual(["2401.00003", "2401.00002"]);
  });

  it("skips an unreadable record, and keeps it aside when the same paper is saved again", async () => {
    const { repo, keyv, captured } = await open();
    await repo.add(ada, makePaper("2401.00001"));
    await keyv.set("item:discord:U-ada:2401.00001", { surprise: "not a bookmark" });

    expect(await repo.list(ada)).toEqual([]);
    expect(await repo.has(ada, "2401.00001")).toBe(false);
    expect(await repo.remove(ada, "2401.00001")).toBe(false);
    expect(await keyv.get("item:discord:U-ada:2401.00001")).toEqual({ surprise: "not a bookmark" });

    expect(await repo.add(ada, makePaper("2401.00001"))).toBe(true);
    expect((await repo.list(ada)).map((b) => b.paperId)).toEqual(["2401.00001"]);
    const aside = captured.lines().find((l) => typeof l.keptAs === "string")?.keptAs as string;
    expect(await keyv.get(aside)).toMatchObject({ key: "item:discord:U-ada:2401.00001", raw: { surprise: "not a bookmark" } });
  });

  it("says at boot that memory:// is one process only", async () => {
    const { captured } = await open();
    const warnings = captured.lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toMatch(/memory:\/\/ keeps state in this process only/);
  });
});
