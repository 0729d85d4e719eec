// Discord-style rate limiting for the fake (platforms.md A7): a global per-second limit for the bot token
// (interaction callbacks and webhooks exempt) and configurable per-route buckets keyed by route + major
// parameter, answering with X-RateLimit-* headers on every bucketed response and a realistic 429 when exceeded.

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** Requests per second for the bot token; Discord's is 50. */
  globalPerSecond: number;
  /** Keyed by `METHOD /route/:id` with every id and emoji replaced by `:id` / `:emoji`. */
  buckets: Record<string, BucketLimit>;
}

export const DEFAULT_BUCKETS: Record<string, BucketLimit> = {
  "POST /channels/:id/messages": { limit: 5, windowMs: 5000 },
  "PUT /channels/:id/messages/:id/reactions/:emoji/@me": { limit: 1, windowMs: 250 },
  "DELETE /channels/:id/messages/:id/reactions/:emoji/@me": { limit: 1, windowMs: 250 },
  "PATCH /channels/:id/messages/:id": { limit: 5, windowMs: 5000 },
};

export interface RateDecision {
  /** Headers to send with the answer (bucket headers, and Retry-After on a 429). */
  headers: Record<string, string>;
  /** Set when the request must be answered 429 with this body. */
  limited?: { retryAfter: number; global: boolean };
}

/** `/channels/123/messages/456/reactions/%F0…/@me` → template + major parameter. */
export function routeKey(method: string, path: string): { template: string; major: string } {
  const parts = path.split("/").filter(Boolean);
  let major = "";
  const out = parts.map((part, i) => {
    const prev = parts[i - 1];
    if (prev === "reactions") return ":emoji";
    if (/^\d{17,20}$/.test(part)) {
      if (major === "" && (prev === "channels" || prev === "guilds" || prev === "webhooks")) major = part;
      return ":id";
    }
    return part;
  });
  return { template: `${method} /${out.join("/")}`, major };
}

interface Window {
  start: number;
  count: number;
}

export function createRateLimiter(config: RateLimitConfig) {
  let global: Window = { start: 0, count: 0 };
  const windows = new Map<string, Window>();

  const current = (w: Window | undefined, windowMs: number, now: number): Window =>
    !w || now - w.start >= windowMs ? { start: now, count: 0 } : w;

  return {
    check(method: string, path: string, now = Date.now()): RateDecision {
      const exempt = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
      if (!exempt) {
        global = current(global, 1000, now);
        if (global.count >= config.globalPerSecond) {
          const retryAfter = (global.start + 1000 - now) / 1000;
          return {
            headers: {
              "retry-after": retryAfter.toFixed(3),
              "x-ratelimit-global": "true",
              "x-ratelimit-scope": "global",
            },
            limited: { retryAfter, global: true },
          };
        }
        global.count += 1;
      }
      const { template, major } = routeKey(method, path);
      const bucket = config.buckets[template];
      if (!bucket) return { headers: {} };
      const key = `${template}|${major}`;
      const w = current(windows.get(key), bucket.windowMs, now);
      windows.set(key, w);
      const resetAfter = Math.max(0, w.start + bucket.windowMs - now) / 1000;
      const headers: Record<string, string> = {
        "x-ratelimit-limit": String(bucket.limit),
        "x-ratelimit-reset": ((now + resetAfter * 1000) / 1000).toFixed(3),
        "x-ratelimit-reset-after": resetAfter.toFixed(3),
        "x-ratelimit-bucket": Buffer.from(template).toString("base64url").slice(0, 16),
      };
      if (w.count >= bucket.limit) {
        headers["x-ratelimit-remaining"] = "0";
        headers["retry-after"] = resetAfter.toFixed(3);
        headers["x-ratelimit-scope"] = "user";
        return { headers, limited: { retryAfter: resetAfter, global: false } };
      }
      w.count += 1;
      headers["x-ratelimit-remaining"] = String(bucket.limit - w.count);
      return { headers };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
