// redis:// and rediss:// — @keyv/redis with ONE client shared by every namespace (each namespace gets its own
// KeyvRedis over that client, so keys read `bookmarks::discord:U1` and clear() stays inside its namespace).
// Also the one backend with a cross-process atomic "first time" check: SET NX PX, used for Slack event ids.
import KeyvRedis from "@keyv/redis";
import type { Backend } from "./backend.js";

/** How long boot (and a later reconnect) waits for Redis before failing (ms). */
const CONNECT_TIMEOUT_MS = 5_000;

export async function openRedisBackend(url: string): Promise<Backend> {
  const connection = new KeyvRedis(url, { connectionTimeout: CONNECT_TIMEOUT_MS, throwOnErrors: true });
  let connectError: unknown;
  // Keeps the emitter from throwing; namespace adapters (below) report errors through their Keyv.
  connection.on("error", (err: unknown) => {
    connectError ??= err;
  });
  try {
    await connection.getClient();
  } catch (err) {
    // @keyv/redis replaces the cause with a generic message; the first emitted error says what went wrong.
    throw connectError instanceof Error ? connectError : err;
  }

  const adapters = new Map<string, KeyvRedis<unknown>>();
  const adapterFor = (namespace: string): KeyvRedis<unknown> => {
    let adapter = adapters.get(namespace);
    if (!adapter) {
      adapter = new KeyvRedis(connection.client, {
        namespace,
        connectionTimeout: CONNECT_TIMEOUT_MS,
        throwOnErrors: true,
      });
      // Its Keyv logs errors; this listener only keeps the emitter from throwing before that Keyv exists.
      adapter.on("error", () => {});
      adapters.set(namespace, adapter);
    }
    return adapter;
  };

  return {
    kind: "redis",
    adapter: adapterFor,
    keyvPrefixesKeys: false,
    setIfAbsent: async (namespace, key, serialized, ttlMs) => {
      const adapter = adapterFor(namespace);
      const client = await adapter.getClient();
      const reply = await client.set(adapter.createKeyPrefix(key, namespace), serialized, {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
      });
      return reply === "OK";
    },
    close: async () => {
      await connection.disconnect();
    },
  };
}
