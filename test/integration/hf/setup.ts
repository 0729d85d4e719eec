// Shared setup for the HF client integration tests: a fake HF server, a fresh in-memory cache, a settable
// clock and fast retries, plus a log capture to prove secrets never reach a log line.
import { Writable } from "node:stream";
import { Keyv } from "keyv";
import { createHfClient, type HfClientConfig } from "../../../src/hf/client.js";
import { createLogger } from "../../../src/log.js";
import { createFakeHf, type FakeHf, type FakeHfOptions } from "../../fakes/fake-hf.js";

export interface Harness {
  fake: FakeHf;
  client: ReturnType<typeof createHfClient>;
  cache: Keyv;
  /** Moves the client's clock. */
  setNow(iso: string): void;
  /** Everything logged so far, as one string. */
  logs(): string;
}

/** A time after every fixture date's list has closed. */
export const LATER = "2026-06-01T12:00:00Z";

export async function createHarness(
  overrides: Partial<HfClientConfig> = {},
  fakeOptions: FakeHfOptions = {},
): Promise<Harness> {
  const fake = await createFakeHf(fakeOptions);
  const cache = new Keyv();
  let now = new Date(LATER);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const client = createHfClient({
    baseUrl: fake.url,
    arxivUrl: fake.arxivUrl,
    timeoutMs: 2000,
    cache,
    now: () => now,
    log: createLogger("debug", sink),
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 3000 },
    arxivIntervalMs: 20,
    ...overrides,
  });
  return {
    fake,
    client,
    cache,
    setNow: (iso) => void (now = new Date(iso)),
    logs: () => lines.join(""),
  };
}
