// Hugging Face requests for one date when 1,000 subscribed channels are due at the same minute: the list is
// fetched once and shared (goal 1, at most 2), and each paper's detail (linked repos) once (goal: one per paper). Posting goes to an in-memory adapter: only HF traffic matters.
import type { ChatAdapter } from "../src/ports.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { BENCH_DATE, benchSubscription, createBenchApp } from "./harness.js";

export async function benchHfSharing(
  channels: number,
): Promise<{ channels: number; posted: number; hfRequests: number; detailRequests: number; papers: number; ms: number }> {
  const hf = await createFakeHf();
  hf.setDaily(BENCH_DATE, Array.from({ length: 10 }, (_, i) => makeDailyItem({ id: `2506.${40000 + i}`, title: `Bench paper ${i}`, upvotes: 9 - i, listDate: BENCH_DATE })));
  // Slow answers, like the real API under load: many channels ask while the first request is in flight.
  hf.setFault("/api/daily_papers", { delayMs: 300 });
  const bench = await createBenchApp({ env: { HF_API_URL: hf.url, ARXIV_API_URL: hf.arxivUrl } });
  let seq = 0;
  const sink: ChatAdapter = {
    platform: "console",
    start: async () => {},
    stop: async () => {},
    isReady: () => true,
    post: async (channelId) => ({ platform: "console", channelId, messageId: String(++seq) }),
  };
  bench.app.adapters.set("console", sink);
  for (let i = 0; i < channels; i++) await bench.stack.subscriptions.save(benchSubscription("console", `c${i}`));
  const started = performance.now();
  // The harness clock is 2025-06-13 12:00 UTC: every 09:00 UTC slot is due and 2025-06-12 is the latest list.
  const results = await bench.stack.engine.runDue();
  const ms = performance.now() - started;
  const hfRequests = hf.requests.filter((r) => r.path.startsWith("/api/daily_papers")).length;
  // Linked repos for every planned paper (enrich-artifacts.ts): goal one detail request per paper, not per channel.
  const detailRequests = hf.requests.filter((r) => r.path.startsWith("/api/papers/")).length;
  await bench.close();
  await hf.close();
  return { channels, posted: results.filter((r) => r.outcome.status === "posted").length, hfRequests, detailRequests, papers: 10, ms };
}
