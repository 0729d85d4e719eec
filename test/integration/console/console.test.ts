// The console adapter end to end: the real `npm start` entry point (src/main.ts under tsx) as a child process,
// talking to the fake Hugging Face, commands piped on stdin exactly as `echo "/paper get …" | npm start` does.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestClosedDate } from "../../../src/time/dates.js";
import { createFakeHf, makeDailyItem, type FakeHf } from "../../fakes/fake-hf.js";
import { runPiped } from "./run.js";

const runPaperboy = (args: string[], stdin: string, env: Record<string, string>) =>
  runPiped(args, stdin, { LOG_LEVEL: "warn", ...env });

let hf: FakeHf;
let env: Record<string, string>;
const today = latestClosedDate(new Date());

beforeAll(async () => {
  hf = await createFakeHf();
  hf.setDaily(today, [
    makeDailyItem({ id: "2511.07327", title: "Console Fixture: Latest Closed List Paper", upvotes: 42 }),
    makeDailyItem({ id: "2511.07328", title: "Console Fixture: Second Paper <!channel>", upvotes: 7 }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), "paperboy-console-"));
  env = { HF_API_URL: hf.url, ARXIV_API_URL: hf.arxivUrl, STORE_URL: `sqlite://${join(dir, "store.sqlite")}` };
});
afterAll(() => hf.close());

// Child processes: generous timeouts, the shared CI machine can be very busy.
describe("console adapter (npm start with no token)", { timeout: 120_000 }, () => {
  it("prints the bundled sample's daily list with --sample and exits at EOF", async () => {
    const out = await runPaperboy(["--sample"], "/paper today\n", { STORE_URL: "memory://" });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/bundled sample/);
    expect(out.stdout).toMatch(/huggingface\.co\/papers\/\d{4}\.\d{5}/);
  });

  it("answers piped commands from the live server", async () => {
    const input = [
      "/paper search kazakh",
      "/paper get 2509.04664",
      "/paper get https://arxiv.org/abs/2509.04664v2",
      "/paper get arxiv.org/pdf/2509.04664.pdf",
      "/paper get https://huggingface.co/papers/2509.04664",
      "/paper get hf.co/papers/2509.04664",
      "/paper get https://www.alphaxiv.org/abs/2509.04664",
      "/paper get hep-th/9901001",
      "/paper today 2025-09-08",
      "/paper today",
    ].join("\n");
    const out = await runPaperboy([], input, env);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Console Fixture: Latest Closed List Paper");
    expect(out.stdout).toMatch(/Kazakh/i);
    expect(out.stdout.match(/Why Language Models Hallucinate/g)?.length).toBeGreaterThanOrEqual(6);
    expect(out.stdout).toContain("Old-Style arXiv Identifier");
    expect(out.stdout).toContain("SYNTHETIC EXAMPLE A");
  });

  it("saves a paper and exports bookmarks as BibTeX", async () => {
    const out = await runPaperboy([], "save 2509.04664\n/paper bookmarks\n/paper bookmarks bibtex\n", env);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/Saved|already in your bookmarks/);
    expect(out.stdout).toMatch(/@misc\{/);
    expect(out.stdout).toMatch(/eprint\s*=\s*\{2509\.04664\}/);
  });

  it("answers hostile input with one clear line each and keeps going", async () => {
    const hostile = [
      "",
      `/paper search ${"x".repeat(5000)}`,
      "/paper get \u0007\u001b[2J\u0000",
      "/paper frobnicate",
      "/paper today 2025-13-45",
      "/paper get not-a-paper",
      "/paper bookmarks yaml",
      "/paper get 2509.04664",
    ].join("\n");
    const out = await runPaperboy([], hostile, env);
    // Piped, each failure is one line on stderr and the exit code says something failed.
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/under 1,000/);
    expect(out.stderr).toMatch(/I don't know "frobnicate"/);
    expect(out.stderr).toMatch(/2025-13-45/);
    expect(out.stderr).toMatch(/Try an id like 2511\.07327|Try: \/paper get/);
    expect(out.stderr).toMatch(/list, unread, markdown, bibtex/);
    expect(out.stdout).toContain("Why Language Models Hallucinate");
    expect(`${out.stdout}${out.stderr}`).not.toContain("\u001b[2J");
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/at .*\.ts:\d+|\{"level"/);
  });

  it("says in one line when Hugging Face can't be reached and offers the sample", async () => {
    const out = await runPaperboy([], "", { HF_API_URL: "http://127.0.0.1:9", STORE_URL: "memory://", HF_TIMEOUT_MS: "500" });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/can't be reached.*npm start -- --sample/s);
    expect(out.stdout).toBe("");
  });

  it("says once, in one plain line, when the store can't be opened", async () => {
    const out = await runPaperboy([], "", { STORE_URL: "redis://default:hunter2@127.0.0.1:1/0" });
    expect(out.code).toBe(1);
    expect(out.stderr.match(/Could not open the redis store/g)).toHaveLength(1);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/hunter2|\{"level"|^\s+at /m);
  });

  it("stops at boot naming every bad setting", async () => {
    const out = await runPaperboy([], "", { PORT: "x", DEFAULT_TIMEZONE: "Nowhere/Land" });
    expect(out.code).toBe(1);
    // Once each, in plain words (not zod's "expected number, received NaN").
    expect(out.stderr.match(/PORT: must be a whole number from 0 to 65535, like 3000/g)).toHaveLength(1);
    expect(out.stderr.match(/DEFAULT_TIMEZONE: must be an IANA time zone/g)).toHaveLength(1);
    expect(out.stderr).not.toMatch(/NaN|expected number/);
    expect(out.stdout).toBe("");
  });
});
