// Regression for slow acks under load: every command used to look its caller up with users.info. Now only
// admin-only commands (and help, which shows them to admins) ask, and a burst from one admin costs one lookup.
import { afterEach, describe, expect, it } from "vitest";
import { startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("admin lookups", () => {
  it("search, get and today never call users.info", async () => {
    h = await startSlackHarness();
    const harness = h;
    const users = ["U0S1", "U0S2", "U0S3"];
    await Promise.all(users.map((user, i) => harness.signer.slash(["search fixture", "get 2509.04664", "today 2025-09-08"][i] ?? "", { user })));
    for (const user of users) await waitFor(() => harness.fake.visibleTo(user)[0], 8000, `answer for ${user}`);
    expect(harness.fake.calls("users.info")).toEqual([]);
  });

  it("a burst of admin-only commands from one user costs one users.info, and a non-admin is refused", async () => {
    h = await startSlackHarness();
    const harness = h;
    harness.fake.state.users.set("U0BOSS", { is_admin: true });
    const sent = await Promise.all(Array.from({ length: 8 }, () => harness.signer.slash("status", { user: "U0BOSS" })));
    expect(sent.every((r) => r.status === 200)).toBe(true);
    await waitFor(() => harness.fake.visibleTo("U0BOSS").length >= 8 || undefined, 8000, "eight status answers");
    expect(harness.fake.calls("users.info").filter((c) => c.body.user === "U0BOSS")).toHaveLength(1);

    await harness.signer.slash("subscribe 09:00", { user: "U0PLAIN" });
    const refusal = await waitFor(() => harness.fake.visibleTo("U0PLAIN")[0], 5000, "refusal");
    expect(textOf(refusal)).toContain("Only channel admins");
  });
});
