// Every /paper subcommand as Slack sends it: a signed x-www-form-urlencoded POST to /slack/events on paperboy's
// HTTP server, the real Bolt App, the real core, fake Hugging Face. Asserts what the user sees privately.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../../src/paper.js";
import { ALICE, BOB, buttonsOf, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

/** Sends `/paper <text>` as `user` and returns the private reply that arrives. */
async function run(text: string, user = ALICE) {
  const before = h.fake.visibleTo(user).length;
  const res = await h.signer.slash(text, { user });
  expect(res.status).toBe(200);
  const reply = await waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to /paper ${text}`);
  return { res, reply, shown: textOf(reply) };
}

describe("/paper subcommands", () => {
  it("acks with an empty 200 and answers privately through response_url", async () => {
    const { res, reply } = await run("help");
    expect(res.body).toBe("");
    expect(reply.user).toBe(ALICE);
    expect(h.fake.responses.at(-1)?.body.response_type).toBe("ephemeral");
    expect(h.fake.state.messages).toHaveLength(0);
  });

  it("help lists the commands", async () => {
    const { shown } = await run("help");
    for (const name of ["search", "get", "today", "bookmarks"]) expect(shown).toContain(`/paper ${name}`);
  });

  it("an empty /paper shows help", async () => {
    const { shown } = await run("   ");
    expect(shown).toContain("/paper search");
  });

  it("search shows 5 results with Save buttons and a Next button", async () => {
    const { reply, shown } = await run("search fixture copy");
    expect(shown).toMatch(/Results 1–5 of \d+ for “fixture copy”/);
    const buttons = buttonsOf(reply);
    expect(buttons.filter((b) => b === "Save")).toHaveLength(5);
    expect(buttons).toContain("Next ›");
  });

  it("search with no hits says so in plain words", async () => {
    const { shown } = await run("search zzzznotawordzzzz");
    expect(shown).toContain("No papers match");
  });

  it("get accepts an id, a versioned id and every link form", async () => {
    for (const form of ["2509.04664", "2509.04664v2", "https://arxiv.org/abs/2509.04664", "huggingface.co/papers/2509.04664", "<https://alphaxiv.org/abs/2509.04664>"]) {
      const { reply, shown } = await run(`get ${form}`);
      expect(shown, form).toContain("Why Language Models Hallucinate");
      expect(buttonsOf(reply)).toEqual(["Save", "Post to channel"]);
    }
  });

  it("get of an unknown paper is a plain private error", async () => {
    const { shown } = await run("get 2501.99999");
    expect(shown).toMatch(/couldn.t find|not found|no paper/i);
  });

  it("today shows a dated list", async () => {
    const { shown } = await run("today 2025-09-08");
    expect(shown).toContain("Why Language Models Hallucinate");
    expect(shown).toMatch(/8 Sep 2025|2025-09-08/);
  });

  it("bad arguments get a private, plain-words error with an example", async () => {
    const { shown } = await run("today not-a-date");
    expect(shown).toMatch(/date/i);
    const get = await run("get");
    expect(get.shown).toContain("Give me a paper id or link.");
    const fmt = await run("bookmarks yaml");
    expect(fmt.shown).toContain("Choose list, unread, markdown, bibtex, csv, ris or csljson.");
  });

  it("an unknown subcommand names the real ones", async () => {
    const { shown } = await run("frobnicate now");
    expect(shown).toMatch(/search/);
    expect(shown).toMatch(/help/);
  });
});

describe("/paper bookmarks", () => {
  it("lists bookmarks with Remove buttons, per user", async () => {
    const { reply: card } = await run("get 2509.04664", BOB);
    await h.signer.click({ kind: "ephemeral", message: card }, "Save");
    await waitFor(() => h.fake.visibleTo(BOB).some((m) => textOf(m).includes("Saved")), 5000, "save confirmation");
    const { reply, shown } = await run("bookmarks", BOB);
    expect(shown).toContain("Why Language Models Hallucinate");
    expect(buttonsOf(reply)).toEqual(["Mark read", "Remove"]);
    const alice = await run("bookmarks", ALICE);
    expect(alice.shown).toContain("You have no bookmarks yet");
  });

  it("markdown and bibtex exports arrive as a copyable code block", async () => {
    const md = await run("bookmarks markdown", BOB);
    expect(md.shown).toContain("```");
    expect(md.shown).toContain("# paperboy bookmarks");
    const bib = await run("bookmarks bibtex", BOB);
    expect(bib.shown).toMatch(/@misc\{/);
    expect(bib.shown).toContain("```");
  });

  it("an export too long for one message is uploaded to the user's DM", async () => {
    const owner = { platform: "slack" as const, userId: "U0READER" };
    for (let i = 0; i < 25; i += 1) {
      const p: Paper = { id: `2509.${20000 + i}`, title: `A long enough title for paper number ${i} to fill the export`, abstract: "An abstract. ".repeat(20), authors: ["Ada Lovelace", "Alan Turing"], authorCount: 2, keywords: [], source: "hf" };
      await h.app.deps.bookmarks.add(owner, p);
    }
    const { shown } = await run("bookmarks bibtex", "U0READER");
    expect(shown).toContain("sent it to you as a direct message");
    const file = await waitFor(() => [...h.fake.state.files.values()].find((f) => f.channel === "D0READER"));
    expect(file.filename).toBe("paperboy-bookmarks.bib");
    expect(file.content?.match(/@misc\{/g)).toHaveLength(25);
  });
});

describe("request authenticity", () => {
  it("a bad signature is refused with 401 and never reaches the core", async () => {
    const before = h.fake.responses.length;
    const res = await h.signer.slash("help", { badSignature: true });
    expect(res.status).toBe(401);
    expect(res.body).toBe("");
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responses.length).toBe(before);
  });

  it("a timestamp older than five minutes is refused with 401", async () => {
    const res = await h.signer.slash("help", { timestampOffsetSec: -301 });
    expect(res.status).toBe(401);
  });

  it("the events endpoint only takes POST; /healthz is green", async () => {
    const get = await fetch(h.eventsUrl);
    expect(get.status).toBe(404);
    const health = await fetch(h.eventsUrl.replace("/slack/events", "/healthz"));
    expect(health.status).toBe(200);
  });

  it("nothing paperboy sent was rejected by Slack or pinged anyone", () => {
    expect(h.fake.state.rejections).toEqual([]);
    expect(h.fake.state.totalPings()).toBe(0);
  });
});
