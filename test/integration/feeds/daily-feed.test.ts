// GET /feeds/daily.atom|rss on paperboy's real HTTP server against the fake Hugging Face: both formats parse with
// a real feed parser, ids and dates are stable, hostile titles stay text, the subscription filters apply, bad
// queries get a 400 in plain words, conditional requests get a 304, and closed lists cost HF one fetch ever.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { OPEN_DATE, fortnight, parseStrict, startFeedServer, type FeedServer } from "./setup.js";

let hf: FakeHf;
let server: FeedServer | undefined;
beforeAll(async () => {
  hf = await createFakeHf({ defaults: false, data: { daily: fortnight() } });
});
afterAll(() => hf.close());
afterEach(async () => {
  hf.clearFaults();
  await server?.close();
  server = undefined;
});

const start = async (storeUrl?: string) => {
  server = await startFeedServer({ hfUrl: hf.url, arxivUrl: hf.arxivUrl, ...(storeUrl ? { storeUrl } : {}) });
  return server;
};
/** The first entry's summary as the HTML a reader renders (the XML text of <summary> or <description>). */
function firstSummaryHtml(xml: string, format: "atom" | "rss"): string {
  type Text = string | { "#text": string };
  type Doc = { feed: { entry: { summary: Text }[] }; rss: { channel: { item: { description: Text }[] } } };
  const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as Doc;
  const first = format === "atom" ? doc.feed.entry[0]!.summary : doc.rss.channel.item[0]!.description;
  return typeof first === "object" ? first["#text"] : first;
}

const dailyFetches = () => hf.count("/api/daily_papers");

