// Hugging Face unreachable, as a new user meets it: one plain sentence and the sample offered, no JSON log line
// or stack trace on the screen (the log goes to data/paperboy.log or next to the store), answering "n" ends
// the session, and later commands fail at once instead of retrying for seconds each.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";
import { runInTerminal, runPiped } from "./run.js";

const NO_LOG_LINES = /\{"level"|"msg"|^\s+at .+:\d+/m;
let hf: FakeHf;
beforeAll(async () => {
  hf = await createFakeHf();
  hf.setFault(() => true, { status: 503 });
});
afterAll(() => hf.close());

function env() {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-outage-"));
  return { dir, vars: { HF_API_URL: hf.url, ARXIV_API_URL: hf.arxivUrl, STORE_URL: `sqlite://${join(dir, "store.sqlite")}` } };
}

describe("console when Hugging Face is down", { timeout: 120_000 }, () => {
  it("piped: says so once on stderr, fails each command at once with one line, exits 1", async () => {
    const { dir, vars } = env();
    const out = await runPiped([], "/paper today\n/paper search diffusion\n/paper get 2511.07327\n/paper bookmarks\n", vars);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^Hugging Face \(127\.0\.0\.1:\d+\) can't be reached right now\. Try again later, or run `npm start -- --sample`/);
    expect(out.stderr.match(/Hugging Face isn't answering right now/g)).toHaveLength(3);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(NO_LOG_LINES);
    // The outage is remembered: search and get did not ask Hugging Face again.
    expect(hf.count("/api/papers/search")).toBe(0);
    expect(hf.count("/api/papers/2511.07327")).toBe(0);
    // Bookmarks need no network.
    expect(out.stdout).toMatch(/no bookmarks yet/);
    const log = readFileSync(join(dir, "paperboy.log"), "utf8");
    expect(log).toMatch(/Hugging Face unreachable at start/);
  });

  it("at a terminal: answering n ends the session with the hint, no prompt and no list", async () => {
    const { vars } = env();
    const out = await runInTerminal([], [{ when: /\[Y\/n\] $/, type: "n\n" }], vars);
    expect(out.code).toBe(0);
    expect(out.screen).toMatch(/can't be reached right now\. Use the bundled sample papers instead\? \[Y\/n\] n\nOK\. Try again later, or run `npm start -- --sample`/);
    expect(out.screen).not.toMatch(/paperboy>|■/);
    expect(out.screen).not.toMatch(NO_LOG_LINES);
  });

  it("at a terminal: answering yes opens the bundled sample with its list and a prompt", async () => {
    const { vars } = env();
    const out = await runInTerminal(
      [],
      [
        { when: /\[Y\/n\] $/, type: "\n" },
        { when: /paperboy> $/, type: "/paper get 2601.16163\n" },
        { when: /Cosmos Policy[^]*paperboy> $/, type: "exit\n" },
      ],
      vars,
    );
    expect(out.code).toBe(0);
    expect(out.screen).toMatch(/Showing the bundled sample of real Hugging Face papers: the lists of 2026-04-30/);
    expect(out.screen).toMatch(/IterResearch/); // the sample's latest list
    expect(out.screen).toMatch(/NVIDIA/);
    expect(out.screen).not.toMatch(NO_LOG_LINES);
  });
});
