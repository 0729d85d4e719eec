// Follows and "Not for me" feedback seen through linked accounts, like account-bookmarks.ts: every call is made
// for the account's canonical owner, so either identity of a linked person shares one set of follows and one set
// of dismissals. Also their AccountMergers: a union on link, a copy back on unlink, so each side keeps everything.
import type { Dismissal, FeedbackRepo } from "../recommend/feedback.js";
import type { AccountMerger, AccountRepo } from "./accounts.js";
import type { Follower, FollowRepo } from "./follows.js";
import type { BookmarkOwner } from "./types.js";

const same = (a: BookmarkOwner, b: BookmarkOwner) => a.platform === b.platform && a.userId === b.userId;

export function createAccountFollows(inner: FollowRepo, accounts: Pick<AccountRepo, "resolve" | "partner">): FollowRepo {
  const as = (who: Follower) => accounts.resolve(who);
  return {
    add: async (who, type, value) => inner.add(await as(who), type, value),
    // Also from both identities' own pre-link records, or unlink's copy back would bring an unfollow back.
    async remove(who, type, value) {
      const partner = await accounts.partner(who);
      const removed = await inner.remove(await as(who), type, value);
      for (const own of partner ? [who, partner] : []) await inner.remove(own, type, value);
      return removed;
    },
    list: async (who) => inner.list(await as(who)),
    merge: async (who, follow) => inner.merge(await as(who), follow),
    // A linked person's follows live with the canonical identity: only it gets alerts, so no alert comes twice.
    async followers() {
      const all = await inner.followers();
      const resolved = await Promise.all(all.map((who) => as(who)));
      return all.filter((who, i) => same(who, resolved[i]!));
    },
  };
}

export function followMerger(inner: FollowRepo): AccountMerger {
  return {
    async merge(from, into) {
      for (const follow of await inner.list(from)) await inner.merge(into, follow);
    },
  };
}

export function createAccountFeedback(inner: FeedbackRepo, accounts: Pick<AccountRepo, "resolve">): FeedbackRepo {
  const as = (owner: BookmarkOwner) => accounts.resolve(owner);
  return {
    dismiss: async (owner, paper) => inner.dismiss(await as(owner), paper),
    dismissed: async (owner) => inner.dismissed(await as(owner)),
    dismissals: async (owner) => inner.dismissals(await as(owner)),
    merge: async (owner, dismissal: Dismissal) => inner.merge(await as(owner), dismissal),
  };
}

export function feedbackMerger(inner: FeedbackRepo): AccountMerger {
  return {
    async merge(from, into) {
      for (const dismissal of await inner.dismissals(from)) await inner.merge(into, dismissal);
    },
  };
}
