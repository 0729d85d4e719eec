// The README's console examples, run against the bundled sample exactly as a new user would with
// `npm start -- --sample`: every ```console block's `paperboy>` lines are typed, and every other line it shows
// (except "…") must appear in the output. Every paper id the README mentions and every date in an example is in the
// sample, and the inline `/paper …` examples run without an error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSampleSource } from "../../../src/hf/sample.js";
import { root, runPiped } from "./run.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const sample = createSampleSource();
const PROMPT = "paperboy> ";

const blocks = [...readme.matchAll(/```console\n([^]*?)```/g)].map((m) => m[1]!.split("\n").filter((l) => l !== ""));
const typed = blocks.flat().filter((l) => l.startsWith(PROMPT)).map((l) => l.slice(PROMPT.length));
const shown = blocks.flat().filter((l) => !l.startsWith(PROMPT) && l.trim() !== "…");

/** Inline examples like `/paper today 2026-05-04`; placeholders, bare names and channel-only commands left out. */
const inline = [...new Set([...readme.matchAll(/`(\/paper [^`]+)`/g)].map((m) => m[1]!))].filter(
  (c) => !/[<[…]/.test(c) && !/^\/paper (settings|unsubscribe|status)\b/.test(c) && !/^\/paper (search|get)$/.test(c),
);

describe("README examples", { timeout: 120_000 }, () => {
  it("has console examples to run", () => {
    expect(typed.length).toBeGreaterThanOrEqual(5);
    expect(shown.length).toBeGreaterThanOrEqual(10);
    expect(inline.length).toBeGreaterThanOrEqual(8);
  });

  it("every console example shows what the README says", async () => {
    const out = await runPiped(["--sample"], `${typed.join("\n")}\n`, { STORE_URL: "memory://" });
    const lines = new Set(`${out.stdout}\n${out.stderr}`.split("\n").map((l) => l.trimEnd()));
    for (const line of shown) expect(lines, `README line not in the output: ${line}`).toContain(line.trimEnd());
  });

  it("every inline /paper example works against the sample", async () => {
    const out = await runPiped(["--sample"], `${inline.join("\n")}\n`, { STORE_URL: "memory://" });
    expect(out.code, `${inline.join("\n")}\n---\n${out.stderr}`).toBe(0);
  });

  it("names only papers and dates the sample has, and states the sample's dates", async () => {
    const dates = sample.listDates();
    // Dates in examples (console blocks, inline /paper commands) are list dates of the sample; prose may name others
    // (a backup file's date, a week 53).
    const examples = [...typed, ...shown, ...inline].join("\n");
    for (const [date] of examples.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) expect(dates, date).toContain(date);
    for (const [id] of readme.matchAll(/\b\d{4}\.\d{4,5}\b/g)) await expect(sample.paper(id), id).resolves.toBeTruthy();
    expect(readme).toContain(`**${[...dates].reverse().slice(0, -1).join(", ")} and\n${dates[0]}**`);
    expect(readme).not.toMatch(/hep-th\/9901001|2401\.01234|2509\.04664/);
  });
});
