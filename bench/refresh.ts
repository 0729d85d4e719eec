// Live votes against the daily post: a 200-channel Discord daily post (the fan-out bench's setup: real adapter,
// fake Discord in its own process with Discord's limits ×scale) measured alone, and again in the same run while a
// full refresh backlog waits — 200 channels × 3 days × 10 papers whose votes changed on the fake Hugging Face. The
// refresh starts first; the post starts once edits are flowing. Figures: the post's span in both runs (the delay
// refreshes add; goal 0), the edits before / during / after the post, 429s, and a refresh tick over an empty index.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore } from "../src/store/create-store.js";
import { createLiveVotesRepo } from "../src/store/live-votes.js";
import { paperCard } from "../src/format/paper-card.js";
import { silentLogger } from "../src/log.js";
import { createFakeHf, makeDailyItem } from "../test/fakes/fake-hf.js";
import { setVotes } from "../test/fakes/fake-hf-votes.js";
import { startDiscordBench } from "./discord-bench.js";
import { BENCH_DATE, benchSubscription } from "./harness.js";

export interface RefreshFigures {
  channels: number;
  backlog: number;
  /** Span of the daily post's paper/header messages (first to last), ms. */
  aloneMs: number;
  withRefreshMs: number;
  /** Edits that reached Discord before the post's first message, between its first and last, and after. */
  editsBefore: number;
  editsDuring: number;
  editsAfter: number;
  /** From the post's last message to the backlog's last edit, ms, against its share bound (backlog / edit share). */
  drainMs: number;
  drainBoundMs: number;
  rateLimited: number;
  /** 429s in the run with the backlog. */
  rateLimitedWithBacklog: number;
  /** Of those, answers to edits. */
  edits429: number;
  /** One refresher.runOnce() with nothing in the index, ms (median of 200). */
  idleTickMs: number;
  /** The refresher's store work when idle (the index read) on SQLite, ms (median of 200). */
  idleSqliteMs: number;
}

/** The index read an idle refresh costs on a SQLite store (the bench app itself runs on memory://). */
async function idleOnSqlite(): Promise<number> {
  const store = await createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-bench-")), "s.sqlite")}`, { log: silentLogger });
  const repo = createLiveVotesRepo(store);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await repo.live(Date.now());
    times.push(performance.now() - t);
  }
  await store.close();
  return times.sort((a, b) => a - b)[100]!;
}

const DATES = ["2025-06-10", "2025-06-11", BENCH_DATE];
const PAPERS = 10;
const paperId = (d: number, i: number) => `2506.${3000 + d * 100 + i}`;

export async function benchRefresh(channels: number, scale: number): Promise<RefreshFigures> {
  const hf = await createFakeHf();
  DATES.forEach((date, d) =>
    hf.setDaily(date, Array.from({ length: PAPERS }, (_, i) => makeDailyItem({ id: paperId(d, i), title: `Paper ${d}.${i}`, upvotes: 50 - i, listDate: date }))),
  );
  const editsPerSecond = (50 * scale) / 10;
  const editPerChannel = { count: 5, perMs: 5000 / scale };
  const editShare = { count: editsPerSecond, perMs: 1000 };
  const run = await startDiscordBench({ hf, channels: 2 * channels, scale, pacing: { editPerChannel, editShare } });
  const { fake, bench } = run;
  const alone = fake.info.channelIds.slice(0, channels);
  const busy = fake.info.channelIds.slice(channels);
  const { stack } = bench;
  const nowMs = bench.app.deps.now().getTime();

  // The idle cost first: a refresh with an empty index.
  const ticks: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await stack.refresher.runOnce();
    ticks.push(performance.now() - t);
  }
  const idleTickMs = ticks.sort((a, b) => a - b)[100]!;

  // Run 1: the daily post alone.
  // The posts themselves are not tracked (refresh_days=0): the edits counted are the backlog's.
  for (const id of alone) await stack.subscriptions.save({ ...benchSubscription("discord", id), refreshDays: 0 });
  await bench.app.deps.papers.daily(BENCH_DATE);
  await stack.engine.deliverDate(BENCH_DATE);
  const t1 = await fake.timeline(alone);

  // Run 2: the busy channels' last three days are in the index, and every one of those papers got votes since.
  const seeded = await fake.seed(busy, DATES.length * PAPERS);
  for (const [c, channelId] of busy.entries()) {
    for (const [d, date] of DATES.entries()) {
      const list = await bench.app.deps.papers.daily(date);
      for (const [i, paper] of list.entries()) {
        const ref = { platform: "discord" as const, channelId, messageId: seeded[c]![d * PAPERS + i]! };
        await stack.liveVotes.track(ref, { paper, date }, paperCard(paper, { date }), 3, nowMs);
      }
    }
  }
  DATES.forEach((_, d) => Array.from({ length: PAPERS }, (_, i) => setVotes(hf, paperId(d, i), { upvotes: 500 + i, numComments: 3 })));
  for (const id of busy) await stack.subscriptions.save({ ...benchSubscription("discord", id), refreshDays: 0 });
  const refreshing = stack.refresher.runOnce();
  // The post comes while edits are flowing: once the fake has seen the first 25 (half a second of the share).
  for (let i = 0; i < 300 && (await fake.timeline(busy)).editTimes.length < 25; i++) await new Promise((r) => setTimeout(r, 50));
  await stack.engine.deliverDate(BENCH_DATE);
  await refreshing;
  // The next refreshes (every VOTES_REFRESH_MINUTES in the bot) finish the backlog.
  for (let round = 0; round < 5; round++) {
    const r = await stack.refresher.runOnce();
    if (r.left === 0 && r.edited === 0) break;
  }
  const t2 = await fake.timeline(busy);

  await run.close();
  await hf.close();
  const backlog = channels * DATES.length * PAPERS;
  const edits = t2.editTimes;
  return {
    channels,
    backlog,
    aloneMs: t1.lastPost - t1.firstPost,
    withRefreshMs: t2.lastPost - t2.firstPost,
    editsBefore: edits.filter((t) => t < t2.firstPost).length,
    editsDuring: edits.filter((t) => t >= t2.firstPost && t <= t2.lastPost).length,
    editsAfter: edits.filter((t) => t > t2.lastPost).length,
    drainMs: Math.max(...edits) - t2.lastPost,
    drainBoundMs: (backlog / editShare.count) * editShare.perMs,
    rateLimited: t1.rateLimited + t2.rateLimited,
    edits429: t2.edits429,
    rateLimitedWithBacklog: t2.rateLimited,
    idleTickMs,
    idleSqliteMs: await idleOnSqlite(),
  };
}
