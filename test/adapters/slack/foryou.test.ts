// End to end on Slack (real Bolt against the fake Slack and fake Hugging Face): /paper foryou for a new user
// (most upvoted, with the 🔖 hint), for a user with bookmarks (why each paper is there, Save and Not for me
// buttons), Not for me visibly changing the next list, and a count out of range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  // The day after the sample's last list (2026-05-05), so its lists are among the last 30 closed ones.
  h = await startSlackHarness({ now: () => new Date("2026-05-06T12:00:00Z") });
});
afterAll(() => h?.close());

async function privateReply(text: string, user: string) {
  const before = h.fake.visibleTo(user).length;
  await h.signer.slash(text, { user });
  return waitFor(() => h.fake.visibleTo(user)[before], 5000, `reply to ${text}`);
}

// Robot diffusion policies from the sample lists (2026-05-01 … 2026-05-05).
const SAVED = ["2406.04806", "2603.05117", "2510.01068"];
const titlesIn = (text: string) => [...text.matchAll(/Like _?(.+?)_?, which you saved/g)].length;

async function bookmark(userId: string, ids: string[]) {
  for (const id of ids) await h.app.deps.bookmarks.add({ platform: "slack", userId }, await h.app.deps.papers.paper(id));
}

describe("/paper foryou on Slack", () => {
  it("shows a new user the most upvoted papers and how 🔖 improves the list", async () => {
    const reply = await privateReply("foryou 3", "U0NEWBIE");
    const text = textOf(reply);
    expect(text).toContain("most upvoted papers of the last 30 days");
    expect(text).toContain("🔖");
    expect(text).toContain("IterResearch");
    expect(text).not.toMatch(/which you saved/);
  });

  it("picks papers like the user's bookmarks, says why, and Not for me changes the next list", async () => {
    await bookmark("U0READER", SAVED);
    const first = await privateReply("foryou", "U0READER");
    const text = textOf(first);
    expect(text).toContain("Picked for you");
    expect(titlesIn(text)).toBe(5);
    for (const id of SAVED) expect(text).not.toContain(`papers/${id}`);
    const firstTitle = /huggingface\.co\/papers\/([\d.]+)/.exec(text)?.[1];
    expect(firstTitle).toBeDefined();

    await h.signer.click({ kind: "ephemeral", message: first }, "Not for me", { user: "U0READER" });
    const note = await waitFor(() => h.fake.visibleTo("U0READER").find((m) => textOf(m).includes("fewer papers like")));
    expect(textOf(note)).toContain("won't come up again");

    const second = await privateReply("foryou", "U0READER");
    expect(textOf(second)).not.toContain(`papers/${firstTitle}`);
    expect(textOf(second)).not.toEqual(text);
  });

  it("Save on a result bookmarks it like everywhere else", async () => {
    await bookmark("U0SAVER", SAVED);
    const reply = await privateReply("foryou 2", "U0SAVER");
    await h.signer.click({ kind: "ephemeral", message: reply }, "Save", { user: "U0SAVER" });
    await waitFor(() => h.fake.visibleTo("U0SAVER").find((m) => textOf(m).startsWith("Saved “")));
    expect(await h.app.deps.bookmarks.list({ platform: "slack", userId: "U0SAVER" })).toHaveLength(4);
  });

  it("shows ten results with a Save and a Not for me button each", async () => {
    const before = h.fake.visibleTo("U0READER").length;
    await h.signer.slash("foryou 10", { user: "U0READER" });
    const reply = await waitFor(() => h.fake.visibleTo("U0READER")[before]);
    expect(buttonsOf(reply).filter((b) => b === "Not for me")).toHaveLength(10);
    expect(buttonsOf(reply).filter((b) => b === "Save")).toHaveLength(10);
    expect(textOf({ blocks: reply.blocks }).match(/which you saved/g)).toHaveLength(10);
  });

  it("answers a count out of range in plain words", async () => {
    const reply = await privateReply("foryou 11", "U0NEWBIE");
    expect(textOf(reply)).toContain("Pick a count from 1 to 10");
  });
});
