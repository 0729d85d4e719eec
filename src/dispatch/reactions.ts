// 🔖 reactions: on a message paperboy recorded as showing a paper, adding the reaction bookmarks that paper
// for the reacting user and removing it un-bookmarks it. Everything else is ignored. Slack retries events,
// so an event id is processed once. A 🔖 that cannot be stored (store down, disk full) is never dropped
// silently: the outcome says so and the adapter shows the user one private line. Each 🔖 also counts towards the
// channel's journal club (journal-club.ts), which opens a discussion once enough people saved the paper.
import type { ReactionEvent, ReactionOutcome } from "../ports.js";
import type { CoreDeps } from "../core-deps.js";
import { saveBookmark } from "./save-bookmark.js";

/** How long an event id is remembered; Slack retries within about 5 minutes. */
const EVENT_MEMORY_MS = 60 * 60 * 1000;

export const BOOKMARK_NOT_SAVED =
  "Your 🔖 didn't take: paperboy can't save bookmarks right now. Please add the 🔖 again in a few minutes.";
export const BOOKMARK_NOT_REMOVED =
  "Removing your 🔖 didn't take: paperboy can't change bookmarks right now. Please try again in a few minutes (or use /paper bookmarks).";

export async function handleReaction(event: ReactionEvent, deps: CoreDeps): Promise<ReactionOutcome> {
  if (event.emoji !== "bookmark") return { status: "ignored" };
  try {
    if (event.eventId && !(await deps.once.firstTime(`event:${event.platform}:${event.eventId}`, EVENT_MEMORY_MS))) {
      return { status: "ignored" };
    }
    const post = await deps.posts.lookup(event.platform, event.channelId, event.messageId);
    if (!post) return { status: "ignored" };
    const owner = { platform: event.platform, userId: event.userId };
    const club = { platform: event.platform, channelId: event.channelId, paperId: post.paperId };
    if (event.added) {
      const { paper } = await saveBookmark(deps, owner, post.paperId);
      // After the bookmark is safe: journal club never fails a 🔖 (it logs its own trouble).
      await deps.club?.saved(club, event.messageId, event.userId, paper);
    } else {
      await deps.bookmarks.remove(owner, post.paperId);
      await deps.club?.unsaved(club, event.userId);
    }
    deps.log.info(
      { platform: event.platform, channelId: event.channelId, userId: event.userId, paperId: post.paperId, added: event.added },
      "bookmark reaction",
    );
    return { status: "applied" };
  } catch (err) {
    deps.log.error(
      { err, platform: event.platform, channelId: event.channelId, messageId: event.messageId, userId: event.userId, added: event.added },
      "bookmark reaction could not be stored; telling the user",
    );
    return { status: "failed", notice: event.added ? BOOKMARK_NOT_SAVED : BOOKMARK_NOT_REMOVED };
  }
}
