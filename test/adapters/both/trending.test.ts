// `/paper trending` end to end on both platforms — the real discord.js client and the real Bolt app against the
// fakes: Hugging Face's trending list (sort=trending, HF's order kept), privately, 5 per page; Next replaces the
// page with the next five of the TRENDING list (never a search for "trending"), Previous goes back, and Save on a
// page-2 paper lands in the reader's bookmarks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_LISTS } from "../../fixtures/hf/index.js";
import { discordText, startBothPlatforms, type BothPlatforms } from "./harness.js";
import { ALICE, bookmarkIds, buttonsOf, textOf, waitFor } from "../slack/harness.js";

type Row = { components: { label: string; custom_id: string }[] };

let both: BothPlatforms;
/** HF's trending order: the sample's papers, least upvoted first (not the order any daily list has). */
const TRENDING = Object.values(SAMPLE_LISTS).flat().reverse();
const idAt = (i: number) => (TRENDING[i]!.paper as { id: string }).id;
const titleAt = (i: number) => (TRENDING[i]!.paper as { title: string }).title;

beforeAll(async () => {
  both = await startBothPlatforms();
  both.d.hf.setTrending(TRENDING);
});
afterAll(async () => {
  await both?.close();
});

const buttons = (m: { body: Record<string, unknown> }) => ((m.body.components ?? []) as Row[]).flatMap((r) => r.components);

describe("/paper trending", () => {
  it("Discord: page 1, Next → page 2 of the trending list, Previous, Save from page 2", async () => {
    const { d } = both;
    const searchesBefore = d.hf.count("/api/papers/search");
    const page = await both.onDiscord("trending");
    expect(page.ephemeral).toBe(true);
    const text = discordText(page);
    expect(text).toContain(`Trending on Hugging Face now: 1–5 of ${TRENDING.length}`);
    expect(text).toContain(idAt(0));
    expect(text).toContain(idAt(4));
    expect(text).not.toContain(idAt(5));
    const next = buttons(page).find((b) => b.label.startsWith("Next"));
    expect(next?.custom_id).toBe("pb1:page:N:2:t");
    expect(buttons(page).find((b) => b.label.startsWith("◀"))).toBeUndefined();

    await d.fake.settled(d.fake.click(next!.custom_id, page, { user: d.fake.world.users.alice }));
    expect(page.edits).toBe(1);
    const second = discordText(page);
    expect(second).toContain(`Trending on Hugging Face now: 6–10 of ${TRENDING.length}`);
    expect(second).toContain(idAt(5));
    expect(second).not.toContain(idAt(0));
    expect(second).toContain("Page 2 of 7");
    // Paging never became a search.
    expect(d.hf.count("/api/papers/search")).toBe(searchesBefore);

    const save = buttons(page).find((b) => b.custom_id === `pb1:save:${idAt(6)}`);
    expect(save).toBeDefined();
    const saved = await d.fake.settled(d.fake.click(save!.custom_id, page, { user: d.fake.world.users.alice }));
    expect(JSON.stringify(saved)).toContain("Saved");
    const owner = { platform: "discord" as const, userId: d.fake.world.users.alice.id };
    expect((await d.app.deps.bookmarks.list(owner)).map((b) => b.paperId)).toEqual([idAt(6)]);

    const prev = buttons(page).find((b) => b.label.startsWith("◀"));
    expect(prev?.custom_id).toBe("pb1:page:P:1:t");
    await d.fake.settled(d.fake.click(prev!.custom_id, page, { user: d.fake.world.users.alice }));
    expect(discordText(page)).toContain("1–5 of");
  });

  it("Slack: page 1, Next › replaces it with page 2, Save from it", async () => {
    const { s } = both;
    const page = await both.onSlack("trending");
    expect(textOf(page)).toContain(`Trending on Hugging Face now: 1–5 of ${TRENDING.length}`);
    expect(textOf(page)).toContain(titleAt(0).slice(0, 30));
    expect(buttonsOf(page)).toContain("Next ›");
    expect(buttonsOf(page).filter((l) => l === "Save")).toHaveLength(5);

    await s.signer.click({ kind: "ephemeral", message: page }, "Next ›", { user: ALICE });
    await waitFor(() => page.replacements > 0, 5000, "page replaced");
    expect(textOf(page)).toContain(`6–10 of ${TRENDING.length}`);
    expect(textOf(page)).toContain(idAt(5));
    expect(buttonsOf(page)).toEqual(expect.arrayContaining(["‹ Previous", "Next ›"]));

    const before = s.fake.visibleTo(ALICE).length;
    await s.signer.click({ kind: "ephemeral", message: page }, "Save", { user: ALICE });
    await waitFor(() => s.fake.visibleTo(ALICE).slice(before).some((m) => textOf(m).includes("Saved")), 5000, "saved");
    expect(await bookmarkIds(s, ALICE, 1)).toEqual([idAt(5)]);
  });
});
