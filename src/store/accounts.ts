// Linked accounts: one person's Discord and Slack (or console) identities joined into one account. Every
// per-person repository keys on `resolve(owner)` — the link's first member while linked, the owner otherwise —
// so a link is one indirection, not a data migration. Joining and separating run each registered
// AccountMerger: on link the second member's records are merged into the first (a union), on unlink the
// first's records are copied back to the second, so each side keeps everything. Link codes are single use
// (an atomic delete claims them), expire after 10 minutes, are stored only as a SHA-256, and each identity gets
// 5 tries per 10 minutes (atomic set-if-absent slots), so guessing a 10-character code is hopeless.
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { platformSchema } from "../platforms.js";
import { problemOf, reportBadRecord } from "./records.js";
import type { BookmarkOwner, Store } from "./types.js";

export const ACCOUNTS_NAMESPACE = "accounts";
export const LINK_CODE_TTL_MS = 10 * 60_000;
export const LINK_TRIES = 5;
/** No 0/O, 1/I/L: codes are read on one screen and typed on another. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_CHARS = 10;

const ownerSchema = z.object({ platform: platformSchema, userId: z.string().min(1) });
const linkSchema = z.object({ canonical: ownerSchema, members: z.array(ownerSchema).length(2), linkedAt: z.string() });
const codeSchema = z.object({ issuer: ownerSchema, issuedAt: z.string() });
type Link = z.infer<typeof linkSchema>;

/** What a per-person repository does when two identities join or separate. */
export interface AccountMerger {
  /** Adds everything `from` has to `into` (the union); `from`'s own records stay as they were. */
  merge(from: BookmarkOwner, into: BookmarkOwner): Promise<void>;
}

export type RedeemResult =
  | { ok: true; partner: BookmarkOwner }
  | { ok: false; reason: "malformed" | "unknown" | "own_code" | "already_linked" | "partner_linked" | "too_many_tries" };

export interface AccountRepo {
  /** Whose records stand for `owner`: the first member of their link, or `owner` itself. */
  resolve(owner: BookmarkOwner): Promise<BookmarkOwner>;
  /** A stable key for per-person data ("discord:123"): other repositories key on it. */
  accountId(owner: BookmarkOwner): Promise<string>;
  /** The other identity `owner` is linked with, if any. */
  partner(owner: BookmarkOwner): Promise<BookmarkOwner | undefined>;
  /** A fresh one-time code for `owner` (their previous code stops working). */
  issueCode(owner: BookmarkOwner): Promise<{ code: string; expiresAt: Date }>;
  redeem(owner: BookmarkOwner, code: string): Promise<RedeemResult>;
  /** Separates `owner` from their partner (each keeps everything); the partner, or undefined if not linked. */
  unlink(owner: BookmarkOwner): Promise<BookmarkOwner | undefined>;
}

const sameOwner = (a: BookmarkOwner, b: BookmarkOwner) => a.platform === b.platform && a.userId === b.userId;
const ownerKey = (o: BookmarkOwner) => `${o.platform}:${o.userId}`;
const hash = (code: string) => createHash("sha256").update(code).digest("base64url");

/** "abcde-fghjk", "ABCDE FGHJK" → "ABCDEFGHJK"; undefined when it can't be a code. */
export function normalizeCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]/g, "");
  return code.length === CODE_CHARS && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : undefined;
}

export function createAccountRepo(store: Store, options: { mergers?: AccountMerger[]; now?: () => Date } = {}): AccountRepo {
  const keyv = store.namespace(ACCOUNTS_NAMESPACE);
  const mergers = options.mergers ?? [];
  const now = options.now ?? (() => new Date());
  const linkKey = (o: BookmarkOwner) => `link:${ownerKey(o)}`;

  async function readLink(owner: BookmarkOwner): Promise<Link | undefined> {
    const value: unknown = await keyv.get(linkKey(owner));
    if (value === undefined || value === null) return undefined;
    const parsed = linkSchema.safeParse(value);
    if (!parsed.success) reportBadRecord(store, ACCOUNTS_NAMESPACE, linkKey(owner), problemOf(value, parsed.error));
    return parsed.success ? parsed.data : undefined;
  }

  /** Takes one of this identity's tries for the current 10 minutes; false when all are used. */
  async function takeTry(owner: BookmarkOwner): Promise<boolean> {
    for (let slot = 0; slot < LINK_TRIES; slot++) {
      if (await store.setIfAbsent(ACCOUNTS_NAMESPACE, `try:${ownerKey(owner)}:${slot}`, LINK_CODE_TTL_MS)) return true;
    }
    return false;
  }

  const repo: AccountRepo = {
    resolve: async (owner) => (await readLink(owner))?.canonical ?? owner,
    accountId: async (owner) => ownerKey(await repo.resolve(owner)),
    partner: async (owner) => (await readLink(owner))?.members.find((m) => !sameOwner(m, owner)),

    async issueCode(owner) {
      const code = Array.from({ length: CODE_CHARS }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
      const issuedAt = now();
      const previous: unknown = await keyv.get(`issued:${ownerKey(owner)}`);
      if (typeof previous === "string") await keyv.delete(`code:${previous}`);
      await keyv.set(`code:${hash(code)}`, { issuer: owner, issuedAt: issuedAt.toISOString() }, LINK_CODE_TTL_MS);
      await keyv.set(`issued:${ownerKey(owner)}`, hash(code), LINK_CODE_TTL_MS);
      return { code: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt: new Date(issuedAt.getTime() + LINK_CODE_TTL_MS) };
    },

    async redeem(owner, text) {
      const code = normalizeCode(text);
      if (!code) return { ok: false, reason: "malformed" };
      if (!(await takeTry(owner))) return { ok: false, reason: "too_many_tries" };
      if (await readLink(owner)) return { ok: false, reason: "already_linked" };
      const key = `code:${hash(code)}`;
      const parsed = codeSchema.safeParse(await keyv.get(key));
      if (!parsed.success) return { ok: false, reason: "unknown" };
      const issuer = parsed.data.issuer;
      if (sameOwner(issuer, owner)) return { ok: false, reason: "own_code" };
      // The delete is the claim: of two redeemers racing, only one sees it succeed.
      if (!(await keyv.delete(key))) return { ok: false, reason: "unknown" };
      const link: Link = { canonical: issuer, members: [issuer, owner], linkedAt: now().toISOString() };
      if (!(await store.putIfAbsent(ACCOUNTS_NAMESPACE, linkKey(issuer), link))) return { ok: false, reason: "partner_linked" };
      if (!(await store.putIfAbsent(ACCOUNTS_NAMESPACE, linkKey(owner), link))) {
        await keyv.delete(linkKey(issuer));
        return { ok: false, reason: "already_linked" };
      }
      for (const merger of mergers) await merger.merge(owner, issuer);
      store.log.info({ issuer: issuer.platform, redeemer: owner.platform }, "accounts linked");
      return { ok: true, partner: issuer };
    },

    async unlink(owner) {
      const link = await readLink(owner);
      if (!link) return undefined;
      const other = link.members.find((m) => !sameOwner(m, owner));
      for (const member of link.members) await keyv.delete(linkKey(member));
      // Copies the shared records back to the member who wasn't holding them, so each side keeps everything.
      for (const member of link.members.filter((m) => !sameOwner(m, link.canonical))) {
        for (const merger of mergers) await merger.merge(link.canonical, member);
      }
      store.log.info({ platform: owner.platform }, "accounts unlinked");
      return other;
    },
  };
  return repo;
}
