// The recommendation benchmark (`npm run bench -- --only foryou`): precision@5 of /paper foryou's ranking for
// simulated users who bookmarked 3–5 papers of one topic (bench/foryou-papers.json, topics by keyword rules),
// next to a random and a most-upvoted baseline in the same run; then the time per ranking call at 1,000
// candidates (synthesised by varying the real papers) and the time to build that index once per day.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { paperSchema, type Paper } from "../src/paper.js";
import { rankForUser } from "../src/recommend/for-user.js";
import { createCandidateIndex, mostUpvoted } from "../src/recommend/rank.js";
import type { Bookmark } from "../src/store/types.js";

const labelledSchema = z.object({
  papers: z.array(z.object({ id: z.string(), title: z.string(), abstract: z.string(), upvotes: z.number(), topic: z.string() })),
});

export interface ForYouFigures {
  papers: number;
  topics: number;
  users: number;
  precision: { foryou: number; random: number; upvoted: number };
  candidates: number;
  /** Wall-clock time per call (inflated when other processes share the CPU). */
  rankMs: number;
  /** CPU time this process spent per call. */
  rankCpuMs: number;
  buildMs: number;
}

const toPaper = (p: { id: string; title: string; abstract: string; upvotes: number }): Paper =>
  paperSchema.parse({ id: p.id, title: p.title, abstract: p.abstract, upvotes: p.upvotes, authors: [], authorCount: 0, source: "sample" });

/** Mulberry32: a seeded generator, so every run draws the same users. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const asDeps = (saved: readonly Paper[], dismissed: readonly Paper[] = []) => ({
  bookmarks: { list: async (): Promise<Bookmark[]> => saved.map((paper) => ({ paperId: paper.id, savedAt: "2026-01-01T00:00:00Z", paper })) },
  feedback: { dismissed: async () => [...dismissed] },
});
const owner = { platform: "console" as const, userId: "bench" };

/** 1,000 distinct candidates from the real ones: each copy drops and reorders some abstract sentences. */
function synthesise(papers: readonly Paper[], n: number, rand: () => number): Paper[] {
  return Array.from({ length: n }, (_, i) => {
    const base = papers[i % papers.length] as Paper;
    const sentences = base.abstract.split(/(?<=\.)\s+/u).filter(() => rand() > 0.25);
    return { ...base, id: `synth-${i}`, title: `${base.title} (variant ${i})`, abstract: shuffle(sentences, rand).join(" "), upvotes: Math.floor(rand() * 100) };
  });
}

export async function benchForYou(usersPerTopic = 40, candidates = 1000): Promise<ForYouFigures> {
  const labelled = labelledSchema.parse(JSON.parse(readFileSync(new URL("./foryou-papers.json", import.meta.url), "utf8"))).papers;
  const papers = labelled.map(toPaper);
  const topicOf = new Map(labelled.map((p) => [p.id, p.topic]));
  const topics = [...new Set(labelled.map((p) => p.topic))];
  const index = createCandidateIndex(papers);
  const rand = random(20261205);
  const hits = { foryou: 0, random: 0, upvoted: 0 };
  let users = 0;
  for (const topic of topics) {
    const inTopic = papers.filter((p) => topicOf.get(p.id) === topic);
    for (let u = 0; u < usersPerTopic; u++) {
      const saved = shuffle(inTopic, rand).slice(0, 3 + (u % 3));
      const excluded = new Set(saved.map((p) => p.id));
      const relevant = (list: readonly Paper[]) => list.filter((p) => topicOf.get(p.id) === topic).length;
      const { recommendations } = await rankForUser(asDeps(saved), owner, index, 5);
      hits.foryou += relevant(recommendations.map((r) => r.paper));
      hits.random += relevant(shuffle(papers.filter((p) => !excluded.has(p.id)), rand).slice(0, 5));
      hits.upvoted += relevant(mostUpvoted(papers, excluded, 5).map((r) => r.paper));
      users++;
    }
  }
  const precision = { foryou: hits.foryou / (5 * users), random: hits.random / (5 * users), upvoted: hits.upvoted / (5 * users) };

  // Timing: one index of `candidates` papers (built once per closed date), ranked for a user with 5 bookmarks
  // and 3 "Not for me" papers, as /paper foryou does per call.
  const many = synthesise(papers, candidates, rand);
  const t0 = performance.now();
  const big = createCandidateIndex(many);
  const buildMs = performance.now() - t0;
  const saved = papers.slice(0, 5);
  const dismissed = papers.slice(10, 13);
  for (let i = 0; i < 5; i++) await rankForUser(asDeps(saved, dismissed), owner, big, 10);
  const calls = 50;
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  for (let i = 0; i < calls; i++) await rankForUser(asDeps(saved, dismissed), owner, big, 10);
  const rankMs = (performance.now() - t1) / calls;
  const cpu = process.cpuUsage(cpu0);
  const rankCpuMs = (cpu.user + cpu.system) / 1000 / calls;
  return { papers: papers.length, topics: topics.length, users, precision, candidates, rankMs, rankCpuMs, buildMs };
}
