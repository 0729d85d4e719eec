// `npm start -- --output FILE`: an export is written to FILE as a real file (stdout stays clean, the note goes to
// stderr), each export replaces the last, and a path that can't be written is a plain failure (exit 1).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-ris";
import { describe, expect, it } from "vitest";
import { runPiped } from "./run.js";

describe("console --output FILE", { timeout: 120_000 }, () => {
  it("writes the export to the file, prints only a note, and fails plainly when it can't write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pb-output-"));
    const file = join(dir, "reading-list.ris");
    const env = { STORE_URL: `sqlite://${join(dir, "store.sqlite")}` };
    const out = await runPiped(["--sample", "--output", file], "save 2510.05057\n/paper bookmarks ris\n", env);
    expect(out.code).toBe(0);
    expect(out.stdout.trim()).toBe("");
    expect(out.stderr).toContain(`Your 1 bookmark as RIS, written to ${file}`);
    const items = new Cite(readFileSync(file, "utf8"), { forceType: "@ris/file" }).data as { title: string }[];
    expect(items.map((i) => i.title)).toEqual(["StaMo: Unsupervised Learning of Generalizable Robot Motion from Compact State Representation"]);

    const bad = await runPiped(["--sample", "--output", join(dir, "missing", "x.bib")], "/paper bookmarks bibtex\n", env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.replace(/\s+/g, " ")).toContain("its folder doesn't exist.");
  });
});
