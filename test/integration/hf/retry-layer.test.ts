// One retry layer for Hugging Face: the HF client's HTTP loop (src/hf/http.ts) is the only place a call is
// retried. Counts the HTTP attempts one date costs against a fake Hugging Face answering 500 — through the
// delivery pass's list cache shared by many channels, and through the bot's delivery engine.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createListCache } from "../../../src/schedule/list-cache.js";
import { createHarness, type Harness } from "./setup.js";
import { startPaperboy } from "../delivery/in-process.js";
import { createWorld, LIST_DATE, subscription } from "../delivery/world.js";

const DATE = "2025-06-12";
const harnesses: Harness[] = [];
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.fake.close()));
});

const attemptsFor = (h: Harness, date: string) => h.fake.requests.filter((r) => r.path === "/api/daily_papers" && r.query.date === date).length;

describe("one retry layer for Hugging Face calls", () => {
  it("a date answered 500 costs retries + 1 HTTP attempts, however many channels ask for it", async () => {
    const h = await createHarness({ retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 100 } });
    harnesses.push(h);
    h.fake.setFault((r) => r.path === "/api/daily_papers", { status: 500 });
    const lists = createListCache({ papers: h.client });
    const asks = await Promise.allSettled(Array.from({ length: 25 }, () => lists(DATE)));
    expect(asks.every((a) => a.status === "rejected")).toBe(true);
    // Before: list-cache (4 tries) × http (4 tries) = up to 16.
    expect(attemptsFor(h, DATE)).toBe(4);
  });

  it("Retry-After is still honoured by that layer", async () => {
    const h = await createHarness({ retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5_000 } });
    harnesses.push(h);
    h.fake.setFault((r) => r.path === "/api/daily_papers", { status: 503, headers: { "retry-after": "1" }, times: 1 });
    const started = Date.now();
    await createListCache({ papers: h.client })(DATE).catch(() => undefined);
    expect(attemptsFor(h, DATE)).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a delivery pass over several channels: one date, retries + 1 attempts in all", async () => {
    const world = await createWorld();
    try {
      const pb = await startPaperboy(world, `memory://${randomUUID()}`, "2025-06-13T07:00:30.000Z");
      for (let i = 0; i < 5; i++) await pb.stack.subscriptions.save(subscription("slack", world.slackChannel()));
      world.hf.setFault((r) => r.path === "/api/daily_papers" && r.query.date === LIST_DATE, { status: 500 });
      const results = await pb.stack.engine.runDue();
      expect(results.map((r) => r.outcome.status)).toEqual(Array(5).fill("failed"));
      // startPaperboy tunes the HF layer to 1 retry: 2 attempts for the date, not 2 × (list-cache tries).
      expect(world.hf.requests.filter((r) => r.path === "/api/daily_papers" && r.query.date === LIST_DATE)).toHaveLength(2);
      await pb.close();
    } finally {
      await world.close();
    }
  });
});
