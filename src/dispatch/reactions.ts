// 🔖 reactions: on a message paperboy recorded as showing a paper, adding the reaction bookmarks that paper
// for the reacting user and removing it un-bookmarks it. Everything else is ignored. Slack retries events,
// so an event id is processed once. One catch: a failure is logged, never thrown at the adapter.
import type { ReactionEvent } from "../ports.js";
import type { CoreDeps } from "../core-deps.js";
import { saveBookmark } from "./save-bookmark.js";

/** How long an event id is remembered; Slack retries within about 5 minutes. */
const EVENT_MEMORY_MS = 60 * 60 * 1000;

export async function handleReaction(event: ReactionEvent, deps: CoreDeps): Promise<void> {
  if (event.emoji !== "bookmark") return;
  try {
    if (event.eventId && !(await deps.once.firstTime(`event:${event.platform}:${event.eventId}`, EVENT_MEMORY_MS))) {
      return;
    }
    const post = await deps.posts.lookup(event.platform, event.channelId, event.messageId);
    if (!post) return;
    const owner = { platform: event.platform, userId: event.userId };
    if (event.added) await saveBookmark(deps, owner, post.paperId);
    else await deps.bookmarks.remove(owner, post.paperId);
    deps.log.info(
      { platform: event.platform, channelId: event.channelId, userId: event.userId, paperId: post.paperId, added: event.added },
      "bookmark reaction",
    );
  } catch (err) {
    deps.log.error({ err, platform: event.platform, channelId: event.channelId, messageId: event.messageId }, "reaction failed");
  }
}
