// The per-key lock behind read-modify-write updates.
import { describe, expect, it } from "vitest";
import { createKeyedLock } from "../../../src/store/key-lock.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createKeyedLock", () => {
  it("runs work for one key one at a time, in order, and other keys in parallel", async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const job = (key: string, name: string, ms: number) =>
      lock.run(key, async () => {
        events.push(`start ${name}`);
        await pause(ms);
        events.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job("a", "a1", 20), job("a", "a2", 1), job("b", "b1", 1)]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(events.indexOf("end a1")).toBeLessThan(events.indexOf("start a2"));
    expect(events.indexOf("end b1")).toBeLessThan(events.indexOf("end a1"));
  });

  it("keeps going after a failure and hands the failure to its caller only", async () => {
    const lock = createKeyedLock();
    const failed = lock.run("a", async () => {
      throw new Error("boom");
    });
    const next = lock.run("a", async () => "fine");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("fine");
  });
});
