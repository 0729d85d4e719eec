// Linked accounts on a real SQLite file: a code joins two identities and unites their reading lists, unlink
// leaves both with everything; codes are single use, never self-links, never steal a linked account, and
// guessing is cut off after five tries.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import type { BookmarkOwner, Store } from "../../../src/store/types.js";
import { captureLog, makePaper } from "./support.js";

const discord: BookmarkOwner = { platform: "discord", userId: "D-ada" };
const slack: BookmarkOwner = { platform: "slack", userId: "T1:U-ada" };
const other: BookmarkOwner = { platform: "slack", userId: "T1:U-bob" };

let store: Store;
afterEach(async () => {
  await store.close();
});

async function open() {
  store = await createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), "pb-accounts-")), "s.sqlite")}`, { log: captureLog().log });
  return createRepos(store);
}

const ids = async (repos: Awaited<ReturnType<typeof open>>, owner: BookmarkOwner) => (await repos.bookmarks.list(owner)).map((b) => b.paperId).sort();

describe("linked accounts", () => {
  it("links, shares one reading list as the union, and unlinks with each side keeping everything", async () => {
    const repos = await open();
    await repos.bookmarks.add(discord, makePaper("2401.00001"));
    await repos.bookmarks.add(slack, makePaper("2401.00002"));
    await repos.bookmarks.add(slack, makePaper("2401.00001"));
    await repos.bookmarks.update(slack, "2401.00001", { kind: "tag", add: "rl" });
    await repos.bookmarks.add(slack, makePaper("2401.00009"));

    const { code } = await repos.accounts.issueCode(discord);
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(await repos.accounts.redeem(slack, code.toLowerCase())).toEqual({ ok: true, partner: discord });
    expect(await repos.accounts.accountId(slack)).toBe(await repos.accounts.accountId(discord));
    expect(await ids(repos, slack)).toEqual(["2401.00001", "2401.00002", "2401.00009"]);
    expect((await repos.bookmarks.list(discord)).find((b) => b.paperId === "2401.00001")?.tags).toEqual(["rl"]);

    // Saved while linked, from either side, shows on both.
    await repos.bookmarks.add(slack, makePaper("2401.00003"));
    expect(await ids(repos, discord)).toEqual(["2401.00001", "2401.00002", "2401.00003", "2401.00009"]);

    // Removed while linked (saved on Slack before the link): it stays removed on both sides after unlink.
    expect(await repos.bookmarks.remove(discord, "2401.00009")).toBe(true);

    expect(await repos.accounts.unlink(slack)).toEqual(discord);
    expect(await ids(repos, discord)).toEqual(["2401.00001", "2401.00002", "2401.00003"]);
    expect(await ids(repos, slack)).toEqual(["2401.00001", "2401.00002", "2401.00003"]);
    await repos.bookmarks.add(slack, makePaper("2401.00004"));
    expect(await ids(repos, discord)).not.toContain("2401.00004");
    expect(await repos.accounts.unlink(slack)).toBeUndefined();
  });

  it("refuses own codes, reused codes, linked accounts and malformed codes", async () => {
    const repos = await open();
    const { code } = await repos.accounts.issueCode(discord);
    expect(await repos.accounts.redeem(discord, code)).toEqual({ ok: false, reason: "own_code" });
    expect(await repos.accounts.redeem(slack, "not a code")).toEqual({ ok: false, reason: "malformed" });
    expect((await repos.accounts.redeem(slack, code)).ok).toBe(true);
    expect(await repos.accounts.redeem(other, code)).toEqual({ ok: false, reason: "unknown" });
    const second = await repos.accounts.issueCode(other);
    expect(await repos.accounts.redeem(slack, second.code)).toEqual({ ok: false, reason: "already_linked" });
    const third = await repos.accounts.issueCode({ platform: "console", userId: "console" });
    // A code made by a linked account can't pull a third identity in.
    const fromLinked = await repos.accounts.issueCode(discord);
    expect(await repos.accounts.redeem(other, fromLinked.code)).toEqual({ ok: false, reason: "partner_linked" });
    expect(third.code).not.toBe(second.code);
  });

  it("a new code replaces the old one, and two redeemers racing for one code: exactly one wins", async () => {
    const repos = await open();
    const first = await repos.accounts.issueCode(discord);
    const second = await repos.accounts.issueCode(discord);
    expect(await repos.accounts.redeem(slack, first.code)).toEqual({ ok: false, reason: "unknown" });
    const results = await Promise.all([repos.accounts.redeem(slack, second.code), repos.accounts.redeem(other, second.code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("stops guessing after five tries per identity", async () => {
    const repos = await open();
    const { code } = await repos.accounts.issueCode(discord);
    for (let i = 0; i < 5; i++) expect(await repos.accounts.redeem(slack, "AAAAA-AAAAA")).toEqual({ ok: false, reason: "unknown" });
    expect(await repos.accounts.redeem(slack, code)).toEqual({ ok: false, reason: "too_many_tries" });
    expect((await repos.accounts.redeem(other, code)).ok).toBe(true);
  });
});
