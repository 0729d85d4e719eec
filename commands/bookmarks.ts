// /paper bookmarks [list|markdown|bibtex] — the caller's reading list, or an export of it as a file.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { bookmarksBibtex, bookmarksList, bookmarksMarkdown } from "../src/format/bookmarks.js";

export const bookmarksCommand = defineCommand({
  name: "bookmarks",
  description: "Your bookmarked papers, or an export as Markdown or BibTeX",
  schema: z.object({
    format: z
      .enum(["list", "markdown", "bibtex"], { error: "Choose list, markdown or bibtex." })
      .default("list")
      .describe("list (default), markdown or bibtex"),
  }),
  examples: ["/paper bookmarks", "/paper bookmarks bibtex"],
  async run({ format }, { caller, deps }) {
    const bookmarks = await deps.bookmarks.list({ platform: caller.platform, userId: caller.userId });
    if (format === "list" || bookmarks.length === 0) return { visibility: "ephemeral", messages: bookmarksList(bookmarks, caller.platform) };
    const attachment = format === "markdown" ? bookmarksMarkdown(bookmarks) : bookmarksBibtex(bookmarks);
    const text = `Your ${bookmarks.length} bookmark${bookmarks.length === 1 ? "" : "s"} as ${format === "markdown" ? "Markdown" : "BibTeX"}: ${attachment.filename}`;
    return {
      visibility: "ephemeral",
      messages: [{ blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text, attachment }],
    };
  },
});
