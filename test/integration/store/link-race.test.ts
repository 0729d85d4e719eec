// Linking across instances on every shared backend: two store connections (as two deployments sharing
// STORE_URL) race to redeem one code — exactly one links — and the guess limit holds across connections too.
// After link and unlink through different connections, both identities keep the whole united reading list.
import { describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { createRepos } from "../../../src/store/repos.js";
import type { BookmarkOwner } from "../../../src/store/types.js";
import { captureLog, makePaper } from "../../unit/store/support.js";
import { useBackends } from "./backends.js";

const discord: BookmarkOwner = { platform: "discord", userId: "D-1" };
const slackA: BookmarkOwner = { platform: "slack", userId: "T:U-a" };
const slackB: BookmarkOwner = { platform: "slack", userId: "T:U-b" };

for (const backend of useBackends(["sqlite", "redis", "postgres"])) {
  describe(`${backend.name}: linked accounts across instances`, () => {
    it("one code links once, guesses are capped across instances, and unlink keeps the union on both", { timeout: 60_000 }, async () => {
      const url = backend.url();
      const stores = await Promise.all([createStore(url, { log: captureLog().log }), createStore(url, { log: captureLog().log })]);
      try {
        const [one, two] = stores.map((s) => createRepos(s)) as [ReturnType<typeof createRepos>, ReturnType<typeof createRepos>];
        await one.bookmarks.add(discord, makePaper("2401.00001"));
        await two.bookmarks.add(slackA, makePaper("2401.00002"));
        await two.bookmarks.add(slackB, makePaper("2401.00003"));
        const { code } = await one.accounts.issueCode(discord);
        const results = await Promise.all([one.accounts.redeem(slackA, code), two.accounts.redeem(slackB, code)]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const winner = results[0]?.ok ? slackA : slackB;
        const expected = ["2401.00001", winner === slackA ? "2401.00002" : "2401.00003"];
        const ids = async (repos: typeof one, o: BookmarkOwner) => (await repos.bookmarks.list(o)).map((b) => b.paperId).sort();
        expect(await ids(two, discord)).toEqual(expected);
        expect(await ids(one, winner)).toEqual(expected);

        // The loser spent one of five tries in the race; six more guesses over both instances: four are heard.
        const loser = winner === slackA ? slackB : slackA;
        const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).accounts.redeem(loser, "AAAAA-AAAAA")));
        expect(guesses.filter((g) => !g.ok && g.reason === "too_many_tries")).toHaveLength(2);

        expect(await two.accounts.unlink(winner)).toEqual(discord);
        expect(await ids(one, winner)).toEqual(expected);
        expect(await ids(two, discord)).toEqual(expected);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
}
