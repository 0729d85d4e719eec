// redis:// and rediss:// — the backend contract on ONE node-redis client (from @keyv/redis). Keys keep the
// @keyv/redis layout (`namespace::key`, TTL as PX) so data written by earlier versions reads back unchanged.
// Sets are Redis sets, the score index a sorted set, leases SET NX PX with owner-checked Lua renew/release:
// every operation is a single atomic command. While Redis is down commands fail at once (no offline queue).
import { createClient } from "@keyv/redis";
import type { StoreBackend } from "./backend.js";

/** How long boot (and a later reconnect) waits for Redis before failing (ms). */
const CONNECT_TIMEOUT_MS = 5_000;
/** Reconnect backoff once running: 100 ms doubling to 2 s, for ever (a Redis restart must not stop the bot). */
const backoff = (retries: number) => Math.min(2 ** retries * 100, 2_000);

const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

const setKey = (name: string) => `paperboy:set:${name}`;
const indexKey = (name: string) => `paperboy:idx:${name}`;
const leaseKey = (key: string) => `paperboy:lock:${key}`;
/** A SCAN MATCH pattern for keys starting with `prefix` (glob characters escaped). */
const prefixPattern = (prefix: string) => `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
const px = (ttlMs: number) => ({ type: "PX" as const, value: Math.max(1, Math.round(ttlMs)) });

export async function openRedisBackend(url: string): Promise<StoreBackend> {
  let booted = false;
  const client = createClient({
    url,
    // While Redis is down a command fails at once (and the caller logs it) instead of waiting in a queue.
    disableOfflineQueue: true,
    // At boot a refused connection fails at once with its cause; after boot the client keeps reconnecting.
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number, cause: Error) => (booted ? backoff(retries) : cause),
    },
  });
  // Reconnect errors are emitted here; the commands that fail meanwhile are reported by their callers.
  client.on("error", () => {});
  await client.connect();
  booted = true;

  const scan = async (prefix: string): Promise<string[]> => {
    const found: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: prefixPattern(prefix), COUNT: 500 })) found.push(...batch);
    return found;
  };

  return {
    kind: "redis",
    separator: "::",
    get: async (key) => (await client.get(key)) ?? undefined,
    async set(key, value, ttlMs) {
      await (ttlMs && ttlMs > 0 ? client.set(key, value, { expiration: px(ttlMs) }) : client.set(key, value));
    },
    delete: async (key) => (await client.del(key)) > 0,
    async setIfAbsent(key, value, ttlMs) {
      const options = ttlMs && ttlMs > 0 ? { condition: "NX" as const, expiration: px(ttlMs) } : { condition: "NX" as const };
      return (await client.set(key, value, options)) === "OK";
    },
    keys: scan,
    async deletePrefix(prefix) {
      const keys = await scan(prefix);
      for (let i = 0; i < keys.length; i += 500) await client.unlink(keys.slice(i, i + 500));
    },
    sets: {
      add: async (set, member) => (await client.sAdd(setKey(set), member)) > 0,
      remove: async (set, member) => (await client.sRem(setKey(set), member)) > 0,
      members: async (set) => client.sMembers(setKey(set)),
    },
    index: {
      async put(name, member, score, options) {
        await client.zAdd(indexKey(name), { score, value: member }, options?.onlyIfAbsent ? { condition: "NX" } : undefined);
      },
      async remove(name, member) {
        await client.zRem(indexKey(name), member);
      },
      async range(name, options = {}) {
        const found = await client.zRangeByScoreWithScores(indexKey(name), "-inf", options.max ?? "+inf", {
          ...(options.limit !== undefined ? { LIMIT: { offset: 0, count: options.limit } } : {}),
        });
        return found.map((r) => ({ member: String(r.value), score: Number(r.score) }));
      },
    },
    leases: {
      tryAcquire: async (key, owner, ttlMs) =>
        (await client.set(leaseKey(key), owner, { condition: "NX", expiration: px(ttlMs) })) === "OK",
      renew: async (key, owner, ttlMs) =>
        Number(await client.eval(RENEW_SCRIPT, { keys: [leaseKey(key)], arguments: [owner, String(Math.round(ttlMs))] })) === 1,
      async release(key, owner) {
        await client.eval(RELEASE_SCRIPT, { keys: [leaseKey(key)], arguments: [owner] });
      },
    },
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
