// createStore: choosing a backend from STORE_URL, keeping namespaces apart, and never leaking a password.
import { describe, expect, it } from "vitest";
import { createStore, redactUrl, storeKindOf } from "../../../src/store/create-store.js";
import { captureLog } from "./support.js";

describe("createStore", () => {
  it("keeps namespaces apart, and clearing one leaves the others", async () => {
    const store = await createStore("memory://", { log: captureLog().log });
    expect(store.kind).toBe("memory");
    await store.namespace("cache").set("k", "cached");
    await store.namespace("bookmarks").set("k", "saved");
    expect(store.namespace("cache")).toBe(store.namespace("cache"));

    await store.namespace("cache").clear();
    expect(await store.namespace("cache").get("k")).toBeUndefined();
    expect(await store.namespace("bookmarks").get("k")).toBe("saved");
    await store.close();
  });

  it("gives memory:// a fresh store each time and memory://NAME one store per name", async () => {
    const log = captureLog().log;
    const a = await createStore("memory://", { log });
    await a.namespace("posts").set("k", 1);
    expect(await (await createStore("memory://", { log })).namespace("posts").get("k")).toBeUndefined();

    const named = await createStore("memory://shared-test", { log });
    await named.namespace("posts").set("k", 2);
    await named.close();
    const reopened = await createStore("memory://shared-test", { log });
    expect(await reopened.namespace("posts").get("k")).toBe(2);
  });

  it("refuses unknown schemes and bad namespace names", async () => {
    await expect(createStore("mongodb://x", { log: captureLog().log })).rejects.toThrow(/STORE_URL must start/);
    const store = await createStore("memory://", { log: captureLog().log });
    expect(() => store.namespace("Bad Name")).toThrow(/namespace/);
  });

  it("knows every scheme the config accepts", () => {
    expect(storeKindOf("sqlite://data/x.sqlite")).toBe("sqlite");
    expect(storeKindOf("rediss://h:6380")).toBe("redis");
    expect(storeKindOf("postgresql://h/db")).toBe("postgres");
    expect(storeKindOf("memory://")).toBe("memory");
  });

  it("redacts the password in URLs it logs", () => {
    expect(redactUrl("redis://user:p%40ss@h:6379/0")).toBe("redis://user:[redacted]@h:6379/0");
    expect(redactUrl("redis://:pw@h")).toBe("redis://:[redacted]@h");
    expect(redactUrl("sqlite://data/x.sqlite")).toBe("sqlite://data/x.sqlite");
  });

  it("fails with the cause when Postgres is unreachable, without showing the password", async () => {
    const captured = captureLog();
    // Port 1 on loopback refuses connections.
    const failure = createStore("postgres://paperboy:hunter2@127.0.0.1:1/paperboy", { log: captured.log });
    await expect(failure).rejects.toThrow(/ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
    expect(captured.text()).not.toContain("hunter2");
  });

  it("fails fast with the cause when Redis is unreachable, without showing the password", async () => {
    const captured = captureLog();
    const started = Date.now();
    // Port 1 on loopback refuses connections.
    const failure = createStore("redis://default:hunter2@127.0.0.1:1/0", { log: captured.log });
    await expect(failure).rejects.toThrow(/ECONNREFUSED/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(captured.text()).not.toContain("hunter2");
    expect(captured.text()).toContain("[redacted]");
  });
});
