// `npm run bench`: delivery benchmarks with printed figures (never asserted). Options:
//   --channels N (200)   --scale K (10: Discord limits ×K)   --naive-channels M (5; extrapolated to N)
//   --hf-channels H (1000)   --ack-commands C (200)   --settle-ms S (5000: idle time before memory is sampled)
//   --memory-runs R (3)   --only discord|slack|hf|store|slack-ack|memory|foryou|refresh
//   --store-sizes 100,1000,10000   --store-tick-backends sqlite,redis,postgres
import { parseArgs } from "node:util";
import { benchDiscordFanout } from "./fanout-discord.js";
import { benchSlackFanout } from "./fanout-slack.js";
import { seconds } from "./harness.js";
import { benchHfSharing } from "./hf-sharing.js";
import { benchForYou } from "./foryou.js";
import { benchStore } from "./store.js";
import { benchSlackAck } from "./slack-ack.js";
import { benchMemory } from "./memory.js";
import { benchRefresh } from "./refresh.js";

const { values } = parseArgs({
  options: {
    channels: { type: "string", default: "200" },
    scale: { type: "string", default: "10" },
    "naive-channels": { type: "string", default: "5" },
    "hf-channels": { type: "string", default: "1000" },
    "ack-commands": { type: "string", default: "200" },
    "settle-ms": { type: "string", default: "5000" },
    "memory-runs": { type: "string", default: "3" },
    only: { type: "string" },
    "store-sizes": { type: "string", default: "100,1000,10000" },
    "store-tick-backends": { type: "string", default: "sqlite,redis,postgres" },
  },
});
const channels = Number(values.channels);
const scale = Number(values.scale);
const naiveChannels = Number(values["naive-channels"]);
const want = (what: string) => !values.only || values.only === what;
const out = (line = "") => process.stdout.write(`${line}\n`);

if (want("discord")) {
  const f = await benchDiscordFanout(channels, scale, naiveChannels);
  const span = (t: { firstPost: number; lastPost: number }) => t.lastPost - t.firstPost;
  const ratio = (ms: number) => (ms / f.boundMs).toFixed(3);
  out(`Discord fan-out: ${f.channels} channels × (1 header + 10 papers) = ${f.messages} messages, then one 🔖 per paper`);
  out(`  limits: ${50 * scale} req/s global, 5 messages and 5 🔖 per ${5000 / scale} ms per channel (Discord ×${scale})`);
  out(`  message-only bound (messages / global limit): ${seconds(f.boundMs)} s`);
  out(`  paperboy (papers first): last paper message at ${seconds(span(f.paced))} s  ratio ${ratio(span(f.paced))}  429s: ${f.paced.rateLimited}`);
  const lastReaction = f.paced.lastReaction === undefined ? "none" : `${seconds(f.paced.lastReaction - f.paced.firstPost)} s`;
  out(`    🔖: ${f.paced.reactions} seeded, ${f.paced.reactionsBeforeLastPost} before the last paper message, last at ${lastReaction} (pass done at ${seconds(f.passMs)} s)`);
  out(`  @discordjs/rest alone, all messages at once: last message at ${seconds(span(f.baseline))} s  ratio ${ratio(span(f.baseline))}  429s: ${f.baseline.rateLimited}  (no 🔖)`);
  const naivePerChannel = f.naiveMs / f.naiveChannels;
  out(`  naive sequential (${f.naiveChannels} channels): ${seconds(f.naiveMs)} s → ${seconds(naivePerChannel * f.channels)} s for ${f.channels} channels (ratio ${ratio(naivePerChannel * f.channels)})  429s: ${f.naive429}`);
  out();
}

if (want("slack")) {
  const f = await benchSlackFanout(channels, Math.max(1, Math.min(naiveChannels, 2)));
  out(`Slack fan-out: ${f.channels} channels × (1 header + 10 papers) = ${f.messages} messages`);
  out("  limit: chat.postMessage 1 message/s per channel (enforced by a proxy in front of the fake Slack)");
  out(`  bound (11 messages at 1/s, all channels in parallel): ${seconds(f.boundMs)} s`);
  out(`  paced:  ${seconds(f.pacedMs)} s  ratio ${(f.pacedMs / f.boundMs).toFixed(3)}  429s: ${f.paced429}`);
  const naivePerChannel = f.naiveMs / f.naiveChannels;
  out(`  naive sequential (${f.naiveChannels} channels): ${seconds(f.naiveMs)} s → ${seconds(naivePerChannel * f.channels)} s for ${f.channels} channels (ratio ${((naivePerChannel * f.channels) / f.boundMs).toFixed(1)})  429s: ${f.naive429}`);
  out();
}

