// Bookmarks seen through linked accounts: every call is made for the account's canonical owner, so either
// identity of a linked person reads and changes the same reading list. Also the AccountMerger that unites two
// reading lists on link and copies the shared one back on unlink.
import type { AccountMerger, AccountRepo } from "./accounts.js";
import type { BookmarkOwner, BookmarkRepo } from "./types.js";

export function createAccountBookmarks(inner: BookmarkRepo, accounts: Pick<AccountRepo, "resolve" | "partner">): BookmarkRepo {
  const as = (owner: BookmarkOwner) => accounts.resolve(owner);
  return {
    add: async (owner, paper) => inner.add(await as(owner), paper),
    // Also from both identities' own pre-link lists, or unlink's copy back would bring a removed bookmark back.
    async remove(owner, paperId) {
      const partner = await accounts.partner(owner);
      const removed = await inner.remove(await as(owner), paperId);
      for (const own of partner ? [owner, partner] : []) await inner.remove(own, paperId);
      return removed;
    },
    list: async (owner) => inner.list(await as(owner)),
    has: async (owner, paperId) => inner.has(await as(owner), paperId),
    update: async (owner, paperId, change) => inner.update(await as(owner), paperId, change),
    merge: async (owner, bookmark) => inner.merge(await as(owner), bookmark),
  };
}

/** Unites reading lists: everything `from` saved (with read state and tags) is added to `into`. */
export function bookmarkMerger(inner: BookmarkRepo): AccountMerger {
  return {
    async merge(from, into) {
      for (const bookmark of await inner.list(from)) await inner.merge(into, bookmark);
    },
  };
}
