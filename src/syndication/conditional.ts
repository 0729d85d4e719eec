// HTTP conditional requests for the feeds (RFC 9110 §13): a strong ETag from the body, Last-Modified from the
// feed's newest change, and the 304 decision. If-None-Match wins over If-Modified-Since when both are sent, so a
// reader that keeps the ETag always sees a change, even one that did not move Last-Modified (a removed bookmark).
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** A strong validator: the SHA-256 of the exact bytes served. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** HTTP dates have whole seconds; compare at that precision. */
function wholeSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function matchesAny(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/** True when the client's cached copy is current, so a 304 without a body is the answer. */
export function isNotModified(headers: IncomingHttpHeaders, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers["if-none-match"];
  if (ifNoneMatch !== undefined) return matchesAny(ifNoneMatch, etag);
  const ifModifiedSince = headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && wholeSeconds(lastModified) <= Math.floor(since / 1000);
}
