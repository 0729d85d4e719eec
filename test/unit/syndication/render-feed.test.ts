// The feed renderer and the reading-list builder on their own: old-style arXiv ids get arXiv ids and links,
// text XML cannot carry (lone surrogates, U+FFFF, controls) is dropped, and broken dates never break the feed.
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildBookmarkFeed } from "../../../src/syndication/bookmark-feed.js";
import { renderFeed } from "../../../src/syndication/render-feed.js";
import type { Bookmark } from "../../../src/store/types.js";
import { makePaper } from "../store/support.js";

const bookmark = (id: string, savedAt: string, title = `Paper ${id}`): Bookmark => ({
  paperId: id,
  savedAt,
  paper: makePaper(id, { title, source: "arxiv" }),
});

describe("renderFeed", () => {
  it("gives old-style arXiv ids arXiv ids and links, and drops characters XML cannot carry", () => {
    const doc = buildBookmarkFeed(
      [
        bookmark("hep-th/9901001", "2026-03-02T10:00:00Z", "Strings \uD800 and \uFFFF \u000B things \uD83D\uDE00"),
        bookmark("2401.01234", "not a date"),
      ],
      "https://papers.example.org/feeds/bookmarks/t.atom",
      "2026-03-01T00:00:00Z",
    );
    expect(doc.updated.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    for (const format of ["atom", "rss"] as const) {
      const xml = renderFeed(doc, format);
      expect(XMLValidator.validate(xml)).toBe(true);
      const items = parseFeed(xml).items;
      expect(items.map((i) => i.id)).toEqual(["https://arxiv.org/abs/hep-th/9901001", "https://huggingface.co/papers/2401.01234"]);
      expect(items[0]?.title).toBe("Strings and things 😀");
      // A bookmark with an unreadable save time is dated at the epoch rather than breaking everyone's feed.
      expect(items[1]?.published?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    }
  });

  it("dates an empty reading list by when its link was issued", () => {
    const doc = buildBookmarkFeed([], "https://x.example/feeds/bookmarks/t.rss", "2026-03-01T00:00:00Z");
    expect(doc.updated.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(XMLValidator.validate(renderFeed(doc, "rss"))).toBe(true);
  });
});
