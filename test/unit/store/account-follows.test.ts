// Linked accounts share follows and "Not for me" feedback as well as bookmarks (real SQLite file): link unites
// both sides' follows and dismissals, unlink leaves each side with the union, a dismissal made on one platform
// shapes /paper foryou ranking on the other, and a linked person's follow alerts go to one identity only.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rankForUser } from "../../../src/recommend/for-user.js";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import { nextDueAt } from "../../../src/schedule/slots.js";
import { createSubscriptionRepo, dmChannelKey, type Subscription } from "../../../src/store/subscriptions.js";
import type { BookmarkOwner, Store } from "../../../src/store/types.js";
import { captureLog, makePaper } from "./support.js";

const discord: BookmarkOwner = { platform: "discord", userId: "D-ada" };
const slack: BookmarkOwner = { platform: "slack", userId: "T1:U-ada" };

let store: Store;
afterEach(async () => {
  await store.close();
});

async function open() {
  store = await createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), "pb-acc-follows-")), "s.sqlite")}`, { log: captureLog().log });
  return createRepos(store);
}
type Repos = Awaited<ReturnType<typeof open>>;

const follows = async (repos: Repos, who: BookmarkOwner) => (await repos.follows.list(who)).map((f) => `${f.type}:${f.value}`).sort();
const dismissed = async (repos: Repos, who: BookmarkOwner) => (await repos.feedback.dismissed(who)).map((p) => p.id).sort();

async function link(repos: Repos) {
  const { code } = await repos.accounts.issueCode(discord);
  expect(await repos.accounts.redeem(slack, code)).toEqual({ ok: true, partner: discord });
}

describe("linked accounts: follows and Not for me", () => {
  it("unites follows and dismissals on link and leaves each side the union on unlink", async () => {
    const repos = await open();
    await repos.follows.add(discord, "author", "Ada Lovelace");
    await repos.follows.add(slack, "keyword", "diffusion");
    await repos.follows.add(slack, "author", "ada lovelace");
    await repos.feedback.dismiss(discord, makePaper("2401.00001"));
    await repos.feedback.dismiss(slack, makePaper("2401.00002"));
    const slackCreatedAt = (await repos.follows.list(slack)).find((f) => f.type === "keyword")?.createdAt;

    await link(repos);
    const union = ["author:Ada Lovelace", "keyword:diffusion"];
    expect(await follows(repos, discord)).toEqual(union);
    expect(await follows(repos, slack)).toEqual(union);
    // A merged follow keeps its date: it alerts for the same lists it did before the link.
    expect((await repos.follows.list(discord)).find((f) => f.type === "keyword")?.createdAt).toBe(slackCreatedAt);
    expect(await dismissed(repos, discord)).toEqual(["2401.00001", "2401.00002"]);
    expect(await dismissed(repos, slack)).toEqual(["2401.00001", "2401.00002"]);
    // One person, one alert: only the canonical identity is walked by the alert job while linked.
    expect(await repos.follows.followers()).toEqual([discord]);

    // Changes while linked show on both sides.
    await repos.follows.add(slack, "organization", "huggingface");
    await repos.follows.remove(discord, "author", "ada lovelace");
    await repos.feedback.dismiss(slack, makePaper("2401.00003"));
    const linked = ["keyword:diffusion", "organization:huggingface"];
    expect(await follows(repos, discord)).toEqual(linked);

    expect(await repos.accounts.unlink(discord)).toEqual(slack);
    expect(await follows(repos, discord)).toEqual(linked);
    expect(await follows(repos, slack)).toEqual(linked);
    expect(await dismissed(repos, slack)).toEqual(["2401.00001", "2401.00002", "2401.00003"]);
    expect(await dismissed(repos, discord)).toEqual(["2401.00001", "2401.00002", "2401.00003"]);
    expect((await repos.follows.followers()).map((f) => f.platform).sort()).toEqual(["discord", "slack"]);

    // Separate again: a follow on one side no longer shows on the other.
    await repos.follows.add(slack, "keyword", "robotics");
    expect(await follows(repos, discord)).not.toContain("keyword:robotics");
  });

  it("leaves each side's DM digest where it is through link and unlink", async () => {
    const repos = await open();
    const subs = createSubscriptionRepo({ store, nextDue: nextDueAt });
    const digest = (who: BookmarkOwner, kind: "daily" | "weekly"): Subscription => ({
      platform: who.platform,
      channelId: dmChannelKey(who.userId),
      userId: who.userId,
      ...(kind === "weekly" ? { kind, weekday: 1 } : {}),
      ...(who.platform === "discord" ? { rank: "foryou" as const } : {}),
      time: "09:00",
      timezone: "Europe/Berlin",
      top: 5,
      minUpvotes: 0,
      keywords: [],
      organizations: [],
      weekend: "skip",
      subscriberId: who.userId,
      createdAt: "2025-06-01T00:00:00.000Z",
      activeFrom: "2025-06-01T00:00:00.000Z",
    });
    await subs.save(digest(discord, "daily"));
    await subs.save(digest(slack, "weekly"));
    const all = async () => (await subs.list()).map((f) => `${f.platform}:${f.kind ?? "daily"}:${f.rank ?? "upvotes"}`).sort();
    const expected = ["discord:daily:foryou", "slack:weekly:upvotes"];
    await link(repos);
    expect(await all()).toEqual(expected);
    await repos.accounts.unlink(slack);
    expect(await all()).toEqual(expected);
  });

  it("a paper dismissed on Slack stays out of the Discord side's foryou", async () => {
    const repos = await open();
    await link(repos);
    const candidates = [makePaper("2402.00001", { upvotes: 50 }), makePaper("2402.00002", { upvotes: 40 })];
    const before = await rankForUser(repos, discord, candidates, 5);
    expect(before.recommendations.map((r) => r.paper.id)).toEqual(["2402.00001", "2402.00002"]);
    await repos.feedback.dismiss(slack, candidates[0]!);
    const after = await rankForUser(repos, discord, candidates, 5);
    expect(after.recommendations.map((r) => r.paper.id)).toEqual(["2402.00002"]);
  });
});
