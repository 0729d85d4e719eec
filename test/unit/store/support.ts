// Test helpers for the store suites: a logger whose lines can be inspected, and paper factories.
import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../../src/log.js";
import type { Paper } from "../../../src/paper.js";

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Every line logged so far, as raw text (for "never contains" checks). */
  text(): string;
}

export function captureLog(): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = createLogger("debug", sink);
  const text = () => chunks.join("");
  return {
    log,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export function makePaper(id: string, overrides: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: `The abstract of ${id}.`,
    authors: ["Ada Lovelace", "Alan Turing"],
    authorCount: 2,
    keywords: [],
    source: "hf",
    ...overrides,
  };
}
