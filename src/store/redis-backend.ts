// redis:// and rediss:// — @keyv/redis with ONE client shared by every namespace (each namespace gets its own
// KeyvRedis over that client, so keys read `bookmarks::discord:U1` and clear() stays inside its namespace).
// Also the one backend with a cross-process atomic "first time" check: SET NX PX, used for Slack event ids.
import KeyvRedis, { createClient } from "@keyv/redis";
import type { Backend } from "./backend.js";

/** How long boot (and a later reconnect) waits for Redis before failing (ms). */
const CONNECT_TIMEOUT_MS = 5_000;

/** Reconnect backoff once running: 100 ms doubling to 2 s, for ever (a Redis restart must not stop the bot). */
const backoff = (retries: number) => Math.min(2 ** retries * 100, 2_000);

export async function openRedisBackend(url: string): Promise<Backend> {
  let booted = false;
  const client = createClient({
    url,
    // While Redis is down a command fails at once (and the caller logs it) instead of waiting in a queue.
    disableOfflineQueue: true,
    // At boot a refused connection fails at once with its cause; after boot the client keeps reconnecting.
    socket: { reconnectStrategy: (retries: number, cause: Error) => (booted ? backoff(retries) : cause) },
  });
  const connection = new KeyvRedis(client, { connectionTimeout: CONNECT_TIMEOUT_MS, throwOnErrors: true });
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
  booted = true;

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
