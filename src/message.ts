// The neutral message model: what the core says, before any platform has touched it. Every string in here
// is PLAIN, UNESCAPED text (paper titles and abstracts are untrusted); each adapter's render.ts escapes it
// for its own markup and enforces its own limits. Links and emphasis are structure, never markup in text.

/** A piece of inline text: plain, emphasised, or a link. */
export type Span =
  | { text: string; style?: "bold" | "italic" | "code" }
  | { text: string; url: string };

export type Block =
  /** A paragraph. */
  | { kind: "text"; spans: Span[] }
  /** Short label/value pairs shown side by side where the platform can (upvotes, stars, date …). */
  | { kind: "fields"; fields: { label: string; value: string }[] }
  /** A row of links (arXiv, PDF, HF, code, project page). */
  | { kind: "links"; links: { label: string; url: string }[] }
  /** Small print: keywords, "3 more papers not shown", page counters. */
  | { kind: "context"; spans: Span[] }
  | { kind: "divider" };

/** A button. Adapters encode it into custom_id/action_id + value and hand it back through BotCore.runAction. */
export type Action =
  | { kind: "save"; paperId: string }
  | { kind: "unsave"; paperId: string }
  | { kind: "post"; paperId: string }
  /** "Not for me" on a /paper foryou result: fewer papers like it for this user. */
  | { kind: "dismiss"; paperId: string }
  /** Marks a bookmark read (reading-list cards). */
  | { kind: "read"; paperId: string }
  /**
   * Next/Previous of a paged private list: `/paper search` (query = the search) or, with `list: "trending"`,
   * `/paper trending` (query is "" and ignored), so paging a trending page never turns into a search.
   */
  | { kind: "page"; query: string; page: number; label: "Next" | "Previous"; list?: "trending" };

/** A file the user can download or copy (bookmark exports). */
export interface Attachment {
  filename: string;
  /** e.g. `text/markdown`, `application/x-bibtex`. */
  mimeType: string;
  content: string;
}

export interface OutgoingMessage {
  /** Headline; for a paper its title (plain text). */
  title?: string;
  /** Where the title links to. */
  url?: string;
  thumbnailUrl?: string;
  blocks: Block[];
  /** Plain-text rendering of the whole message: notifications, screen readers, the console. */
  fallbackText: string;
  actions?: Action[];
  /** Set on messages that show exactly one paper: posting it records (channel, message) → paper. */
  ref?: { paperId: string; date?: string };
  attachment?: Attachment;
}

export interface Reply {
  visibility: "public" | "ephemeral";
  messages: OutgoingMessage[];
  /** For button handlers: replace the message the button was on instead of sending a new one. */
  replaceOriginal?: boolean;
  /** Set when the reply reports a failure: the UserError's code, "upstream" or "internal". Piped console runs exit 1. */
  failure?: string;
}

/** A private reply made of one plain paragraph. */
export function textReply(text: string, visibility: Reply["visibility"] = "ephemeral"): Reply {
  return { visibility, messages: [{ blocks: [{ kind: "text", spans: [{ text }] }], fallbackText: text }] };
}
