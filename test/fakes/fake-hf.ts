// A recording fake of the Hugging Face Papers API and the arXiv export API on 127.0.0.1:0, serving fixture
// data in the real shapes (test/fixtures/hf) with faults on demand: error statuses, 429 with Retry-After /
// RateLimit, slow answers, malformed JSON, "N times then recover". Every helper that needs papers (Slack,
// Discord, delivery) points HF_API_URL/ARXIV_API_URL here and seeds its own lists with makeDailyItem.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  defaultHfData,
  renderArxivErrorFeed,
  renderArxivFeed,
  type ArxivSpec,
  type FakeHfData,
  type JsonObject,
} from "../fixtures/hf/index.js";
import { createFakeRepos, type LinkedReposSpec } from "./fake-hf-repos.js";

export type { LinkedReposSpec, RepoSpec } from "./fake-hf-repos.js";
export { makeDailyItem, bigList, renderArxivFeed, type ArxivSpec, type FakeHfData, type JsonObject, type PaperSpec } from "../fixtures/hf/index.js";
export * as hfFixtures from "../fixtures/hf/index.js";

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The Authorization header as received (to check a token is sent — or not). */
  authorization?: string;
}

export interface Fault {
  /** Answer with this status (e.g. 500, 503, 429) instead of the real response. */
  status?: number;
  headers?: Record<string, string>;
  /** Body for a status fault; default `{"error":"…"}`. */
  body?: string;
  /** Wait this long before answering (alone: a slow but correct answer). */
  delayMs?: number;
  /** Answer 200 with a body that is not JSON. */
  malformedJson?: boolean;
  /** Apply to this many matching requests, then recover. Default: forever. */
  times?: number;
}

/** A path prefix ("/api/daily_papers"), a RegExp on the path, or a predicate. */
export type FaultMatcher = string | RegExp | ((req: FakeRequest) => boolean);

export interface FakeHf {
  /** Base URL for HF_API_URL. */
  url: string;
  /** URL for ARXIV_API_URL. */
  arxivUrl: string;
  /** Every request received, in order (faulted ones too). */
  requests: FakeRequest[];
  /** The live data; mutate freely or use the setters. */
  data: FakeHfData;
  setDaily(date: string, items: JsonObject[]): void;
  /** What `sort=trending` answers (HF's own order), until set again. */
  setTrending(items: JsonObject[]): void;
  setPaper(id: string, body: JsonObject): void;
  /** The models/datasets/Spaces citing a paper (its detail's linked* fields and /api/arxiv/{id}/repos). */
  setRepos(id: string, spec: LinkedReposSpec): void;
  setArxiv(paper: ArxivSpec): void;
  setFault(matcher: FaultMatcher, fault: Fault): void;
  clearFaults(): void;
  /** Requests whose path starts with `prefix`. */
  count(prefix: string): number;
  close(): Promise<void>;
}

export interface FakeHfOptions {
  /** Merged over the default fixture data (daily lists by date). */
  data?: Partial<FakeHfData>;
  /** Start from empty data instead of the fixtures. Default true (use fixtures). */
  defaults?: boolean;
}

const NEW_STYLE = /^\d{4}\.\d{4,5}$/;
// HF's own patterns for week= and month= (its week pattern has no W53).
const WEEK_PARAM = /^\d{4}-W(0[1-9]|[1-4][0-9]|5[0-2])$/;
const MONTH_PARAM = /^\d{4}-(0[1-9]|1[0-2])$/;

/** ISO week of a YYYY-MM-DD date as `YYYY-Www` (the Thursday of its week decides the year). */
function isoWeekOfDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}
const OLD_STYLE = /^[a-z-]+(\.[a-z]{2})?\/\d{7}$/i;
const isValidDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) =>
  send(res, status, JSON.stringify(body), headers);

