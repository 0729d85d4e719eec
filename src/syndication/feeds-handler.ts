// The `/feeds/` routes of paperboy's HTTP server: public list feeds (`/feeds/<kind>.atom|rss`, kinds in FEED_KINDS)
// and private reading lists (`/feeds/bookmarks/<token>.atom|rss`). Every answer carries ETag and Last-Modified and
// a conditional request gets a 304. Secret tokens never reach a log line: errors are logged with the route only.
import type { IncomingMessage, ServerResponse } from "node:http";
import { UpstreamError, UserError } from "../errors.js";
import type { PaperSource } from "../hf/source.js";
import type { Logger } from "../log.js";
import type { PaperFilter } from "../schedule/filters.js";
import type { FeedTokenRepo } from "../store/feed-tokens.js";
import type { BookmarkRepo } from "../store/types.js";
import { buildBookmarkFeed } from "./bookmark-feed.js";
import { etagOf, isNotModified } from "./conditional.js";
import { buildDailyFeed, type DailyFeedDeps } from "./daily-feed.js";
import { parseFeedQuery } from "./feed-query.js";
import { FEED_CONTENT_TYPES, renderFeed, type FeedDocument, type FeedFormat } from "./render-feed.js";

export const FEEDS_PREFIX = "/feeds/";

export interface FeedsHandlerConfig extends DailyFeedDeps {
  papers: PaperSource;
  bookmarks: BookmarkRepo;
  feedTokens: FeedTokenRepo;
  log: Logger;
  /** Public base URL (config publicUrl), for the feeds' self links. */
  baseUrl: string;
}

/** A public feed kind: what `/feeds/<kind>.<format>` shows for given filters. Weekly and monthly go here. */
type FeedKind = (filter: PaperFilter, selfUrl: string, deps: DailyFeedDeps) => Promise<FeedDocument>;

const FEED_KINDS: Record<string, FeedKind> = {
  daily: buildDailyFeed,
};

const PUBLIC_FEED = /^\/feeds\/([a-z]+)\.(atom|rss)$/;
const BOOKMARK_FEED = /^\/feeds\/bookmarks\/([^/]+)\.(atom|rss)$/;
/** Readers poll every few minutes to hours; closed lists don't change, so five minutes costs nothing. */
const MAX_AGE_SECONDS = 300;

type Answer =
  | { status: 200; doc: FeedDocument; format: FeedFormat; cacheControl: string; extraHeaders?: Record<string, string> }
  | { status: 400 | 404 | 405 | 500 | 503; message: string; headers?: Record<string, string> };

export function createFeedsHandler(config: FeedsHandlerConfig): (req: IncomingMessage, res: ServerResponse) => void {
  async function answer(req: IncomingMessage): Promise<Answer> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return { status: 405, message: "Feeds are read with GET.", headers: { allow: "GET, HEAD" } };
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const selfUrl = `${config.baseUrl}${url.pathname}${url.search}`;

    const bookmark = BOOKMARK_FEED.exec(url.pathname);
    if (bookmark) {
      const owner = await config.feedTokens.resolve(bookmark[1] ?? "");
      if (!owner) return { status: 404, message: "No such feed. Ask paperboy for your current link: /paper bookmarks feed" };
      const list = await config.bookmarks.list(owner);
      return {
        status: 200,
        doc: buildBookmarkFeed(list, `${config.baseUrl}${url.pathname}`, owner.createdAt),
        format: bookmark[2] as FeedFormat,
        cacheControl: `private, max-age=${MAX_AGE_SECONDS}`,
        // The URL is the password: keep it out of search engines and other sites' logs.
        extraHeaders: { "x-robots-tag": "noindex", "referrer-policy": "no-referrer" },
      };
    }

    const match = PUBLIC_FEED.exec(url.pathname);
    const kind = match ? FEED_KINDS[match[1] ?? ""] : undefined;
    if (!match || !kind) {
      return { status: 404, message: `No such feed. Try ${config.baseUrl}/feeds/daily.atom or /feeds/daily.rss` };
    }
    const query = parseFeedQuery(url.searchParams);
    if (!query.ok) return { status: 400, message: query.message };
    return {
      status: 200,
      doc: await kind(query.filter, selfUrl, config),
      format: match[2] as FeedFormat,
      cacheControl: `public, max-age=${MAX_AGE_SECONDS}`,
    };
  }

  function fail(err: unknown, route: string): Answer {
    if (err instanceof UpstreamError || (err instanceof UserError && err.code === "bad_date")) {
      config.log.warn({ err, route }, "feed: Hugging Face unavailable");
      return {
        status: 503,
        message: "Hugging Face can't be reached right now, so the feed can't be built. Please try again in a few minutes.",
        headers: { "retry-after": String(MAX_AGE_SECONDS) },
      };
    }
    config.log.error({ err, route }, "feed failed");
    return { status: 500, message: "Sorry, something went wrong on our side." };
  }

  return (req, res) => {
    const route = (req.url ?? "").startsWith("/feeds/bookmarks/") ? "/feeds/bookmarks/…" : (req.url ?? "").split("?")[0];
    answer(req)
      .catch((err: unknown) => fail(err, route ?? ""))
      .then((a) => send(req, res, a))
      .catch((err: unknown) => {
        config.log.error({ err, route }, "feed response failed");
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };
}

function send(req: IncomingMessage, res: ServerResponse, a: Answer): void {
  if (a.status !== 200) {
    res.writeHead(a.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...a.headers });
    res.end(req.method === "HEAD" ? undefined : `${a.message}\n`);
    return;
  }
  const body = renderFeed(a.doc, a.format);
  const etag = etagOf(body);
  const headers = {
    etag,
    "last-modified": a.doc.updated.toUTCString(),
    "cache-control": a.cacheControl,
    ...a.extraHeaders,
  };
  if (isNotModified(req.headers, etag, a.doc.updated)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, "content-type": FEED_CONTENT_TYPES[a.format] });
  res.end(req.method === "HEAD" ? undefined : body);
}
