// The private reading-list feed: `/paper bookmarks feed` answers privately with a secret URL on the console, on
// Slack (real Bolt app, feed routes on the same HTTP server as /slack/events) and on Discord (real discord.js
// client); the URL serves that user's bookmarks and nobody else's; `feed reset` kills the old URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedsHandler, FEEDS_PREFIX } from "../../../src/syndication/feeds-handler.js";
import { publicUrl } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http-server.js";
import type { Caller } from "../../../src/ports.js";
import { startDiscordHarness } from "../../adapters/discord/harness.js";
import { ALICE, startSlackHarness, textOf, waitFor } from "../../adapters/slack/harness.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { fortnight, parseStrict, startFeedServer, type FeedServer } from "./setup.js";

const FEED_URL = /https:\/\/papers\.example\.org\/feeds\/bookmarks\/([A-Za-z0-9_-]{43})\.atom/;
const PUBLIC_URL = "https://papers.example.org";

let hf: FakeHf;
let s: FeedServer;
beforeAll(async () => {
  hf = await createFakeHf({ defaults: false, data: { daily: fortnight() } });
  s = await startFeedServer({ hfUrl: hf.url, arxivUrl: hf.arxivUrl });
});
afterAll(async () => {
  await s.close();
  await hf.close();
});

const consoleUser: Caller = { platform: "console", userId: "local", isAdmin: async () => true };

async function command(text: string, caller: Caller = consoleUser) {
  const reply = await s.app.core.runCommand({ caller, name: "bookmarks", input: { kind: "text", text } });
  return { reply, text: reply.messages.map((m) => m.fallbackText).join("\n") };
}

function tokenIn(text: string): string {
  const token = FEED_URL.exec(text)?.[1];
  if (!token) throw new Error(`no feed URL in: ${text}`);
  return token;
}

