// The Redis store against a real redis-server (the suite fails when redis-server is not installed): namespaces
// over one client, data visible to a second store (another process), and the atomic SET NX used for Slack event ids.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import { captureLog, makePaper } from "../../unit/store/support.js";
import { freePort } from "../../support/free-port.js";

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;

/** A free loopback port (redis-server cannot pick one itself). */

describe("redis store", () => {
  let server: ChildProcess;
  let port: number;
  let url: string;
  const startServer = () =>
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);

  beforeAll(async () => {
    if (!hasRedis) throw new Error("redis-server is not installed: install Debian's redis-server package");
    port = await freePort();
    server = startServer();
    url = `redis://127.0.0.1:${port}`;
    // Wait until it accepts connections.
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await (await createStore(url, { log: captureLog().log })).close();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error("redis-server did not start");
  });
  afterAll(() => {
    server?.kill("SIGTERM");
  });

  it("keeps bookmarks and posts, visible from a second store, with namespaces apart", async () => {
    const bot = await createStore(url, { log: captureLog().log });
    const deliver = await createStore(url, { log: captureLog().log });
    expect(bot.kind).toBe("redis");
    const owner = { platform: "discord" as const, userId: "U1" };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => createRepos(bot).bookmarks.add(owner, makePaper(`2401.${10000 + i}`))),
    );
    await createRepos(deliver).posts.record(
      { platform: "discord", channelId: "C1", messageId: "M1" },
      { paperId: "2401.00001", postedAt: "2025-01-06T09:00:00.000Z" },
    );
    expect(await createRepos(bot).bookmarks.list(owner)).toHaveLength(50);
    expect(await createRepos(bot).posts.lookup("discord", "C1", "M1")).toMatchObject({ paperId: "2401.00001" });

    await bot.namespace("cache").set("k", 1);
    await bot.namespace("cache").clear();
    expect(await createRepos(deliver).bookmarks.list(owner)).toHaveLength(50);
    await Promise.all([bot.close(), deliver.close()]);
  });

  it("processes an event id once even across two stores (two processes)", async () => {
    const a = await createStore(url, { log: captureLog().log });
    const b = await createStore(url, { log: captureLog().log });
    expect(a.setIfAbsent).toBeTypeOf("function");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createRepos(i % 2 ? a : b).once.firstTime("EvShared", 60_000)),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it("fails commands while Redis is down and recovers when it is back", async () => {
    const store = await createStore(url, { log: captureLog().log });
    const cache = store.namespace("cache");
    await cache.set("k", 1);

    const stopped = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await stopped;
    await expect(cache.get("k")).rejects.toThrow();

    server = startServer();
    let value: unknown;
    for (let attempt = 0; attempt < 50 && value === undefined; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await cache.set("k", 2).then(() => cache.get("k"), () => undefined);
    }
    expect(value).toBe(2);
    await store.close();
  });
});
