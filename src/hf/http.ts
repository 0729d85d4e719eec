// GET with a per-attempt timeout and retries for Hugging Face and arXiv. Retries 429/5xx/network errors with
// exponential backoff + jitter, honouring `Retry-After` and HF's `RateLimit: "api";r=0;t=<s>` header. The loop
// is hand-written because p-retry 6 cannot take a per-attempt delay from the server. Every failure ends as an
// UpstreamError carrying only the status — never the upstream body, never the token.
import { setTimeout as sleep } from "node:timers/promises";
import { UpstreamError } from "../errors.js";
import type { Logger } from "../log.js";

export interface RetryOptions {
  /** Retries after the first attempt (0 = one attempt only). */
  retries: number;
  /** First backoff delay in ms; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Cap on any single wait, ms. A server asking for a longer wait ends the retries at once. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

export interface HttpGetOptions {
  service: "huggingface" | "arxiv";
  /** Per-attempt timeout in ms, covering headers and body. */
  timeoutMs: number;
  /** Extra request headers (e.g. Authorization). Never logged. */
  headers?: Record<string, string>;
  retry?: Partial<RetryOptions>;
  log?: Logger;
  /** Non-2xx statuses to hand back as results instead of errors (arXiv's 400 carries an error feed). */
  passStatuses?: number[];
  /** Clock for HTTP-date Retry-After values. */
  now?: () => Date;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

/** ms to wait from a `Retry-After` value (delta-seconds or an HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/u.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names a weekday/month; bare numbers like "-5" would parse as years.
  const at = /[a-z]/iu.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * ms until the rate-limit window resets, from an IETF-draft `RateLimit` header such as
 * `"api";r=0;t=55`. Only meaningful when nothing remains (r=0); undefined otherwise.
 */
export function parseRateLimitReset(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const remaining = /(?:^|;)\s*r=(\d+)/u.exec(value);
  const reset = /(?:^|;)\s*t=(\d+)/u.exec(value);
  if (!reset?.[1]) return undefined;
  if (remaining?.[1] !== undefined && Number(remaining[1]) > 0) return undefined;
  return Number(reset[1]) * 1000;
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(retry: number, opts: RetryOptions, random: () => number = Math.random): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** retry);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/** What the server asked us to wait, from Retry-After, else from RateLimit (429 only). */
function serverDelay(res: Response, now: Date): number | undefined {
  const retryAfter = parseRetryAfter(res.headers.get("retry-after"), now);
  if (retryAfter !== undefined) return retryAfter;
  return res.status === 429 ? parseRateLimitReset(res.headers.get("ratelimit")) : undefined;
}

/** GET `url`; resolves with a 2xx (or a `passStatuses`) response, otherwise throws UpstreamError after the retries. */
export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpResult> {
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...opts.retry };
  const now = opts.now ?? (() => new Date());
  const path = new URL(url).pathname;
  for (let attempt = 0; ; attempt += 1) {
    let failure: UpstreamError;
    let wait: number | undefined;
    try {
      const res = await fetch(url, {
        headers: { accept: "application/json, application/atom+xml;q=0.9, */*;q=0.5", ...opts.headers },
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      if (res.ok || opts.passStatuses?.includes(res.status)) return { status: res.status, headers: res.headers, text: await res.text() };
      // Drain the body so the connection is reused, but never keep or log it.
      await res.arrayBuffer().catch(() => undefined);
      failure = new UpstreamError(opts.service, res.status);
      if (!isRetryableStatus(res.status)) throw failure;
      wait = serverDelay(res, now());
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      failure = new UpstreamError(opts.service, 0, {
        cause: err,
        message: `${opts.service} request ${timedOut ? `timed out after ${opts.timeoutMs} ms` : "failed (network error)"}`,
      });
    }
    if (attempt >= retry.retries) throw failure;
    if (wait !== undefined && wait > retry.maxDelayMs) {
      opts.log?.warn({ service: opts.service, path, status: failure.status, waitMs: wait }, "upstream asks for a long wait; giving up");
      throw failure;
    }
    const delay = Math.max(wait ?? 0, backoffDelay(attempt, retry));
    opts.log?.warn(
      { service: opts.service, path, status: failure.status, attempt: attempt + 1, delayMs: delay },
      "upstream request failed; retrying",
    );
    await sleep(Math.min(delay, retry.maxDelayMs));
  }
}

/** GET and parse JSON. Malformed JSON is an UpstreamError with status 0 (not retried: it is not transient). */
export async function getJson(url: string, opts: HttpGetOptions): Promise<{ body: unknown; headers: Headers }> {
  const res = await httpGet(url, opts);
  try {
    return { body: JSON.parse(res.text) as unknown, headers: res.headers };
  } catch {
    // No `cause`: a SyntaxError's message quotes the upstream body.
    throw new UpstreamError(opts.service, 0, { message: `${opts.service} answered with malformed JSON` });
  }
}