function intParam(value: string | undefined, fallback: number, min: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** The /api/papers/{id} body for a daily item's paper (linked repos: fake-hf-repos.ts). */
const detailOf = (item: JsonObject): JsonObject => ({ ...(item.paper as JsonObject) });

/** A search result from a daily item: no submittedBy, no submittedOnDaily*, plus upvoted/highlighted*. */
function searchItemOf(item: JsonObject): JsonObject {
  const { submittedBy: _s, ...rest } = item;
  const { submittedOnDailyAt: _a, submittedOnDailyBy: _b, ...paper } = item.paper as JsonObject;
  return { ...rest, paper, upvoted: false, highlightedTitle: [{ type: "text", text: rest.title }] };
}

export async function createFakeHf(opts: FakeHfOptions = {}): Promise<FakeHf> {
  const base: FakeHfData = opts.defaults === false ? { daily: {}, papers: {}, search: [], arxiv: {} } : defaultHfData();
  const data: FakeHfData = {
    daily: { ...base.daily, ...opts.data?.daily },
    papers: { ...base.papers, ...opts.data?.papers },
    search: [...base.search, ...(opts.data?.search ?? [])],
    arxiv: { ...base.arxiv, ...opts.data?.arxiv },
  };
  const requests: FakeRequest[] = [];
  const repos = createFakeRepos();
  let trending: JsonObject[] = [];
  const faults: { matcher: FaultMatcher; fault: Fault }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let url = "";

  const matches = (m: FaultMatcher, r: FakeRequest) =>
    typeof m === "string" ? r.path.startsWith(m) : m instanceof RegExp ? m.test(r.path) : m(r);

  function takeFault(r: FakeRequest): Fault | undefined {
    const i = faults.findIndex((f) => matches(f.matcher, r));
    const entry = faults[i];
    if (!entry) return undefined;
    if (entry.fault.times !== undefined && --entry.fault.times <= 0) faults.splice(i, 1);
    return entry.fault;
  }

  function findDaily(id: string): JsonObject | undefined {
    for (const items of Object.values(data.daily)) {
      const hit = items.find((it) => (it.paper as JsonObject | undefined)?.id === id);
      if (hit) return hit;
    }
    return undefined;
  }

  /** week=, month= and sort=trending, paged like a day (HF: one of date/week/month). */
  function servePeriod(r: FakeRequest, res: ServerResponse) {
    const { week, month } = r.query;
    if (week !== undefined && !WEEK_PARAM.test(week)) return sendJson(res, 400, { error: "Invalid week" });
    if (month !== undefined && !MONTH_PARAM.test(month)) return sendJson(res, 400, { error: "Invalid month" });
    const limit = intParam(r.query.limit, 50, 1, 100);
    const page = intParam(r.query.p, 0, 0, 10_000);
    if (limit === undefined || page === undefined) return sendJson(res, 400, { error: "Invalid pagination" });
    const all =
      week !== undefined || month !== undefined
        ? Object.entries(data.daily)
            .filter(([date]) => (week !== undefined ? isoWeekOfDate(date) === week : date.startsWith(`${month}-`)))
            .flatMap(([, items]) => items)
        : trending;
    const items = all.slice(page * limit, (page + 1) * limit);
    const headers: Record<string, string> = {};
    const which = week !== undefined ? `week=${week}` : month !== undefined ? `month=${month}` : "sort=trending";
    if ((page + 1) * limit < all.length) headers.link = `<${url}/api/daily_papers?${which}&p=${page + 1}&limit=${limit}>; rel="next"`;
    return sendJson(res, 200, items, headers);
  }

  function serveDaily(r: FakeRequest, res: ServerResponse) {
    if (r.query.week !== undefined || r.query.month !== undefined || (r.query.sort === "trending" && r.query.date === undefined)) {
      return servePeriod(r, res);
    }
    const dates = Object.keys(data.daily).sort();
    const date = r.query.date ?? dates[dates.length - 1] ?? "";
    if (r.query.date !== undefined && !isValidDate(date)) return sendJson(res, 400, { error: "Invalid date" });
    const limit = intParam(r.query.limit, 50, 1, 100);
    const page = intParam(r.query.p, 0, 0, 10_000);
    if (limit === undefined || page === undefined) return sendJson(res, 400, { error: "Invalid pagination" });
    const all = data.daily[date] ?? [];
    const items = all.slice(page * limit, (page + 1) * limit);
    const headers: Record<string, string> = {};
    if ((page + 1) * limit < all.length) {
      headers.link = `<${url}/api/daily_papers?date=${date}&p=${page + 1}&limit=${limit}>; rel="next"`;
    }
    return sendJson(res, 200, items, headers);
  }

  function serveSearch(r: FakeRequest, res: ServerResponse) {
    const limit = intParam(r.query.limit, 120, 1, 120);
    if (limit === undefined) return sendJson(res, 400, { error: "Invalid limit" });
    const words = (r.query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const corpus = [...data.search, ...Object.values(data.daily).flat().map(searchItemOf)];
    const seen = new Set<unknown>();
    const hits = corpus.filter((it) => {
      const p = (it.paper ?? it) as JsonObject;
      const text = `${String(p.title)} ${String(p.summary)}`.toLowerCase();
      if (seen.has(p.id) || !words.every((w) => text.includes(w))) return false;
      seen.add(p.id);
      return true;
    });
    return sendJson(res, 200, hits.slice(0, limit));
  }

  function servePaper(id: string, res: ServerResponse) {
    const stored = data.papers[id];
    const body = stored ?? (findDaily(id) ? { ...detailOf(findDaily(id) as JsonObject), ...repos.detailFields(id) } : undefined);
    if (!body) return sendJson(res, 404, { error: "Paper not found" });
    if (!stored || !repos.has(id)) return sendJson(res, 200, body);
    const { linkedModels: _m, linkedDatasets: _d, linkedSpaces: _s, numTotalModels: _a, numTotalDatasets: _b, numTotalSpaces: _c, ...rest } = stored;
    return sendJson(res, 200, { ...rest, ...repos.detailFields(id) });
  }

  function serveArxiv(r: FakeRequest, res: ServerResponse) {
    const atom = { "content-type": "application/atom+xml; charset=utf-8" };
    const ids = (r.query.id_list ?? "").split(",").filter(Boolean);
    const bad = ids.find((id) => !(NEW_STYLE.test(id) || OLD_STYLE.test(id)) || id === "1234.12345");
    if (bad !== undefined) return send(res, 400, renderArxivErrorFeed(bad), atom);
    const found = ids.map((id) => data.arxiv[id]).filter((p): p is ArxivSpec => p !== undefined);
    return send(res, 200, renderArxivFeed(found), atom);
  }

  function route(r: FakeRequest, res: ServerResponse) {
    if (r.method !== "GET") return sendJson(res, 405, { error: "Method not allowed" });
    if (r.path === "/api/daily_papers") return serveDaily(r, res);
    if (r.path === "/api/papers/search") return serveSearch(r, res);
    if (repos.serve(r.path, res)) return;
    if (r.path.startsWith("/api/papers/")) return servePaper(decodeURIComponent(r.path.slice("/api/papers/".length)), res);
    if (r.path === "/arxiv/api/query") return serveArxiv(r, res);
    return sendJson(res, 404, { error: "Not found" });
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    const r: FakeRequest = {
      method: req.method ?? "GET",
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    requests.push(r);
    const fault = takeFault(r);
    const answer = () => {
      if (fault?.malformedJson) return send(res, 200, '[{"paper": {"id": "2509.0', fault.headers);
      if (fault?.status) {
        return send(res, fault.status, fault.body ?? JSON.stringify({ error: `fake fault ${fault.status}` }), fault.headers);
      }
      return route(r, res);
    };
    if (fault?.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        answer();
      }, fault.delayMs);
      timers.add(t);
    } else {
      answer();
    }
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    arxivUrl: `${url}/arxiv/api/query`,
    requests,
    data,
    setDaily: (date, items) => void (data.daily[date] = items),
    setTrending: (items) => void (trending = items),
    setPaper: (id, body) => void (data.papers[id] = body),
    setRepos: (id, spec) => repos.set(id, spec),
    setArxiv: (paper) => void (data.arxiv[paper.id] = paper),
    setFault: (matcher, fault) => void faults.push({ matcher, fault: { ...fault } }),
    clearFaults: () => void faults.splice(0),
    count: (prefix) => requests.filter((r) => r.path.startsWith(prefix)).length,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
