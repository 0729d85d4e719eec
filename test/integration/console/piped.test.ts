// `… | npm start` as a script uses it, on the bundled sample: only the answers on stdout (an export is the bare
// file), failures on stderr and a non-zero exit code, and the small console comforts: help for a bare /paper,
// "did you mean", paging, unsave confirmations, subscription previews, text wrapped at 80 columns.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPiped } from "./run.js";

const freshStore = () => ({ STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-piped-")), "store.sqlite")}` });
const parseBib = (text: string) => new Cite(text).data as { title?: string; id?: string }[];

describe("piped console (… | npm start)", { timeout: 120_000 }, () => {
  it("exports bookmarks as a BibTeX file a parser accepts, in the same session or a later one", async () => {
    const env = freshStore();
    const first = await runPiped(["--sample"], "save 2511.07327\nsave 2601.16163\n/paper bookmarks bibtex\n", env);
    expect(first.code, first.stderr).toBe(0);
    expect(parseBib(first.stdout).map((e) => e.title)).toHaveLength(2);

    // The bookmarks live in the store: a second run exports them with nothing else on stdout.
    const refs = await runPiped(["--sample"], "/paper bookmarks bibtex\n", env);
    expect(refs.code, refs.stderr).toBe(0);
    expect(refs.stdout).toMatch(/^@misc\{/);
    expect(refs.stdout).not.toMatch(/-----|paperboy|■|Showing/);
    const entries = parseBib(refs.stdout);
    expect(entries.map((e) => e.title)).toEqual([
      "Cosmos Policy: Fine-Tuning Video Models for Visuomotor Control and Planning",
      "IterResearch: Rethinking Long-Horizon Agents via Markovian State Reconstruction",
    ]);
    // Every character outside the entries is whitespace: nothing for a stricter parser to trip on.
    expect(refs.stdout.replace(/@misc\{[^]*?\n\}\n?/g, "").trim()).toBe("");
    expect(refs.stderr).toMatch(/bundled sample/);
  });

  it("`echo … | npm start > refs.bib`, npm's own banner included, still gives a file a BibTeX parser accepts", async () => {
    const out = await runPiped(["--sample"], "save 2511.07327\n/paper bookmarks bibtex\n", freshStore(), true);
    expect(out.code, out.stderr).toBe(0);
    // npm prints "> start" lines; with no "@" in them (package.json has no version) BibTeX reads them as a comment.
    expect(out.stdout.slice(0, out.stdout.indexOf("@misc{"))).not.toContain("@");
    expect(parseBib(out.stdout).map((e) => e.title)).toEqual(["IterResearch: Rethinking Long-Horizon Agents via Markovian State Reconstruction"]);
  });

  it("prints only what was asked: no banner, no daily list, and exits 0 when everything worked", async () => {
    const out = await runPiped(["--sample"], "/paper get 2511.07327\n", { STORE_URL: "memory://" });
    expect(out.code).toBe(0);
    expect(out.stdout.trimStart()).toMatch(/^■ IterResearch/);
    expect(out.stdout).not.toContain("Truncated Proximal Policy Optimization"); // from the daily list
    expect(out.stdout).not.toMatch(/paperboy>|type \/paper help/);
  });

  for (const [what, lines] of [
    ["an unknown command", ["/paper frobnicate"]],
    ["mistakes", ["/paper today 2025-13-45", "/paper get 2509.04664", "save"]],
  ] as const) {
    it(`exits 1 after ${what}, with the reasons on stderr and later commands still answered`, async () => {
      const out = await runPiped(["--sample"], `${lines.join("\n")}\n/paper get 2511.07327\n`, { STORE_URL: "memory://" });
      expect(out.code).toBe(1);
      expect(out.stdout.trimStart()).toMatch(/^■ IterResearch/);
      expect(out.stderr).toMatch(lines.length === 1 ? /I don't know "frobnicate"/ : /2025-13-45[^]*couldn't find[^]*Which paper/);
    });
  }

  it("answers a bare /paper with help, suggests commands for typos, and pages sensibly", async () => {
    const out = await runPiped(
      ["--sample"],
      ["/paper", "serach policy", "sav 2511.07327", "prev", "/paper search policy", "prev", "next", "prev"].join("\n"),
      { STORE_URL: "memory://" },
    );
    expect(out.stdout).toMatch(/paperboy brings the Hugging Face Daily Papers/);
    expect(out.stdout).toMatch(/read\s+<id> marks it read, next \/\s*prev page the last search, exit/);
    expect(out.stdout).toMatch(/lists of 2026-04-30,\s+2026-05-01,\s+2026-05-04\s+and\s+2026-05-05/);
    expect(out.stderr).toMatch(/I don't know "serach"\. Did you mean \/paper search\?/);
    expect(out.stderr).toMatch(/I don't know "sav"\. Did you mean save\?/);
    const pagingAnswers = out.stdout.match(/Search first|You're on the first page of results/g);
    expect(pagingAnswers).toEqual(["Search first", "You're on the first page of results"]);
    expect(out.stdout).toMatch(/results 6[–-]10/i);
  });

  it("confirms unsave and tells console users how to save, never about reactions", async () => {
    const out = await runPiped(["--sample"], "/paper bookmarks\nsave 2511.07327\nunsave 2511.07327\nunsave 2511.07327\n", {
      STORE_URL: "memory://",
    });
    expect(out.stdout).toMatch(/Type save and a paper id, like save 2511\.07327/);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/React|🔖/);
    // Confirmations are not answers: piped, they go to stderr.
    expect(out.stderr).toMatch(/Removed “IterResearch: Rethinking Long-Horizon Agents via Markovian State\s+Reconstruction” from your bookmarks\./);
    expect(out.stderr).toMatch(/2511\.07327 wasn't in your bookmarks\./);
  });

  it("checks subscription arguments with the chat rules and previews what would be posted", async () => {
    const ok = await runPiped(["--sample"], "/paper subscribe 07:30 europe/berlin 3 0 diffusion\n", { STORE_URL: "memory://" });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/every day at 07:30 \(Europe\/Berlin\)/);
    expect(ok.stdout).toMatch(/Next post: Wed 6 May, 07:30 GMT\+2/);
    expect(ok.stdout).toMatch(/list of Tue 5 May 2026 would have posted 2 of its 9\s+papers:/);
    expect(ok.stdout).toMatch(/1\. Streaming Diffusion Policy/);
    expect(ok.stdout).toMatch(/Nothing is saved/);
    const bad = ["/paper subscribe 25:00", "/paper subscribe 09:00 Mars/Base", "/paper subscribe 09:00 UTC 50", "/paper settings", "/paper unsubscribe"];
    const out = await runPiped(["--sample"], `${bad.join("\n")}\n`, { STORE_URL: "memory://" });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/"25:00" isn't a time[^]*"Mars\/Base" isn't a time zone[^]*top isn't valid[^]*terminal has no channel[^]*terminal has no channel/);
  });

  it("wraps at 80 columns without splitting words or links", async () => {
    const out = await runPiped(["--sample"], "/paper today\n/paper search diffusion policy\n/paper get 2601.16163\n", { STORE_URL: "memory://" });
    const lines = out.stdout.split("\n");
    for (const line of lines) if (line.length > 80) expect(line.trim(), line).not.toMatch(/\s/);
    // Every link arrives whole.
    expect(out.stdout).toContain("https://research.nvidia.com/labs/dir/cosmos-policy/");
    expect(out.stdout).toMatch(/https:\/\/huggingface\.co\/papers\/2601\.16163/);
  });
});
