// The follow-alert pass over a memory store with a recording adapter at the port (no SDK): which lists it
// alerts for, that an unknown outcome is never resent, that a refusal before sending is retried, catch-up
// after downtime, and the matching rules (author, organization, keyword like the subscription filter).
import { describe, expect, it } from "vitest";
import { createAlertJob } from "../../../src/alerts/job.js";
import { matchFollows } from "../../../src/alerts/match.js";
import { UpstreamError } from "../../../src/errors.js";
import { followAlert, ALERT_MAX_PAPERS } from "../../../src/format/follow-alert.js";
import type { PaperSource } from "../../../src/hf/source.js";
import { silentLogger } from "../../../src/log.js";
import type { OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";
import type { ChatAdapter } from "../../../src/ports.js";
import { createStore } from "../../../src/store/create-store.js";
import { createDmClosedNotices } from "../../../src/store/dm-closed.js";
import { createFollowRepo, MAX_FOLLOWS } from "../../../src/store/follows.js";
import { makePaper } from "../format/make-paper.js";

const who = { platform: "slack" as const, userId: "U1" };

async function setup(lists: Record<string, Paper[]>, startAt: string) {
  let now = new Date(startAt);
  const clock = () => now;
  const store = await createStore(`memory://alerts-${Math.random()}`, { log: silentLogger });
  const follows = createFollowRepo(store, clock);
  const notices = createDmClosedNotices(store, clock);
  const sent: { userId: string; message: OutgoingMessage }[] = [];
  const fetched: string[] = [];
  let fail: (() => Error) | undefined;
  const adapter = {
    platform: "slack",
    isReady: () => true,
    async sendDirect(userId: string, message: OutgoingMessage) {
      if (fail) throw fail();
      sent.push({ userId, message });
    },
  } as unknown as ChatAdapter;
  const papers = { daily: async (date: string) => (fetched.push(date), lists[date] ?? []) } as unknown as PaperSource;
  const job = createAlertJob({ store, follows, notices, papers, adapterFor: () => adapter, log: silentLogger, now: clock });
  return {
    store, follows, notices, job, sent, fetched,
    setNow: (iso: string) => (now = new Date(iso)),
    failWith: (f: (() => Error) | undefined) => (fail = f),
  };
}

const diffusion = makePaper({ id: "2507.00001", title: "Latent diffusion models", keywords: [], abstract: "x", aiSummary: undefined });
const other = makePaper({ id: "2507.00002", title: "Tabular things", abstract: "y", aiSummary: undefined, keywords: [] });

describe("the follow-alert pass", () => {
  it("alerts only for lists that closed after the follow was made, fetching each list once", async () => {
    const t = await setup({ "2025-07-07": [diffusion], "2025-07-08": [diffusion, other] }, "2025-07-08T12:00:00Z");
    await t.follows.add(who, "keyword", "diffusion");
    t.setNow("2025-07-09T07:00:00Z");
    const first = await t.job.run();
    // 07-07 closed before the follow: no alert for it.
    expect(first?.dates).toEqual(["2025-07-05", "2025-07-06", "2025-07-07", "2025-07-08"]);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.message.title).toContain("Tue 8 Jul 2025");
    const fetchedBefore = t.fetched.length;
    expect(await t.job.run()).toEqual({ dates: [], outcomes: expect.any(Object) });
    expect(t.fetched.length).toBe(fetchedBefore);
  });

  it("a transient failure (outcome unknown) is never resent; a rate limit is retried on a later pass", async () => {
    const t = await setup({ "2025-07-08": [diffusion] }, "2025-07-08T12:00:00Z");
    await t.follows.add(who, "keyword", "diffusion");
    t.setNow("2025-07-09T07:00:00Z");
    t.failWith(() => new UpstreamError("slack", 429, { reason: "rate_limited" }));
    expect((await t.job.run())?.outcomes.retry).toBe(1);
    t.failWith(() => new UpstreamError("slack", 502));
    expect((await t.job.run())?.outcomes.unknown).toBe(1);
    t.failWith(undefined);
    await t.job.run();
    expect(t.sent).toHaveLength(0);
  });

  it("a claim left by a process that crashed before its send answered is never sent again", async () => {
    const t = await setup({ "2025-07-08": [diffusion] }, "2025-07-08T12:00:00Z");
    await t.follows.add(who, "keyword", "diffusion");
    t.setNow("2025-07-09T07:00:00Z");
    await t.store.putIfAbsent("alerts", "sent:slack:U1:2025-07-08", { state: "intent", at: "2025-07-09T06:59:59Z" });
    expect((await t.job.run())?.outcomes).toMatchObject({ sent: 0, already: 1 });
    expect(t.sent).toHaveLength(0);
  });

  it("after days offline it catches up with one DM per missed list, only the lists of the last four days", async () => {
    const lists = Object.fromEntries(["2025-07-01", "2025-07-02", "2025-07-03", "2025-07-07", "2025-07-08"].map((d) => [d, [{ ...diffusion, id: `p-${d}` }]]));
    const t = await setup(lists, "2025-06-30T12:00:00Z");
    await t.follows.add(who, "keyword", "diffusion");
    t.setNow("2025-07-09T07:00:00Z");
    const result = await t.job.run();
    expect(result?.dates).toEqual(["2025-07-05", "2025-07-06", "2025-07-07", "2025-07-08"]);
    expect(t.sent.map((s) => s.message.title)).toEqual([expect.stringContaining("7 Jul"), expect.stringContaining("8 Jul")]);
  });

  it("DMs closed: flagged once, and the flag is taken exactly once", async () => {
    const t = await setup({ "2025-07-08": [diffusion] }, "2025-07-08T12:00:00Z");
    await t.follows.add(who, "keyword", "diffusion");
    t.setNow("2025-07-09T07:00:00Z");
    t.failWith(() => new UpstreamError("slack", 200, { reason: "dm_closed" }));
    expect((await t.job.run())?.outcomes.dm_closed).toBe(1);
    const takes = await Promise.all([t.notices.take(who), t.notices.take(who)]);
    expect(takes.filter(Boolean)).toHaveLength(1);
    expect(await t.notices.take(who)).toBe(false);
  });
});

