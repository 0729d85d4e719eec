// The URLs of the feeds and the private reply that hands a person their reading-list feed. The secret URL is only
// ever shown in an ephemeral reply to its owner (commands/bookmarks.ts), never posted or logged.
import type { OutgoingMessage } from "../message.js";
import type { FeedFormat } from "./render-feed.js";

/** `${base}/feeds/bookmarks/<token>.atom` (or `.rss`). */
export function bookmarkFeedUrl(baseUrl: string, token: string, format: FeedFormat): string {
  return `${baseUrl}/feeds/bookmarks/${token}.${format}`;
}

/** The private answer to `/paper bookmarks feed` (and `… feed reset`). */
export function bookmarkFeedMessage(baseUrl: string, token: string, reset: boolean): OutgoingMessage {
  const atom = bookmarkFeedUrl(baseUrl, token, "atom");
  const rss = bookmarkFeedUrl(baseUrl, token, "rss");
  const intro = reset
    ? "Done: your old feed link no longer works. Here is your new private reading-list feed:"
    : "Your private reading-list feed — add it to any feed reader:";
  const warning =
    "Anyone with this link can read your bookmarks. /paper bookmarks feed reset turns it off and gives you a new one.";
  return {
    title: "Your bookmarks as a feed",
    blocks: [
      { kind: "text", spans: [{ text: intro }] },
      { kind: "text", spans: [{ text: "Atom: " }, { text: atom, url: atom }] },
      { kind: "text", spans: [{ text: "RSS: " }, { text: rss, url: rss }] },
      { kind: "context", spans: [{ text: warning }] },
    ],
    fallbackText: [intro, `Atom: ${atom}`, `RSS: ${rss}`, warning].join("\n"),
  };
}