describe("GET /feeds/daily.atom and .rss", () => {
  it("serves the five newest closed lists in both formats, with stable ids and the list date as published", async () => {
    const s = await start();
    for (const format of ["atom", "rss"] as const) {
      const res = await s.get(`/feeds/daily.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(`application/${format}+xml; charset=utf-8`);
      const feed = parseStrict(await res.text());
      expect(feed.title).toBe("Hugging Face Daily Papers");
      const ids = feed.items.map((i) => i.id);
      // 9 Mar (most upvoted first), 6, 5, 4 and 3 Mar; never 2 Mar (sixth list) nor 10 Mar (still open).
      expect(ids).toEqual([
        "https://huggingface.co/papers/2603.00901",
        "https://huggingface.co/papers/2603.00902",
        "https://huggingface.co/papers/2603.00903",
        "https://huggingface.co/papers/2603.00601",
        "https://huggingface.co/papers/2603.00501",
        "https://huggingface.co/papers/2603.00502",
        "https://huggingface.co/papers/2603.00401",
        "https://huggingface.co/papers/2603.00301",
      ]);
      expect(feed.items[0]?.url).toBe("https://huggingface.co/papers/2603.00901");
      expect(feed.items[0]?.published?.toISOString()).toBe("2026-03-09T00:00:00.000Z");
      expect(feed.items[3]?.published?.toISOString()).toBe("2026-03-06T00:00:00.000Z");
    }
    expect(hf.requests.some((r) => r.query.date === OPEN_DATE)).toBe(false);
  });

  it("keeps hostile titles and abstracts as text: no markup, no broken XML, no control characters", async () => {
    const s = await start();
    for (const format of ["atom", "rss"] as const) {
      const xml = await (await s.get(`/feeds/daily.${format}`)).text();
      expect(xml).not.toMatch(/<script|<img/i);
      // eslint-disable-next-line no-control-regex
      expect(xml).not.toMatch(/[\u0001\u0007\uFFFE]/);
      const entry = parseStrict(xml).items[0]!;
      // Titles are HTML in both formats (Atom says type="html"): the tags arrive escaped, so a reader shows the
      // title as the text it is, which is what the parser (decoding it like a reader) hands back.
      expect(xml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; Tom &amp; Jerry diffusion");
      expect(entry.title).toBe(`<script>alert("x")</script> ]]> Tom & Jerry diffusion`);
      // The summary is HTML made only of paperboy's own tags; the paper's text inside it is escaped.
      const summary = firstSummaryHtml(xml, format);
      expect(summary).toContain("]]&gt; and opens a tag &lt;img src=x onerror=alert(1)&gt; &amp; more");
      expect(summary.match(/<\/?([a-z]+)/g)?.map((t) => t.replace(/[</]/g, "")).filter((t) => !["p", "a", "strong"].includes(t))).toEqual([]);
      expect(summary).toContain('<a href="https://arxiv.org/abs/2603.00901">arXiv</a>');
      expect(entry.description ?? entry.content).toContain("opens a tag <img src=x onerror=alert(1)> & more");
    }
    const atom = parseStrict(await (await s.get("/feeds/daily.atom")).text());
    expect(atom.items[0]?.authors.map((a) => a.name)).toEqual(["Ada <b>Lovelace</b>", "Bob & Co"]);
  });

  it("applies the subscription filters from the query string", async () => {
    const s = await start();
    const ids = async (query: string) =>
      parseStrict(await (await s.get(`/feeds/daily.rss?${query}`)).text()).items.map((i) => i.id?.split("/").pop());
    expect(await ids("min_upvotes=9")).toEqual(["2603.00901", "2603.00902", "2603.00501", "2603.00502"]);
    expect(await ids("keywords=diffusion,-survey")).toEqual(["2603.00901", "2603.00502"]);
    expect(await ids("organizations=DeepMind")).toEqual(["2603.00502"]);
    // top cuts each list, like a daily post does.
    expect(await ids("top=1")).toEqual(["2603.00901", "2603.00601", "2603.00501", "2603.00401", "2603.00301"]);
    expect(await ids("top=1&min_upvotes=5&keywords=%22diffusion%22%2C%20-survey")).toEqual(["2603.00901", "2603.00502"]);
  });

  it("answers a bad query with 400 and a plain sentence", async () => {
    const s = await start();
    const cases: [string, RegExp][] = [
      ["top=0", /top must be at least 1/],
      ["top=abc", /top must be a whole number from 1 to 100/],
      ["top=101", /top must be at most 100/],
      ["min_upvotes=-3", /min_upvotes must be a whole number/],
      ["min_upvote=3", /unknown parameter "min_upvote": a feed takes top, min_upvotes, keywords and organizations/],
      ["top=1&top=2", /"top" is given twice/],
      [`keywords=${"x".repeat(301)}`, /keywords must be at most 300 characters/],
    ];
    for (const [query, message] of cases) {
      const res = await s.get(`/feeds/daily.atom?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      const text = await res.text();
      expect(text).toMatch(message);
      expect(text).toMatch(/^Bad feed query: |given twice/);
      expect(text).not.toMatch(/ZodError|"code"|at .*\.ts/);
    }
  });

  it("404s feeds that don't exist yet (weekly, json) and refuses other methods", async () => {
    const s = await start();
    expect((await s.get("/feeds/weekly.atom")).status).toBe(404);
    expect((await s.get("/feeds/daily.json")).status).toBe(404);
    expect(await (await s.get("/feeds/nope")).text()).toMatch(/No such feed\. Try https:\/\/papers\.example\.org\/feeds\/daily\.atom/);
    const post = await fetch(`${s.base}/feeds/daily.atom`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("sends ETag and Last-Modified and answers conditional requests with 304", async () => {
    const s = await start();
    const first = await s.get("/feeds/daily.atom");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    // Mon 9 Mar's list closed at 21:30 New York time (EDT since 8 Mar).
    expect(lastModified).toBe("Tue, 10 Mar 2026 01:30:00 GMT");
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");

    const byEtag = await s.get("/feeds/daily.atom", { "if-none-match": etag });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);
    expect((await s.get("/feeds/daily.atom", { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await s.get("/feeds/daily.atom", { "if-modified-since": lastModified })).status).toBe(304);
    expect((await s.get("/feeds/daily.atom", { "if-modified-since": "Mon, 09 Mar 2026 12:00:00 GMT" })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect((await s.get("/feeds/daily.atom", { "if-none-match": '"stale"', "if-modified-since": lastModified })).status).toBe(200);
    const head = await fetch(`${s.base}/feeds/daily.atom`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect(await head.text()).toBe("");
    // Another filter is another document with another ETag.
    expect((await s.get("/feeds/daily.atom?top=1")).headers.get("etag")).not.toBe(etag);
    expect((await s.get("/feeds/daily.rss", { "if-none-match": etag })).status).toBe(200);
  });

  it("fetches each closed list from Hugging Face once, even across a restart on the same store", async () => {
    const storeUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-feeds-")), "s.sqlite")}`;
    const before = dailyFetches();
    const s = await start(storeUrl);
    await s.get("/feeds/daily.atom");
    // 9, 8, 7, 6, 5, 4 and 3 Mar: seven closed dates, walked back until five lists with papers were found.
    expect(dailyFetches() - before).toBe(7);
    const after = dailyFetches();
    for (const path of ["/feeds/daily.atom", "/feeds/daily.rss", "/feeds/daily.atom?top=2", "/feeds/daily.rss?keywords=diffusion"]) {
      expect((await s.get(path)).status).toBe(200);
    }
    expect(dailyFetches()).toBe(after);
    await s.close();
    server = undefined;

    const restarted = await start(storeUrl);
    expect((await restarted.get("/feeds/daily.atom")).status).toBe(200);
    expect(dailyFetches()).toBe(after);
  });

  it("answers 503 in plain words with Retry-After when Hugging Face is down", async () => {
    const s = await start();
    hf.setFault("/api/daily_papers", { status: 503, headers: { "retry-after": "3600" } });
    const res = await s.get("/feeds/daily.atom");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("300");
    expect(await res.text()).toBe("Hugging Face can't be reached right now, so the feed can't be built. Please try again in a few minutes.\n");
  });
});
