// Button presses (Save, Remove, Post to channel, Not for me, Next/Previous). Adapters decode the platform payload into a
// neutral Action and call here; like the dispatcher this is one catch that maps failures to a private reply.
import { UpstreamError, UserError } from "../errors.js";
import { errorReply } from "./error-reply.js";
import { bookmarksList, textMessage } from "../format/bookmarks.js";
import { paperCard } from "../format/paper-card.js";
import { withLiveCounts } from "../hf/live-counts.js";
import { searchPage, trendingPage } from "../format/search-page.js";
import { trendingList } from "../hf/latest-list.js";
import { textReply, type Reply } from "../message.js";
import type { ActionInvocation } from "../ports.js";
import type { CoreDeps } from "../core-deps.js";
import { saveBookmark } from "./save-bookmark.js";

export async function runAction({ caller, action }: ActionInvocation, deps: CoreDeps): Promise<Reply> {
  try {
    const owner = { platform: caller.platform, userId: caller.userId };
    switch (action.kind) {
      case "save": {
        const { paper, isNew } = await saveBookmark(deps, owner, action.paperId);
        return textReply(isNew ? `Saved “${paper.title}” to your bookmarks.` : `“${paper.title}” is already in your bookmarks.`);
      }
      case "unsave": {
        const gone = (await deps.bookmarks.list(owner)).find((b) => b.paperId === action.paperId);
        const removed = await deps.bookmarks.remove(owner, action.paperId);
        const remaining = await deps.bookmarks.list(owner);
        const messages = bookmarksList(remaining, caller.platform);
        // A typed `unsave` (console) has no list that visibly loses a card, so it is told what happened.
        if (caller.platform === "console") {
          const what = gone ? `“${gone.paper.title}”` : action.paperId;
          messages.unshift(textMessage(removed ? `Removed ${what} from your bookmarks.` : `${what} wasn't in your bookmarks.`));
        }
        return { visibility: "ephemeral", messages, replaceOriginal: true };
      }
      case "read": {
        const updated = await deps.bookmarks.update(owner, action.paperId, { kind: "read", read: true });
        if (!updated) throw new UserError("not_bookmarked", "That paper isn't in your bookmarks any more, so there is nothing to mark read.");
        const messages = bookmarksList(await deps.bookmarks.list(owner), caller.platform);
        if (caller.platform === "console") messages.unshift(textMessage(`Marked “${updated.paper.title}” read.`));
        return { visibility: "ephemeral", messages, replaceOriginal: true };
      }
      case "post": {
        if (!caller.channelId) throw new UserError("no_channel", "There's no channel here to post to.");
        const paper = await withLiveCounts(deps.papers, await deps.papers.paper(action.paperId), deps.log);
        try {
          await deps.publish(caller.platform, caller.channelId, paperCard(paper, { actions: [{ kind: "save", paperId: paper.id }] }), {
            live: { paper, saveButton: true },
          });
        } catch (err) {
          if (err instanceof UpstreamError && err.permanent) {
            throw new UserError("cannot_post", "I can't post in this channel. Invite paperboy to it first, then try again.");
          }
          throw err;
        }
        return textReply(`Posted “${paper.title}” to the channel. React 🔖 on it to bookmark it.`);
      }
      case "dismiss": {
        const pool = await deps.candidatePool.current(deps.papers, deps.now());
        const paper = pool.papers.find((p) => p.id === action.paperId) ?? (await deps.papers.paper(action.paperId));
        await deps.feedback.dismiss(owner, paper);
        return textReply(`Got it: fewer papers like “${paper.title}”. It won't come up again in /paper foryou.`);
      }
      case "page": {
        if (action.list === "trending") {
          return { visibility: "ephemeral", messages: trendingPage(await trendingList(deps.papers), action.page), replaceOriginal: true };
        }
        const results = await deps.papers.search(action.query, 120);
        return { visibility: "ephemeral", messages: searchPage(action.query, results, action.page), replaceOriginal: true };
      }
    }
  } catch (err) {
    if (!(err instanceof UserError)) {
      deps.log.error({ err, action: action.kind, platform: caller.platform, userId: caller.userId }, "button failed");
    }
    return errorReply(err);
  }
}
