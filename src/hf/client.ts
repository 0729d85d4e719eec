// The Hugging Face PaperSource: daily lists (all pages), search, and single papers with the arXiv fallback,
// behind a Keyv cache with in-flight sharing. A closed date's list never changes, so it is kept for 30 days;
// an open date's list for 5 minutes (and never past its closing). Upstream failures surface as
// UpstreamError; an id nobody knows as UserError("paper_not_found").
import type { Keyv } from "keyv";
import { z } from "zod";
import { isListClosed } from "../time/dates.js";
import { isoWeekDates, monthDates } from "../time/periods.js";
import { UpstreamError, UserError } from "../errors.js";
import type { Logger } from "../log.js";
import { paperSchema, type Paper } from "../paper.js";
import { artifactsFromDetail, artifactsFromRepos, detailHasLinks } from "./artifacts.js";
import { createArxivClient } from "./arxiv.js";
import { createCachedLoader } from "./cached.js";
import { getJson, type HttpGetOptions, type RetryOptions } from "./http.js";
import { hfArxivReposSchema, hfDailyItemSchema, hfPaperDetailSchema, hfSearchItemSchema, parseList, type HfPaperDetail } from "./schemas.js";
import { votesOf, type PaperSource } from "./source.js";
import { hfItemToPaper, hfPaperToPaper } from "./to-paper.js";

export interface HfClientConfig {
  /** HF_API_URL, e.g. https://huggingface.co */
  baseUrl: string;
  /** ARXIV_API_URL, e.g. https://export.arxiv.org/api/query */
  arxivUrl: string;
  /** HF_TOKEN: sent as a Bearer token to Hugging Face only; never logged. */
  token?: string;
  /** Per-request timeout, ms (HF_TIMEOUT_MS). */
  timeoutMs: number;
  cache: Keyv;
  now: () => Date;
  log: Logger;
  /** Retry policy for HF and arXiv; tests shrink the delays. */
  retry?: Partial<RetryOptions>;
  /** Gap between arXiv requests, ms (default 3000, arXiv's rule); tests shrink it. */
  arxivIntervalMs?: number;
  /** How long the live-vote counts of a list are shared (ms, default 5 minutes); keep it below the refresh interval. */
  votesTtlMs?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const CACHE_TTL = { closedDay: 30 * DAY, openDay: 5 * MINUTE, search: 10 * MINUTE, paper: DAY, missing: 60 * MINUTE };
/** HF's page size cap for /api/daily_papers. */
export const DAILY_PAGE_SIZE = 100;
const MAX_DAILY_PAGES = 20;
/** Trending is a ranking: its head is what matters, and every further page would be one more request. */
const MAX_TRENDING_PAGES = 1;
export const MAX_QUERY_LENGTH = 250;
export const MAX_SEARCH_LIMIT = 120;

const NEW_STYLE_ID = /^\d{4}\.\d{4,5}$/u;
const OLD_STYLE_ID = /^[a-z-]+(\.[a-z]{2})?\/\d{7}$/iu;

const dailyCacheSchema = z.object({ closed: z.boolean(), papers: z.array(paperSchema) });
const papersCacheSchema = z.array(paperSchema);
const votesCacheSchema = z.array(
  z.object({ id: z.string(), upvotes: z.number().optional(), numComments: z.number().optional(), githubStars: z.number().optional() }),
);
const paperCacheSchema = z.union([z.object({ paper: paperSchema }), z.object({ missing: z.literal(true) })]);

function notFound(id: string): UserError {
  return new UserError(
    "paper_not_found",
    `I couldn't find arXiv paper ${id} on Hugging Face or arXiv. Check the id — it looks like 2401.01234.`,
  );
}

function noListFor(date: string): UserError {
  return new UserError("bad_date", `Hugging Face has no Daily Papers list for ${date}. Lists start on 2023-05-04 and never lie in the future.`);
}

/** A real YYYY-MM-DD calendar date (2025-02-30 is not). */
function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(date);
}

function hasNextLink(headers: Headers): boolean {
  const link = headers.get("link");
  return link !== null && /rel="?next"?/iu.test(link);
}

