// The SQLite store on a real file in a temp dir: data survives a restart (close + reopen), a broken record is
// skipped and kept, the bot and `npm run deliver` can share the file, and closing lets the process exit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KeyvSqlite } from "@keyv/sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import type { BookmarkOwner } from "../../../src/store/types.js";
import { captureLog, makePaper } from "../../unit/store/support.js";

const ada: BookmarkOwner = { platform: "slack", userId: "U-ada" };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "paperboy-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a raw row straight into the file, as a broken or older paperboy might have left it. */
async function writeRaw(file: string, key: string, value: string): Promise<void> {
  const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
  await raw.set(key, value);
  await raw.disconnect();
}

async function readRaw(file: string, key: string): Promise<unknown> {
  const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
  const value: unknown = await raw.get(key);
  await raw.disconnect();
  return value;
}

describe("sqlite store", () => {
  it("creates the parent directory of a relative path", async () => {
    const store = await createStore("sqlite://data/nested/paperboy.sqlite", { log: captureLog().log, cwd: dir });
    expect(store.kind).toBe("sqlite");
    await store.close();
    expect(existsSync(join(dir, "data/nested/paperboy.sqlite"))).toBe(true);
  });

  it("keeps bookmarks, posts and seen events across a restart", async () => {
    const url = `sqlite://${join(dir, "state/paperboy.sqlite")}`;
    const first = await createStore(url, { log: captureLog().log });
    const before = createRepos(first);
    await before.bookmarks.add(ada, makePaper("2401.00001"));
    await before.bookmarks.add(ada, makePaper("2401.00002"));
    await before.posts.record(
      { platform: "slack", channelId: "C1", messageId: "1736160000.000100" },
      { paperId: "2401.00003", date: "2025-01-06", postedAt: "2025-01-06T09:00:00.000Z" },
    );
    expect(await before.once.firstTime("Ev1", 60_000)).toBe(true);
    await first.close();

    const second = await createStore(url, { log: captureLog().log });
    const after = createRepos(second);
    expect((await after.bookmarks.list(ada)).map((b) => b.paperId)).toEqual(["2401.00002", "2401.00001"]);
    expect(await after.posts.lookup("slack", "C1", "1736160000.000100")).toMatchObject({ paperId: "2401.00003" });
    expect(await after.once.firstTime("Ev1", 60_000)).toBe(false);
    await second.close();
  });

  it("skips a corrupted record without destroying it, and keeps it aside when the user saves again", async () => {
    const file = join(dir, "paperboy.sqlite");
    const url = `sqlite://${file}`;
    await (await createStore(url, { log: captureLog().log })).close();
    const item = "bookmarks:item:slack:U-ada:2401.00001";
    await writeRaw(file, item, "{this is not json");
    await writeRaw(file, "posts:slack:C1:1.1", "{also broken");

    const captured = captureLog();
    const store = await createStore(url, { log: captured.log });
    const repos = createRepos(store);
    expect(await repos.bookmarks.list(ada)).toEqual([]);
    expect(await repos.bookmarks.has(ada, "2401.00001")).toBe(false);
    expect(await repos.posts.lookup("slack", "C1", "1.1")).toBeUndefined();
    expect(await readRaw(file, item)).toBe("{this is not json");

    expect(await repos.bookmarks.add(ada, makePaper("2401.00001"))).toBe(true);
    expect((await repos.bookmarks.list(ada)).map((b) => b.paperId)).toEqual(["2401.00001"]);
    await store.close();
    const aside = captured.lines().find((l) => typeof l.keptAs === "string")?.keptAs as string;
    expect(String(await readRaw(file, `bookmarks:${aside}`))).toContain("{this is not json");
    expect(captured.text()).not.toContain("{this is not json");
  });

  it("loses none of 100 bookmarks added at once", async () => {
    const store = await createStore(`sqlite://${join(dir, "p.sqlite")}`, { log: captureLog().log });
    const { bookmarks } = createRepos(store);
    const ids = Array.from({ length: 100 }, (_, i) => `2402.${String(i).padStart(5, "0")}`);
    await Promise.all(ids.map((id) => bookmarks.add(ada, makePaper(id))));
    expect(await bookmarks.list(ada)).toHaveLength(100);
    await store.close();
  });

  it("lets two processes' stores share the file (a post recorded by deliver is found by the bot)", async () => {
    const url = `sqlite://${join(dir, "shared.sqlite")}`;
    const bot = await createStore(url, { log: captureLog().log });
    const deliver = await createStore(url, { log: captureLog().log });
    const ref = { platform: "discord" as const, channelId: "123", messageId: "456" };
    await createRepos(deliver).posts.record(ref, { paperId: "2401.00009", postedAt: "2025-01-06T09:00:00.000Z" });
    expect(await createRepos(bot).posts.lookup("discord", "123", "456")).toMatchObject({ paperId: "2401.00009" });
    await Promise.all([bot.close(), deliver.close()]);
  });

  it("fails a save when the store is gone instead of pretending the list was empty", async () => {
    const url = `sqlite://${join(dir, "gone.sqlite")}`;
    const store = await createStore(url, { log: captureLog().log });
    const { bookmarks } = createRepos(store);
    await bookmarks.add(ada, makePaper("2401.00001"));
    await store.close();
    await expect(bookmarks.add(ada, makePaper("2401.00002"))).rejects.toThrow();

    const reopened = await createStore(url, { log: captureLog().log });
    expect((await createRepos(reopened).bookmarks.list(ada)).map((b) => b.paperId)).toEqual(["2401.00001"]);
    await reopened.close();
  });

  it("lets the process exit once closed", async () => {
    const script = [
      'import { createStore } from "./src/store/create-store.ts";',
      'import { silentLogger } from "./src/log.ts";',
      `const store = await createStore(${JSON.stringify(`sqlite://${join(dir, "exit.sqlite")}`)}, { log: silentLogger });`,
      'await store.namespace("cache").set("k", 1);',
      "await store.close();",
    ].join("\n");
    const started = Date.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: process.cwd(),
        stdio: "inherit",
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.on("error", reject);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    const reopened = await createStore(`sqlite://${join(dir, "exit.sqlite")}`, { log: captureLog().log });
    expect(await reopened.namespace("cache").get("k")).toBe(1);
    await reopened.close();
  });
});
