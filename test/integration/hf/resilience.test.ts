// When Hugging Face misbehaves: transient 5xx are retried, 429 waits as long as HF asks, slow answers time
// out, nonsense bodies fail cleanly — and every failure is an UpstreamError without the upstream body or token.
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.js";
import { EXAMPLE_DATE } from "../../fixtures/hf/index.js";
import { createHarness, type Harness } from "./setup.js";

let h: Harness;
afterEach(async () => h?.fake.close());

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe("HF resilience", () => {
  it("retries a 500 twice, then succeeds", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { status: 500, times: 2 });
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
    expect(h.fake.count("/api/daily_papers")).toBe(3);
  });

  it("gives up after the retries with the status, without the upstream body", async () => {
    h = await createHarness({ retry: { retries: 2, baseDelayMs: 5 } });
    h.fake.setFault("/api/daily_papers", { status: 503, body: "<html>secret upstream page</html>" });
    const err = await failure(h.client.daily(EXAMPLE_DATE));
    expect(err).toMatchObject({ service: "huggingface", status: 503 });
    expect(err.message).not.toContain("secret upstream page");
    expect(h.fake.count("/api/daily_papers")).toBe(3);
  });

  it("does not retry a 400", async () => {
    h = await createHarness();
    h.fake.setFault("/api/papers/search", { status: 400 });
    expect(await failure(h.client.search("anything"))).toMatchObject({ status: 400 });
    expect(h.fake.count("/api/papers/search")).toBe(1);
  });

  it("times out a slow answer as status 0", async () => {
    h = await createHarness({ timeoutMs: 150, retry: { retries: 1, baseDelayMs: 5 } });
    h.fake.setFault("/api/daily_papers", { delayMs: 2000 });
    const started = Date.now();
    const err = await failure(h.client.daily(EXAMPLE_DATE));
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(h.fake.count("/api/daily_papers")).toBe(2);
  });

  it("recovers when HF is slow once", async () => {
    h = await createHarness({ timeoutMs: 150 });
    h.fake.setFault("/api/daily_papers", { delayMs: 1000, times: 1 });
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
  });

  it("fails malformed JSON as status 0 without quoting it", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { malformedJson: true });
    const err = await failure(h.client.daily(EXAMPLE_DATE));
    expect(err.status).toBe(0);
    expect(err.message).not.toContain("2509.0");
    expect(String(err.cause ?? "")).not.toContain("2509.0");
  });

  it("fails JSON of the wrong shape as status 0", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { status: 200, body: '{"error":"not a list"}' });
    expect(await failure(h.client.daily(EXAMPLE_DATE))).toMatchObject({ status: 0 });
  });

  it("waits as long as Retry-After says on a 429", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { status: 429, headers: { "retry-after": "1" }, times: 1 });
    const started = Date.now();
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(h.fake.count("/api/daily_papers")).toBe(2);
  });

  it("honours HF's RateLimit header when there is no Retry-After", async () => {
    h = await createHarness();
    h.fake.setFault("/api/daily_papers", { status: 429, headers: { ratelimit: '"api";r=0;t=1' }, times: 1 });
    const started = Date.now();
    expect(await h.client.daily(EXAMPLE_DATE)).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("gives up at once when HF asks for a wait longer than the cap", async () => {
    h = await createHarness({ retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 2000 } });
    h.fake.setFault("/api/daily_papers", { status: 429, headers: { "retry-after": "300" } });
    const started = Date.now();
    expect(await failure(h.client.daily(EXAMPLE_DATE))).toMatchObject({ status: 429 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.fake.count("/api/daily_papers")).toBe(1);
  });

  it("fails a refused connection as status 0", async () => {
    h = await createHarness({ retry: { retries: 1, baseDelayMs: 5 } });
    await h.fake.close();
    const err = await failure(h.client.daily(EXAMPLE_DATE));
    expect(err.status).toBe(0);
  });

  it("sends HF_TOKEN to Hugging Face only, and never logs it", async () => {
    const token = "hf_supersecrettoken123";
    h = await createHarness({ token });
    h.fake.setFault("/api/daily_papers", { status: 502, times: 1 });
    await h.client.daily(EXAMPLE_DATE);
    await h.client.paper("2312.99999");
    const hf = h.fake.requests.filter((r) => r.path.startsWith("/api/"));
    const arxiv = h.fake.requests.filter((r) => r.path.startsWith("/arxiv/"));
    expect(hf.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
    expect(arxiv.length).toBeGreaterThan(0);
    expect(arxiv.every((r) => r.authorization === undefined)).toBe(true);
    expect(h.logs()).toContain("retrying");
    expect(h.logs()).not.toContain(token);
  });
});
