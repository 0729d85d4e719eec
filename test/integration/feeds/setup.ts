// Shared setup for the feed tests: a fake Hugging Face with a known fortnight of lists (one with hostile titles),
// the real app on a store, and paperboy's real HTTP server with the feed routes mounted exactly as src/main.ts does.
// Feeds are checked with a real feed parser and an XML well-formedness validator.
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { publicUrl } from "../../../src/config.js";
import { createHttpServer, type HttpServer } from "../../../src/http-server.js";
import { createFeedsHandler, FEEDS_PREFIX } from "../../../src/syndication/feeds-handler.js";
import { makeDailyItem, type JsonObject } from "../../fakes/fake-hf.js";
import { createTestCore, type TestCore } from "../../support/test-core.js";

/** 08:00 in New York on Tue 10 Mar 2026: the latest closed list is Mon 9 Mar; 10 Mar is still open. */
export const NOW = new Date("2026-03-10T12:00:00Z");
export const OPEN_DATE = "2026-03-10";

export const HOSTILE_TITLE = `<script>alert("x")</script> ]]> Tom & Jerry\u0001\u0007 diffusion`;
export const HOSTILE_ABSTRACT = `An abstract that ends a CDATA section ]]> and opens a tag <img src=x onerror=alert(1)> & more \uFFFE.`;

const item = (id: string, title: string, date: string, extra: Partial<Parameters<typeof makeDailyItem>[0]> = {}) =>
  makeDailyItem({ id, title, listDate: date, ...extra });

/** Six weekday lists with papers around an empty weekend (7–8 Mar); the feed carries the newest five. */
export function fortnight(): Record<string, JsonObject[]> {
  return {
    "2026-03-02": [item("2603.00201", "Oldest list paper", "2026-03-02", { upvotes: 50 })],
    "2026-03-03": [item("2603.00301", "Tuesday paper", "2026-03-03", { upvotes: 3 })],
    "2026-03-04": [item("2603.00401", "Wednesday paper", "2026-03-04", { upvotes: 4 })],
    "2026-03-05": [
      item("2603.00501", "A survey of diffusion models", "2026-03-05", { upvotes: 40 }),
      item("2603.00502", "Diffusion policies for robots", "2026-03-05", { upvotes: 30, organization: { name: "deepmind", fullname: "Google DeepMind" } }),
    ],
    "2026-03-06": [item("2603.00601", "Friday paper", "2026-03-06", { upvotes: 6 })],
    "2026-03-09": [
      item("2603.00901", HOSTILE_TITLE, "2026-03-09", { upvotes: 90, summary: HOSTILE_ABSTRACT, authors: ["Ada <b>Lovelace</b>", "Bob & Co"] }),
      item("2603.00902", "Monday second paper", "2026-03-09", { upvotes: 9, ai_keywords: ["retrieval & RAG"] }),
      item("2603.00903", "Monday third paper", "2026-03-09", { upvotes: 1 }),
    ],
    [OPEN_DATE]: [item("2603.01001", "Still-open list paper", OPEN_DATE, { upvotes: 99 })],
  };
}

export interface FeedServer {
  app: TestCore;
  http: HttpServer;
  base: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startFeedServer(opts: { hfUrl: string; arxivUrl: string; storeUrl?: string }): Promise<FeedServer> {
  const app = await createTestCore({ ...opts, now: () => NOW, env: { PUBLIC_URL: "https://papers.example.org/" } });
  const http = createHttpServer({ isHealthy: () => true });
  http.mount(FEEDS_PREFIX, createFeedsHandler({ ...app.deps, baseUrl: publicUrl(app.config) }));
  const port = await http.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    http,
    base,
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers }),
    async close() {
      await http.close();
      await app.close();
    },
  };
}

/** Parses a feed after checking it is well-formed XML (the parser alone is lenient by design). */
export function parseStrict(xml: string): ReturnType<typeof parseFeed> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return parseFeed(xml);
}
