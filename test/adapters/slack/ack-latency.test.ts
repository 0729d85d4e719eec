// Slack needs the slash command's HTTP 200 within 3 seconds; Hugging Face can take far longer. These tests
// make the fake Hugging Face slow and measure, on the wire, when Slack gets its ack and when the user gets
// the answer — proving the ack goes out before Hugging Face has answered. Figures are printed.
import { afterEach, describe, expect, it } from "vitest";
import { startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SLACK_ACK_DEADLINE_MS = 3000;

function stats(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return `n=${s.length} min=${at(0).toFixed(1)} p50=${at(0.5).toFixed(1)} p95=${at(0.95).toFixed(1)} max=${(s.at(-1) ?? NaN).toFixed(1)} ms`;
}

/** Sends `count` concurrent slash commands; returns per-command ack and answer latency. */
async function burst(harness: SlackHarness, count: number, text: (i: number) => string) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const user = `U0LAT${i}`;
      const started = performance.now();
      const res = await harness.signer.slash(text(i), { user });
      const ackMs = performance.now() - started;
      const reply = await waitFor(() => harness.fake.visibleTo(user)[0], 15_000, `answer ${i}`);
      return { status: res.status, ackMs, answerMs: performance.now() - started, shown: textOf(reply) };
    }),
  );
}

describe("ack latency while Hugging Face is slow", () => {
  it("acks 10 concurrent searches in well under 3 s while HF takes 3.2 s to answer", async () => {
    h = await startSlackHarness({ env: { HF_TIMEOUT_MS: "8000" } });
    const HF_DELAY_MS = 3200;
    h.hf.setFault("/api/papers/search", { delayMs: HF_DELAY_MS });
    const results = await burst(h, 10, (i) => `search fixture copy ${i + 1}`);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.ackMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
      // The answer needed Hugging Face, which had not answered when Slack got its 200.
      expect(r.answerMs).toBeGreaterThanOrEqual(HF_DELAY_MS - 50);
      expect(r.ackMs).toBeLessThan(r.answerMs - 2500);
      expect(r.shown).toMatch(/Results|No papers match/);
    }
    console.log(`[slack ack] HF delay ${HF_DELAY_MS} ms — ack: ${stats(results.map((r) => r.ackMs))}`);
    console.log(`[slack ack] HF delay ${HF_DELAY_MS} ms — answer: ${stats(results.map((r) => r.answerMs))}`);
  });

  it("acks at once when HF hangs for 10 s; the retried HF call answers the user", async () => {
    h = await startSlackHarness({ env: { HF_TIMEOUT_MS: "1500" } });
    // The first daily_papers request hangs for 10 s; the client's per-attempt timeout gives up and retries.
    h.hf.setFault("/api/daily_papers", { delayMs: 10_000, times: 1 });
    const [r] = await burst(h, 1, () => "today 2025-09-08");
    expect(r?.status).toBe(200);
    expect(r?.ackMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    expect(r?.shown).toContain("Why Language Models Hallucinate");
    expect(r?.answerMs).toBeGreaterThan(1500);
    console.log(`[slack ack] HF hanging 10 s — ack ${r?.ackMs.toFixed(1)} ms, answer after retry ${r?.answerMs.toFixed(0)} ms`);
  });

  it("a click is acked at once too, while the Save it asks for waits on HF", async () => {
    h = await startSlackHarness({ env: { HF_TIMEOUT_MS: "8000" } });
    await h.signer.slash("search fixture copy", { user: "U0CLICK" });
    const page = await waitFor(() => h?.fake.visibleTo("U0CLICK")[0]);
    // Saving fetches the paper's full record from Hugging Face, which now takes longer than Slack's deadline.
    h.hf.setFault(/^\/api\/papers\/\d/, { delayMs: 3200 });
    const started = performance.now();
    const res = await h.signer.click({ kind: "ephemeral", message: page }, "Save");
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    await waitFor(() => h?.fake.visibleTo("U0CLICK").find((m) => textOf(m).includes("Saved")), 10_000, "saved");
    const answerMs = performance.now() - started;
    expect(answerMs).toBeGreaterThan(3000);
    console.log(`[slack ack] Save click, HF delay 3200 ms — ack ${ackMs.toFixed(1)} ms, confirmation after ${answerMs.toFixed(0)} ms`);
  });
});
