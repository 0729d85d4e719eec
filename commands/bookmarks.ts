// /paper bookmarks [list|markdown|bibtex|feed] — the caller's reading list, an export of it as a file, or the
// secret URL of their reading-list feed (`feed reset` revokes the old URL and issues a new one).
import { z } from "zod";
import { publicUrl } from "../src/config.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { bookmarksBibtex, bookmarksList, bookmarksMarkdown } from "../src/format/bookmarks.js";
import { bookmarkFeedMessage } from "../src/syndication/feed-links.js";

export const bookmarksCommand = defineCommand({
  name: "bookmarks",
  description: "Your bookmarked papers, an export as Markdown or BibTeX, or a private feed link",
  schema: z.object({
    format: z
      .enum(["list", "markdown", "bibtex", "feed"], { error: "Choose list, markdown or bibtex. Or feed, for a private feed link." })
      .default("list")
      .describe("list (default), markdown, bibtex, or feed (a private Atom/RSS link)"),
    action: z
      .enum(["reset"], { error: 'After feed, only "reset" is allowed: /paper bookmarks feed reset' })
      .optional()
      .describe("With feed: reset turns your old feed link off and makes a new one"),
  }),
  examples: ["/paper bookmarks", "/paper bookmarks bibtex", "/paper bookmarks feed", "/paper bookmarks feed reset"],
  async run({ format, action }, { caller, deps }) {
    const owner = { platform: caller.platform, userId: caller.userId };
    if (action && format !== "feed") {
      throw new UserError("bad_argument", '"reset" goes with feed: /paper bookmarks feed reset');
    }
    if (format === "feed") {
      const reset = action === "reset";
      const { token } = reset ? await deps.feedTokens.rotate(owner) : await deps.feedTokens.getOrCreate(owner);
      deps.log.info({ platform: caller.platform, userId: caller.userId, reset }, "bookmark feed link issued");
      return { visibility: "ephemeral", messages: [bookmarkFeedMessage(publicUrl(deps.config), token, reset)] };
    }
    const bookmarks = await deps.bookmarks.list(owner);
    if (format === "list" || bookmarks.length === 0) return { visibility: "ephemeral", messages: bookmarksList(bookmarks, caller.platform) };
    const attachment = format === "markdown" ? bookmarksMarkdown(bookmarks) : bookmarksBibtex(bookmarks);
    const text = `Your ${bookmarks.length} bookmark${bookmarks.length === 1 ? "" : "s"} as ${format === "markdown" ? "Markdown" : "BibTeX"}: ${attachment.filename}`;
    return {
      visibility: "ephemeral",
      messages: [{ blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text, attachment }],
    };
  },
});