describe("follows", () => {
  it("are idempotent, case-insensitive and capped", async () => {
    const t = await setup({}, "2025-07-08T12:00:00Z");
    expect(await t.follows.add(who, "author", "Jane  Doe")).toBe("added");
    expect(await t.follows.add(who, "author", "jane doe")).toBe("exists");
    for (let i = 1; i < MAX_FOLLOWS; i++) expect(await t.follows.add(who, "keyword", `k${i}`)).toBe("added");
    expect(await t.follows.add(who, "keyword", "one too many")).toBe("full");
    expect(await t.follows.list(who)).toHaveLength(MAX_FOLLOWS);
    expect(await t.follows.remove(who, "author", "JANE DOE")).toBe(true);
    expect(await t.follows.remove(who, "author", "JANE DOE")).toBe(false);
  });

  it("match authors by name, organizations by part, keywords as whole words, with every reason", () => {
    const papers = [
      makePaper({ id: "a", authors: ["Jane Doe"], organization: "NVIDIA Research", title: "LLMs for diffusion", upvotes: 1 }),
      makePaper({ id: "b", authors: ["Janet Doe"], organization: "Meta", title: "Allmighty models", abstract: "", aiSummary: undefined, keywords: [], upvotes: 2 }),
    ];
    const at = "2025-07-01T00:00:00Z";
    const matches = matchFollows(papers, [
      { type: "author", value: "jane doe", createdAt: at },
      { type: "organization", value: "nvidia", createdAt: at },
      { type: "keyword", value: "llm", createdAt: at },
    ]);
    expect(matches).toEqual([{ paper: papers[0], reasons: ["author jane doe", "organization nvidia", "keyword llm"] }]);
  });

  it("an alert naming many hostile matches stays bounded and says how many more", () => {
    const hostile = makePaper({ title: `@everyone <script> ${"x".repeat(5000)}` });
    const matches = Array.from({ length: 30 }, (_, i) => ({ paper: { ...hostile, id: `2507.${10000 + i}` }, reasons: ["keyword x".repeat(50)] }));
    const alert = followAlert("2025-07-08", matches);
    expect(alert.blocks.filter((b) => b.kind === "text")).toHaveLength(ALERT_MAX_PAPERS);
    expect(alert.fallbackText).toContain("and 20 more papers");
    expect(alert.fallbackText.length).toBeLessThan(4000);
  });
});