describe("/paper bookmarks feed (console)", () => {
  it("answers privately with a secret Atom and RSS URL that stays the same until reset", async () => {
    const first = await command("feed");
    expect(first.reply.visibility).toBe("ephemeral");
    const token = tokenIn(first.text);
    expect(first.text).toContain(`${PUBLIC_URL}/feeds/bookmarks/${token}.rss`);
    expect(first.text).toMatch(/Anyone with this link can read your bookmarks/);
    expect(tokenIn((await command("feed")).text)).toBe(token);
    const other = await command("feed", { platform: "slack", userId: "U_OTHER", isAdmin: async () => false });
    expect(tokenIn(other.text)).not.toBe(token);
  });

  it("serves the caller's bookmarks, newest first, without asking Hugging Face", async () => {
    const owner = { platform: "console" as const, userId: "reader" };
    const caller: Caller = { ...owner, isAdmin: async () => false };
    const monday = await s.app.deps.papers.daily("2026-03-09");
    await s.app.deps.bookmarks.add(owner, monday[1]!);
    await s.app.deps.bookmarks.add(owner, monday[0]!);
    const token = tokenIn((await command("feed", caller)).text);
    const before = hf.requests.length;
    for (const format of ["atom", "rss"] as const) {
      const res = await s.get(`/feeds/bookmarks/${token}.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, max-age=300");
      expect(res.headers.get("x-robots-tag")).toBe("noindex");
      const feed = parseStrict(await res.text());
      expect(feed.title).toBe("My paperboy reading list");
      expect(feed.items.map((i) => i.id)).toEqual(["https://huggingface.co/papers/2603.00901", "https://huggingface.co/papers/2603.00902"]);
      expect(feed.items[0]?.title).toBe(`<script>alert("x")</script> ]]> Tom & Jerry diffusion`);
    }
    expect(hf.requests.length).toBe(before);

    const res = await s.get(`/feeds/bookmarks/${token}.atom`);
    const etag = res.headers.get("etag")!;
    expect((await s.get(`/feeds/bookmarks/${token}.atom`, { "if-none-match": etag })).status).toBe(304);
    // Removing a bookmark changes the ETag, so a reader holding the old one gets the new list.
    await s.app.deps.bookmarks.remove(owner, "2603.00902");
    const changed = await s.get(`/feeds/bookmarks/${token}.atom`, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(parseStrict(await changed.text()).items).toHaveLength(1);
  });

  it("an empty reading list is still a valid feed", async () => {
    const token = tokenIn((await command("feed", { platform: "discord", userId: "new-user", isAdmin: async () => false })).text);
    const feed = parseStrict(await (await s.get(`/feeds/bookmarks/${token}.rss`)).text());
    expect(feed.items).toEqual([]);
  });

  it("reset revokes the old URL (404) and hands out a new one", async () => {
    const caller: Caller = { platform: "console", userId: "resetter", isAdmin: async () => false };
    const old = tokenIn((await command("feed", caller)).text);
    expect((await s.get(`/feeds/bookmarks/${old}.atom`)).status).toBe(200);
    const reset = await command("feed reset", caller);
    expect(reset.reply.visibility).toBe("ephemeral");
    expect(reset.text).toMatch(/old feed link no longer works/);
    const fresh = tokenIn(reset.text);
    expect(fresh).not.toBe(old);
    const gone = await s.get(`/feeds/bookmarks/${old}.atom`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toMatch(/No such feed\. Ask paperboy for your current link: \/paper bookmarks feed/);
    expect((await s.get(`/feeds/bookmarks/${old}.rss`)).status).toBe(404);
    expect((await s.get(`/feeds/bookmarks/${fresh}.atom`)).status).toBe(200);
    expect(tokenIn((await command("feed", caller)).text)).toBe(fresh);
  });

  it("unknown or malformed tokens are 404s, and reset without feed is a plain-words mistake", async () => {
    for (const path of ["/feeds/bookmarks/" + "A".repeat(43) + ".atom", "/feeds/bookmarks/short.atom", "/feeds/bookmarks/.atom", "/feeds/bookmarks/x/y.atom"]) {
      expect((await s.get(path)).status, path).toBe(404);
    }
    expect((await command("list reset")).text).toBe('"reset" goes with feed: /paper bookmarks feed reset');
    expect((await command("feed later")).text).toMatch(/After feed, only "reset" is allowed/);
  });
});

describe("/paper bookmarks feed on the chat platforms", () => {
  it("Slack: a private reply with the URL, served on the same HTTP server as /slack/events", async () => {
    const h = await startSlackHarness({ env: { PUBLIC_URL } });
    try {
      h.http.mount(FEEDS_PREFIX, createFeedsHandler({ ...h.app.deps, baseUrl: publicUrl(h.app.config) }));
      await h.app.deps.bookmarks.add({ platform: "slack", userId: ALICE }, await h.app.deps.papers.paper("2511.07327"));
      const ask = async (text: string) => {
        const before = h.fake.visibleTo(ALICE).length;
        expect((await h.signer.slash(text, { user: ALICE })).status).toBe(200);
        return waitFor(() => h.fake.visibleTo(ALICE)[before], 5000, text);
      };
      const reply = await ask("bookmarks feed");
      expect(h.fake.responses.at(-1)?.body.response_type).toBe("ephemeral");
      const token = tokenIn(textOf(reply));
      const local = h.eventsUrl.replace("/slack/events", "");
      const feed = parseStrict(await (await fetch(`${local}/feeds/bookmarks/${token}.atom`)).text());
      expect(feed.items.map((i) => i.id)).toEqual(["https://huggingface.co/papers/2511.07327"]);
      const fresh = tokenIn(textOf(await ask("bookmarks feed reset")));
      expect((await fetch(`${local}/feeds/bookmarks/${token}.atom`)).status).toBe(404);
      expect((await fetch(`${local}/feeds/bookmarks/${fresh}.atom`)).status).toBe(200);
      expect(h.fake.state.messages).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it("Discord: the typed options format=feed and action=reset, answered ephemerally", async () => {
    const h = await startDiscordHarness({ env: { PUBLIC_URL } });
    const http = createHttpServer({ isHealthy: () => true });
    http.mount(FEEDS_PREFIX, createFeedsHandler({ ...h.app.deps, baseUrl: publicUrl(h.app.config) }));
    const local = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    try {
      const ask = async (options: Record<string, string>) => {
        const rec = h.fake.slash("bookmarks", options, { user: h.fake.world.users.alice });
        const { original } = await h.fake.settled(rec);
        expect(original?.ephemeral).toBe(true);
        return JSON.stringify([original?.body.content, original?.body.embeds]);
      };
      const token = tokenIn(await ask({ format: "feed" }));
      const owner = await h.app.deps.feedTokens.resolve(token);
      expect(owner).toMatchObject({ platform: "discord", userId: h.fake.world.users.alice.id });
      const fresh = tokenIn(await ask({ format: "feed", action: "reset" }));
      expect(fresh).not.toBe(token);
      expect(await h.app.deps.feedTokens.resolve(token)).toBeUndefined();
      expect((await fetch(`${local}/feeds/bookmarks/${token}.atom`)).status).toBe(404);
      expect((await fetch(`${local}/feeds/bookmarks/${fresh}.atom`)).status).toBe(200);
      expect(JSON.stringify(h.logs)).toContain("bookmark feed link issued");
      expect(JSON.stringify(h.logs)).not.toContain(fresh);
      expect(JSON.stringify(h.logs)).not.toContain(token);
    } finally {
      await http.close();
      await h.close();
    }
  });
});