export function createHfClient(config: HfClientConfig): PaperSource {
  const base = config.baseUrl.replace(/\/+$/u, "");
  const cached = createCachedLoader(config.cache, config.log);
  const arxiv = createArxivClient({
    url: config.arxivUrl,
    timeoutMs: config.timeoutMs,
    intervalMs: config.arxivIntervalMs ?? 3000,
    log: config.log,
    ...(config.retry ? { retry: config.retry } : {}),
  });
  const httpOptions: HttpGetOptions = {
    service: "huggingface",
    timeoutMs: config.timeoutMs,
    log: config.log,
    now: config.now,
    ...(config.token ? { headers: { authorization: `Bearer ${config.token}` } } : {}),
    ...(config.retry ? { retry: config.retry } : {}),
  };

  async function getList<T extends z.ZodType>(path: string, schema: T) {
    const { body, headers } = await getJson(`${base}${path}`, httpOptions);
    const parsed = parseList(schema, body);
    if (!parsed) {
      throw new UpstreamError("huggingface", 0, { message: "huggingface answered with an unexpected JSON shape" });
    }
    if (parsed.dropped > 0) config.log.warn({ path, dropped: parsed.dropped }, "dropped unparseable Hugging Face items");
    return { items: parsed.items, rawCount: (body as unknown[]).length, headers };
  }

  /** Every page of /api/daily_papers for `params` (date, week, month or sort), one paper per id. */
  async function fetchPages(params: Record<string, string>, listDate?: string, maxPages = MAX_DAILY_PAGES): Promise<Paper[]> {
    const byId = new Map<string, Paper>();
    for (let page = 0; page < maxPages; page += 1) {
      const query = new URLSearchParams({ ...params, limit: String(DAILY_PAGE_SIZE), p: String(page) });
      const { items, rawCount, headers } = await getList(`/api/daily_papers?${query}`, hfDailyItemSchema);
      for (const item of items) {
        const paper = hfItemToPaper(item, listDate);
        if (!byId.has(paper.id)) byId.set(paper.id, paper);
      }
      if (rawCount < DAILY_PAGE_SIZE || !hasNextLink(headers)) break;
    }
    return [...byId.values()];
  }

  // Array.prototype.sort is stable: equal upvotes keep Hugging Face's own order.
  const byUpvotes = (papers: Paper[]) => papers.sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));
  const fetchDaily = async (date: string) => byUpvotes(await fetchPages({ date }, date));

  /** A week's or month's list: cached like a closed day once `lastDate` (its last list) has closed. */
  async function periodList(kind: "week" | "month", period: string, lastDate: string): Promise<Paper[]> {
    const entry = await cached(
      `hf:${kind}:${period}`,
      dailyCacheSchema,
      async () => {
        const closed = isListClosed(lastDate, config.now());
        const papers = byUpvotes(await fetchPages({ [kind]: period }));
        return { value: { closed, papers }, ttlMs: closed ? CACHE_TTL.closedDay : CACHE_TTL.openDay };
      },
      (hit) => hit.closed || !isListClosed(lastDate, config.now()),
    );
    return [...entry.papers];
  }

  /**
   * The repos citing a paper: the detail's own linked* fields, or — when the detail has none of them at all —
   * GET /api/arxiv/{id}/repos. A failing repos request costs the card its artifacts, never the paper.
   */
  async function artifactsOf(id: string, detail: HfPaperDetail) {
    if (detailHasLinks(detail)) return artifactsFromDetail(detail);
    try {
      const { body } = await getJson(`${base}/api/arxiv/${encodeURIComponent(id)}/repos`, { ...httpOptions, retry: { ...config.retry, retries: 0 } });
      const parsed = hfArxivReposSchema.safeParse(body);
      if (parsed.success) return artifactsFromRepos(parsed.data);
      config.log.warn({ paperId: id }, "unexpected /repos shape; card without linked repos");
    } catch (err) {
      config.log.warn({ paperId: id, err: err instanceof Error ? err.message : String(err) }, "linked repos unavailable; card without them");
    }
    return undefined;
  }

  async function fetchPaper(id: string): Promise<z.infer<typeof paperCacheSchema>> {
    if (NEW_STYLE_ID.test(id)) {
      try {
        const { body } = await getJson(`${base}/api/papers/${encodeURIComponent(id)}`, httpOptions);
        const parsed = hfPaperDetailSchema.safeParse(body);
        if (!parsed.success) {
          throw new UpstreamError("huggingface", 0, { message: "huggingface answered with an unexpected paper shape" });
        }
        const artifacts = await artifactsOf(id, parsed.data);
        return { paper: hfPaperToPaper(parsed.data, { numComments: parsed.data.numComments, ...(artifacts ? { artifacts } : {}) }) };
      } catch (err) {
        if (!(err instanceof UpstreamError && err.status === 404)) throw err;
        config.log.debug({ paperId: id }, "not on Hugging Face; asking arXiv");
      }
    }
    const paper = await arxiv.paper(id);
    return paper ? { paper } : { missing: true };
  }

  return {
    async daily(date) {
      if (!isCalendarDate(date)) throw new UserError("bad_date", "That isn't a date — use the form 2025-09-08.");
      const entry = await cached(
        `hf:daily:${date}`,
        dailyCacheSchema,
        async () => {
          const closed = isListClosed(date, config.now());
          const papers = await fetchDaily(date).catch((err: unknown) => {
            // HF answers 400 for a date it has no list for (before 2023-05-04 or ahead of its feed).
            if (err instanceof UpstreamError && err.status === 400) throw noListFor(date);
            throw err;
          });
          return { value: { closed, papers }, ttlMs: closed ? CACHE_TTL.closedDay : CACHE_TTL.openDay };
        },
        // An entry fetched while the list was open is stale once the list closes.
        (hit) => hit.closed || !isListClosed(date, config.now()),
      );
      // A copy: callers may sort or slice without touching the shared/cached array.
      return [...entry.papers];
    },

    async search(query, limit = 50) {
      const q = query.replace(/\s+/gu, " ").trim().slice(0, MAX_QUERY_LENGTH);
      const n = Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(limit)));
      if (q === "") return [];
      const papers = await cached(`hf:search:${n}:${q.toLowerCase()}`, papersCacheSchema, async () => {
        const params = new URLSearchParams({ q, limit: String(n) });
        const { items } = await getList(`/api/papers/search?${params}`, hfSearchItemSchema);
        const seen = new Set<string>();
        const value = items.map((item) => hfItemToPaper(item)).filter((p) => !seen.has(p.id) && seen.add(p.id));
        return { value, ttlMs: CACHE_TTL.search };
      });
      return papers.slice(0, n); // slice: a copy, never the shared/cached array
    },

    async week(week) {
      if (!/^\d{4}-W(0[1-9]|[1-4]\d|5[0-2])$/u.test(week)) throw new UserError("bad_date", `Hugging Face has no weekly list for ${week}.`);
      return periodList("week", week, isoWeekDates(week)[6]!);
    },

    async month(month) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/u.test(month)) throw new UserError("bad_date", `Hugging Face has no monthly list for ${month}.`);
      return periodList("month", month, monthDates(month).at(-1)!);
    },

    async trending() {
      // Keyed by the ten minutes it was asked in (by our clock), so a later day never reads an earlier ranking.
      const bucket = Math.floor(config.now().getTime() / CACHE_TTL.search);
      const papers = await cached(`hf:trending:${bucket}`, papersCacheSchema, async () => ({
        value: await fetchPages({ sort: "trending" }, undefined, MAX_TRENDING_PAGES),
        ttlMs: CACHE_TTL.search,
      }));
      return [...papers];
    },

    async votes(date) {
      if (!isCalendarDate(date)) throw new UserError("bad_date", "That isn't a date — use the form 2025-09-08.");
      // Keyed by the TTL-long bucket it was asked in: every channel and process refreshing in that bucket shares
      // one request per date, and a later refresh never reads an older bucket's counts.
      const ttlMs = config.votesTtlMs ?? CACHE_TTL.openDay;
      const bucket = Math.floor(config.now().getTime() / ttlMs);
      const votes = await cached(`hf:votes:${date}:${bucket}`, votesCacheSchema, async () => ({
        value: (await fetchDaily(date)).map(votesOf),
        ttlMs,
      }));
      return [...votes];
    },

    async paper(rawId) {
      const id = rawId.trim().replace(/^arxiv:\s*/iu, "").replace(/v\d+$/u, "");
      if (!NEW_STYLE_ID.test(id) && !OLD_STYLE_ID.test(id)) throw notFound(id.replace(/[^\w./:-]/gu, "").slice(0, 40));
      // v2: entries from before linked repos were kept would show cards without them for a day.
      const entry = await cached(`hf:paper:v2:${id}`, paperCacheSchema, async () => {
        const value = await fetchPaper(id);
        return { value, ttlMs: "paper" in value ? CACHE_TTL.paper : CACHE_TTL.missing };
      });
      if ("paper" in entry) return entry.paper;
      throw notFound(id);
    },
  };
}
