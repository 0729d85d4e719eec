// Posted-message records (what makes 🔖 work) and the "once" guard that stops Slack retries from being
// processed twice, on the in-memory store.
import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createOnceRepo } from "../../../src/store/once.js";
import { createPostRepo } from "../../../src/store/posts.js";
import type { Store } from "../../../src/store/types.js";
import { captureLog } from "./support.js";

let store: Store;
afterEach(async () => {
  await store.close();
});

describe("posts", () => {
  it("finds the paper a posted message shows, per platform and channel", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    const posts = createPostRepo(store);
    await posts.record(
      { platform: "slack", channelId: "C1", messageId: "1736160000.000100" },
      { paperId: "2401.00001", date: "2025-01-06", postedAt: "2025-01-06T09:00:00.000Z" },
    );
    expect(await posts.lookup("slack", "C1", "1736160000.000100")).toEqual({
      paperId: "2401.00001",
      date: "2025-01-06",
      postedAt: "2025-01-06T09:00:00.000Z",
    });
    expect(await posts.lookup("slack", "C2", "1736160000.000100")).toBeUndefined();
    expect(await posts.lookup("discord", "C1", "1736160000.000100")).toBeUndefined();
  });

  it("treats a malformed record as not a paper message, logs it and leaves it in place", async () => {
    const captured = captureLog();
    store = await createStore("memory://", { log: captured.log });
    const posts = createPostRepo(store);
    await store.namespace("posts").set("discord:C1:42", { paper: "no id field" });
    expect(await posts.lookup("discord", "C1", "42")).toBeUndefined();
    expect(await store.namespace("posts").get("discord:C1:42")).toEqual({ paper: "no id field" });
    expect(captured.lines().some((l) => l.key === "discord:C1:42" && l.namespace === "posts")).toBe(true);
  });
});

describe("once", () => {
  it("is true the first time only, until the key expires", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    const once = createOnceRepo(store);
    expect(await once.firstTime("Ev1", 60_000)).toBe(true);
    expect(await once.firstTime("Ev1", 60_000)).toBe(false);
    expect(await once.firstTime("Ev2", 60_000)).toBe(true);

    expect(await once.firstTime("short", 20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await once.firstTime("short", 20)).toBe(true);
  });

  it("says 'first' exactly once when the same retry arrives many times at once", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    const once = createOnceRepo(store);
    const answers = await Promise.all(Array.from({ length: 20 }, () => once.firstTime("EvRetry", 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it("rejects a non-positive ttl, which would otherwise remember the key for ever", async () => {
    store = await createStore("memory://", { log: captureLog().log });
    await expect(createOnceRepo(store).firstTime("Ev1", 0)).rejects.toThrow(RangeError);
  });
});