if (want("hf")) {
  const f = await benchHfSharing(Number(values["hf-channels"]));
  out(`Hugging Face sharing: ${f.channels} channels due at once → ${f.posted} posted, ${f.hfRequests} request(s) for the date, ${f.detailRequests} paper detail request(s) for ${f.papers} papers' linked repos (${seconds(f.ms)} s)`);
}
if (want("store")) {
  const sizes = values["store-sizes"].split(",").map(Number);
  out("Store: 2 processes × 40 concurrent 🔖 each (80 bookmarks), and the scheduler tick with nothing due");
  for (const f of await benchStore({ sizes, tickBackends: values["store-tick-backends"].split(",") })) {
    const b = f.bookmarks;
    out(`  ${f.backend}: bookmarks lost ${b.lost} of ${b.attempted} (goal 0; previous one-list layout, same run: ${b.legacyLost} lost)`);
    if (!f.tick) continue;
    for (const t of f.tick.ticks) {
      out(`    tick at ${String(t.subscriptions).padStart(6)} subscriptions: ${t.tickMs.toFixed(2)} ms, ${t.tickReads} store read(s)` +
        `  | previous design: ${t.oldTickMs.toFixed(1)} ms, ${t.oldTickReads} reads (ratio ${(t.oldTickMs / Math.max(t.tickMs, 0.01)).toFixed(0)}×)`);
    }
    const n = f.tick.ticks.at(-1)?.subscriptions ?? 0;
    out(`    save() at ${n}: ${f.tick.saveMs.toFixed(2)} ms  | previous index rewrite alone: ${f.tick.oldSaveMs.toFixed(2)} ms`);
  }
  out();
}

if (want("slack-ack")) {
  const f = await benchSlackAck(Number(values["ack-commands"]));
  const ms = (v: number) => v.toFixed(1);
  out(`Slack ack latency: ${f.commands} concurrent /paper commands (search, get, 10% admin-only status), Hugging Face 1.5 s slow, median of ${f.rounds} rounds`);
  out(`  bare Bolt (ack only): p50 ${ms(f.bare.p50)} ms  p99 ${ms(f.bare.p99)} ms`);
  out(`  paperboy:             p50 ${ms(f.paperboy.p50)} ms  p99 ${ms(f.paperboy.p99)} ms  p99 ratio ${f.p99Ratio.toFixed(2)}× (median of per-round ratios; goal ≤ 1.5×)`);
  out(`  users.info calls: ${f.usersInfo}  429s: ${f.rateLimited}  answered: ${f.answered}/${f.sent}`);
}

if (want("memory")) {
  const runs = await benchMemory(Number(values["settle-ms"]), Number(values["memory-runs"]));
  out(`Idle memory, both adapters connected to the fakes (RSS ${runs[0]!.settleMs / 1000} s after /healthz is 200, median of ${values["memory-runs"]} starts):`);
  for (const m of runs) {
    out(`  node ${m.flags.length > 0 ? m.flags.join(" ") : "(default flags)"}${m.flags.length > 0 ? "  ← how npm start and the container run it" : ""}`);
    out(`    paperboy (dist/src/main.js): ${m.paperboyMb.toFixed(1)} MB   goal < 120 MB`);
    out(`    bare discord.js + Bolt:      ${m.bareMb.toFixed(1)} MB   ratio ${(m.paperboyMb / m.bareMb).toFixed(2)}× (goal ≤ 1.3×)`);
  }
}
if (want("foryou")) {
  const f = await benchForYou();
  const p = (v: number) => v.toFixed(2);
  out(`Recommendations (/paper foryou): ${f.users} simulated users (3–5 bookmarks of one of ${f.topics} topics), ${f.papers} labelled papers`);
  out(`  precision@5: foryou ${p(f.precision.foryou)}  random ${p(f.precision.random)}  most upvoted ${p(f.precision.upvoted)}  ratio ${(f.precision.foryou / Math.max(f.precision.upvoted, 0.001)).toFixed(1)}× most upvoted (goal ≥ 2×)`);
  out(`  at ${f.candidates.toLocaleString("en-US")} candidates: ${f.rankMs.toFixed(1)} ms wall, ${f.rankCpuMs.toFixed(1)} ms CPU per foryou ranking (goal < 50 ms); index built once per closed date in ${f.buildMs.toFixed(0)} ms`);
  out();
}
if (want("refresh")) {
  const f = await benchRefresh(channels, scale);
  out(`Live votes: a ${f.channels}-channel Discord daily post, alone and with a refresh backlog of ${f.backlog} changed messages (${f.channels} channels × 3 days × 10 papers)`);
  out(`  limits: ${50 * scale} req/s global, 5 messages / 5 edits per ${5000 / scale} ms per channel (Discord ×${scale}); edit share ${5 * scale}/s (10%)`);
  out(`  daily post alone: ${seconds(f.aloneMs)} s   with the backlog: ${seconds(f.withRefreshMs)} s   delay added: ${seconds(f.withRefreshMs - f.aloneMs)} s (ratio ${(f.withRefreshMs / f.aloneMs).toFixed(3)}, goal 1.000)`);
  out(`  edits: ${f.editsBefore} before the post, ${f.editsDuring} during it, ${f.editsAfter} after   429s: ${f.rateLimited} (run with the backlog: ${f.rateLimitedWithBacklog}, ${f.edits429} of them to edits)`);
  out(`  backlog after the post: ${seconds(f.drainMs)} s (share bound ${seconds(f.drainBoundMs)} s, ratio ${(f.drainMs / f.drainBoundMs).toFixed(2)})`);
  out(`  refresh tick with an empty index: ${f.idleTickMs.toFixed(3)} ms on memory://, its index read ${f.idleSqliteMs.toFixed(3)} ms on SQLite (medians of 200)`);
  out();
}
process.exit(0);
