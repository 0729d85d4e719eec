// /paper bookmarks [list|unread|markdown|bibtex|csv|ris|csljson|feed] [tag=<tag>] — the caller's reading list
// (all, or the unread ones; optionally one tag), an export of it as a file, or the secret URL of their
// reading-list feed (`feed reset` revokes the old URL and issues a new one).
import { z } from "zod";
import { publicUrl } from "../src/config.js";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { bookmarksBibtex, bookmarksList, bookmarksMarkdown, filterBookmarks } from "../src/format/bookmarks.js";
import { bookmarksCslJson, bookmarksCsv, bookmarksRis } from "../src/format/exports.js";
import type { Attachment } from "../src/message.js";
import type { Bookmark } from "../src/store/types.js";
import { bookmarkFeedMessage } from "../src/syndication/feed-links.js";
import { parseTag } from "./tag.js";

/** Each export: its builder and the name people know it by. */
const EXPORTS: Record<string, { name: string; build: (bookmarks: readonly Bookmark[]) => Attachment }> = {
  markdown: { name: "Markdown", build: bookmarksMarkdown },
  bibtex: { name: "BibTeX", build: bookmarksBibtex },
  csv: { name: "CSV", build: bookmarksCsv },
  ris: { name: "RIS", build: bookmarksRis },
  csljson: { name: "CSL-JSON", build: bookmarksCslJson },
};

const FORMAT_ERROR = "Choose list, unread, markdown, bibtex, csv, ris or csljson. Or feed, for a private feed link.";

export const bookmarksCommand = defineCommand({
  name: "bookmarks",
  description: "Your reading list (all or unread), an export (Markdown, BibTeX, CSV, RIS, CSL-JSON), or a feed link",
  schema: z.object({
    format: z
      .enum(["list", "unread", "markdown", "bibtex", "csv", "ris", "csljson", "feed"], { error: FORMAT_ERROR })
      .default("list")
      .describe("list (default), unread, markdown, bibtex, csv, ris, csljson, or feed (a private Atom/RSS link)"),
    action: z
      .enum(["reset"], { error: 'After feed, only "reset" is allowed: /paper bookmarks feed reset' })
      .optional()
      .describe("With feed: reset turns your old feed link off and makes a new one"),
    tag: z.string().optional().describe("Only papers with this tag (see /paper tag)"),
  }),
  keyOnly: ["tag"],
  examples: [
    "/paper bookmarks",
    "/paper bookmarks unread",
    "/paper bookmarks tag=robotics",
    "/paper bookmarks bibtex",
    "/paper bookmarks ris",
    "/paper bookmarks feed",
    "/paper bookmarks feed reset",
  ],
  async run({ format, action, tag: rawTag }, { caller, deps }) {
    const owner = { platform: caller.platform, userId: caller.userId };
    if (action && format !== "feed") {
      throw new UserError("bad_argument", '"reset" goes with feed: /paper bookmarks feed reset');
    }
    const tag = rawTag === undefined ? undefined : parseTag(rawTag);
    if (format === "feed") {
      if (tag) throw new UserError("bad_argument", "The feed carries all your bookmarks; tag= works with the list and the exports.");
      const reset = action === "reset";
      const { token } = reset ? await deps.feedTokens.rotate(owner) : await deps.feedTokens.getOrCreate(owner);
      deps.log.info({ platform: caller.platform, userId: caller.userId, reset }, "bookmark feed link issued");
      return { visibility: "ephemeral", messages: [bookmarkFeedMessage(publicUrl(deps.config), token, reset)] };
    }
    const all = await deps.bookmarks.list(owner);
    const filter = { unread: format === "unread", ...(tag ? { tag } : {}) };
    const bookmarks = filterBookmarks(all, filter);
    const exporter = EXPORTS[format];
    if (!exporter || bookmarks.length === 0) return { visibility: "ephemeral", messages: bookmarksList(all, caller.platform, filter) };
    const attachment = exporter.build(bookmarks);
    const n = bookmarks.length;
    const text = `Your ${n} bookmark${n === 1 ? "" : "s"}${tag ? ` tagged ${tag}` : ""} as ${exporter.name}: ${attachment.filename}`;
    return {
      visibility: "ephemeral",
      messages: [{ blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text, attachment }],
    };
  },
});
