// Secret tokens for the private reading-list feeds (/feeds/bookmarks/<token>.atom), in the "feed-tokens"
// namespace. The token is looked up by its SHA-256 (so a logged store key never reveals a usable URL); the
// owner's record keeps the token itself so `/paper bookmarks feed` can show the same URL again. Rotating writes
// the new lookup first and deletes the old one, so the old URL is dead once `rotate` resolves.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import { sharedLock } from "./key-lock.js";
import { problemOf, reportBadRecord } from "./records.js";
import type { BookmarkOwner, Store } from "./types.js";

export const FEED_TOKENS_NAMESPACE = "feed-tokens";

/** 32 random bytes (256 bits), base64url: 43 characters. */
const TOKEN_BYTES = 32;
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const ownerSchema = z.object({ platform: platformSchema, userId: z.string().min(1) });
const lookupSchema = ownerSchema.extend({ createdAt: z.string() });
const userRecordSchema = z.object({ token: z.string().regex(FEED_TOKEN_PATTERN), createdAt: z.string() });

export interface FeedToken {
  token: string;
  /** ISO time the token was issued. */
  createdAt: string;
}

export interface FeedTokenRepo {
  /** The owner's current token, issuing one the first time. */
  getOrCreate(owner: BookmarkOwner): Promise<FeedToken>;
  /** Revokes the owner's token (its URL stops working) and issues a new one. */
  rotate(owner: BookmarkOwner): Promise<FeedToken>;
  /** Whose reading list a token opens; undefined for an unknown, revoked or malformed token. */
  resolve(token: string): Promise<(BookmarkOwner & { createdAt: string }) | undefined>;
}

export interface FeedTokenRepoOptions {
  now?: () => Date;
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export function createFeedTokenRepo(store: Store, options: FeedTokenRepoOptions = {}): FeedTokenRepo {
  const keyv = store.namespace(FEED_TOKENS_NAMESPACE);
  const lock = sharedLock(store, FEED_TOKENS_NAMESPACE);
  const now = options.now ?? (() => new Date());
  const userKey = (owner: BookmarkOwner) => `user:${owner.platform}:${owner.userId}`;
  const lookupKey = (token: string) => `token:${hashOf(token)}`;

  async function current(owner: BookmarkOwner): Promise<FeedToken | undefined> {
    const key = userKey(owner);
    const raw: unknown = await keyv.get(key);
    if (raw === undefined || raw === null) return undefined;
    const parsed = userRecordSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    reportBadRecord(store, FEED_TOKENS_NAMESPACE, key, problemOf(raw, parsed.error));
    return undefined;
  }

  async function issue(owner: BookmarkOwner, previous: FeedToken | undefined): Promise<FeedToken> {
    const fresh: FeedToken = { token: randomBytes(TOKEN_BYTES).toString("base64url"), createdAt: now().toISOString() };
    await keyv.set(lookupKey(fresh.token), { platform: owner.platform, userId: owner.userId, createdAt: fresh.createdAt });
    await keyv.set(userKey(owner), fresh);
    if (previous) await keyv.delete(lookupKey(previous.token));
    return fresh;
  }

  return {
    getOrCreate: (owner) =>
      lock.run(userKey(owner), async () => (await current(owner)) ?? issue(owner, undefined)),

    rotate: (owner) => lock.run(userKey(owner), async () => issue(owner, await current(owner))),

    async resolve(token) {
      if (!FEED_TOKEN_PATTERN.test(token)) return undefined;
      const key = lookupKey(token);
      const raw: unknown = await keyv.get(key);
      if (raw === undefined || raw === null) return undefined;
      const parsed = lookupSchema.safeParse(raw);
      if (!parsed.success) {
        reportBadRecord(store, FEED_TOKENS_NAMESPACE, key, problemOf(raw, parsed.error));
        return undefined;
      }
      // The owner's record is the source of truth: a lookup left behind by an interrupted rotation is dead.
      const live = await current(parsed.data);
      return live?.token === token ? parsed.data : undefined;
    },
  };
}
