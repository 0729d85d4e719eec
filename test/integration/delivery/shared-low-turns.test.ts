// Low turns across processes (STORE_URL=redis://): a live-vote edit (or seeded 🔖) in one process waits while
// another process on the same token is still sending messages, and goes once it has stopped. Two SharedBudgets on
// one real redis-server stand for the two processes. Order only, no timing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/log.js";
import { createSharedBudgets, type SharedBudgets } from "../../../src/schedule/shared-budget.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";

let redis: RedisServer;
const opened: SharedBudgets[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
  await redis?.stop();
});

describe("shared budget, low turns", () => {
  it("gives one process's low turn only after another process's messages have gone", async () => {
    const rule = { count: 50, perMs: 1000 };
    const [a, b] = [createSharedBudgets(redis.url, silentLogger), createSharedBudgets(redis.url, silentLogger)];
    opened.push(a, b);
    const sender = a.budgetFor("discord", rule, 0);
    const editor = b.budgetFor("discord", rule, 0);
    const order: string[] = [];
    await sender.pass(1);
    const messages = Array.from({ length: 30 }, (_, i) => sender.pass(1).then(() => order.push(`m${i}`)));
    // The first of them has gone: process A is sending now.
    await messages[0];
    const edit = editor.pass(1, undefined, true).then(() => order.push("edit"));
    await Promise.all([...messages, edit]);
    expect(order.at(-1)).toBe("edit");
    expect(order).toHaveLength(31);
  }, 30_000);
});
