// Store errors reach the log with the URL's password redacted where it stands, and nowhere else: a short
// password like "p" must not turn "@keyv/postgres" into "@keyv/[redacted]ostgres".
import { describe, expect, it } from "vitest";
import { describeStoreError } from "../../../src/store/create-store.js";

describe("describeStoreError", () => {
  it("redacts only the URL's password position, not the same letters elsewhere", () => {
    const url = "postgres://u:p@127.0.0.1:5432/db";
    const err = new Error(`Could not open ${url}: run npm install @keyv/postgres (password p rejected)`);
    expect(describeStoreError(err, url).message).toBe(
      "Could not open postgres://u:[redacted]@127.0.0.1:5432/db: run npm install @keyv/postgres (password [redacted] rejected)",
    );
  });

  it("redacts a long password wherever it appears as a word, raw or decoded", () => {
    const url = "redis://default:hunter%402@h:6379/0";
    const err = new Error("auth failed for redis://default:hunter%402@h:6379/0 with 'hunter@2'");
    const message = describeStoreError(err, url).message;
    expect(message).not.toMatch(/hunter/);
    expect(message).toContain("redis://default:[redacted]@h:6379/0");
  });
});
