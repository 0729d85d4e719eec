// Feed tokens on the in-memory store: one stable secret per user until rotated, 256 random bits, looked up by
// hash (the token itself is never a store key, so a logged key cannot be replayed), and a dead token after reset.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createFeedTokenRepo, FEED_TOKEN_PATTERN } from "../../../src/store/feed-tokens.js";
import type { BookmarkOwner, Store } from "../../../src/store/types.js";
import { captureLog } from "./support.js";

const ada: BookmarkOwner = { platform: "slack", userId: "U-ada" };
const bob: BookmarkOwner = { platform: "discord", userId: "123" };

let store: Store;
afterEach(async () => {
  await store.close();
});

async function open() {
  const captured = captureLog();
  store = await createStore("memory://", { log: captured.log });
  const repo = createFeedTokenRepo(store, { now: () => new Date("2026-03-10T12:00:00Z") });
  return { repo, captured, keyv: store.namespace("feed-tokens") };
}

describe("feed tokens", () => {
  it("issues one token per user, the same one every time, even when asked twice at once", async () => {
    const { repo } = await open();
    const [a1, a2] = await Promise.all([repo.getOrCreate(ada), repo.getOrCreate(ada)]);
    expect(a1.token).toMatch(FEED_TOKEN_PATTERN);
    expect(Buffer.from(a1.token, "base64url")).toHaveLength(32);
    expect(a2).toEqual(a1);
    expect((await repo.getOrCreate(ada)).token).toBe(a1.token);
    expect(a1.createdAt).toBe("2026-03-10T12:00:00.000Z");
    const b = await repo.getOrCreate(bob);
    expect(b.token).not.toBe(a1.token);
    expect(await repo.resolve(a1.token)).toEqual({ ...ada, createdAt: a1.createdAt });
    expect(await repo.resolve(b.token)).toMatchObject(bob);
  });

  it("stores the lookup under the token's SHA-256, never under the token", async () => {
    const { repo, keyv } = await open();
    const { token } = await repo.getOrCreate(ada);
    expect(await keyv.get(`token:${token}`)).toBeUndefined();
    const hash = createHash("sha256").update(token).digest("hex");
    expect(await keyv.get(`token:${hash}`)).toMatchObject(ada);
  });

  it("rotate kills the old token at once and the new one works", async () => {
    const { repo } = await open();
    const old = await repo.getOrCreate(ada);
    const fresh = await repo.rotate(ada);
    expect(fresh.token).not.toBe(old.token);
    expect(await repo.resolve(old.token)).toBeUndefined();
    expect(await repo.resolve(fresh.token)).toMatchObject(ada);
    expect((await repo.getOrCreate(ada)).token).toBe(fresh.token);
    // Rotating with no token yet simply issues one.
    expect(await repo.resolve((await repo.rotate(bob)).token)).toMatchObject(bob);
  });

  it("a lookup left behind by an interrupted rotation is dead", async () => {
    const { repo, keyv } = await open();
    const old = await repo.getOrCreate(ada);
    const hash = createHash("sha256").update(old.token).digest("hex");
    const lookup: unknown = await keyv.get(`token:${hash}`);
    await repo.rotate(ada);
    await keyv.set(`token:${hash}`, lookup);
    expect(await repo.resolve(old.token)).toBeUndefined();
  });

  it("rejects malformed tokens without reading the store, and skips corrupt records with a warning", async () => {
    const { repo, keyv, captured } = await open();
    for (const bad of ["", "short", "A".repeat(44), `${"A".repeat(42)}/`, "../../etc/passwd"]) {
      expect(await repo.resolve(bad)).toBeUndefined();
    }
    const { token } = await repo.getOrCreate(ada);
    await keyv.set(`user:${ada.platform}:${ada.userId}`, { token: 42 });
    expect(await repo.resolve(token)).toBeUndefined();
    expect(captured.text()).toContain("skipped a stored record");
    expect(captured.text()).not.toContain(token);
    // The user simply gets a new working link.
    expect(await repo.resolve((await repo.getOrCreate(ada)).token)).toMatchObject(ada);
  });
});
