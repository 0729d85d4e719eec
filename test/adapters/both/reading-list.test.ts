// End to end on both platforms at once — the real discord.js client and the real Bolt app against the fakes,
// two cores over one SQLite file (like two deployments sharing STORE_URL): a link code shown on Discord is
// redeemed on Slack and the reading lists unite, Mark read and `bookmarks unread` work from either side, tags
// filter, unlink leaves both sides with everything, and every export delivered (Discord attachment, Slack
// snippet or DM upload) parses back with its format's parser.
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import { parse as parseCsv } from "csv-parse/sync";
import { marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discordText, startBothPlatforms, type BothPlatforms } from "./harness.js";
import { ALICE, buttonsOf, textOf, waitFor } from "../slack/harness.js";

let both: BothPlatforms;
let d: BothPlatforms["d"];
let s: BothPlatforms["s"];
beforeAll(async () => {
  both = await startBothPlatforms();
  ({ d, s } = both);
});
afterAll(async () => {
  await both?.close();
});

const onDiscord = (sub: string, options?: Record<string, string>) => both.onDiscord(sub, options);
const onSlack = (text: string) => both.onSlack(text);

describe("one person, two platforms", () => {
  it("links with a code from Discord redeemed on Slack, unites the lists, and unlink leaves both with everything", async () => {
    const card = await onDiscord("get", { id: "2509.04664" });
    const save = (card.body.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => /^Save/.test(b.label));
    await d.fake.settled(d.fake.click(save!.custom_id, card, { user: d.fake.world.users.alice }));
    const slackCard = await onSlack("get 2509.99901");
    await s.signer.click({ kind: "ephemeral", message: slackCard }, "Save");
    await waitFor(() => s.fake.visibleTo(ALICE).some((m) => textOf(m).includes("Saved")));

    const wrong = await onSlack("link ZZZZZ-ZZZZZ");
    expect(textOf(wrong)).toContain("That code is wrong, already used or expired");
    const issued = String((await onDiscord("link")).body.content);
    const code = /([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(issued)?.[1];
    expect(issued).toContain("valid for 10 minutes");
    expect(code).toBeDefined();
    expect(textOf(await onSlack(`link ${code}`))).toContain("Linked with your Discord account");
    // The code was single use.
    expect(textOf(await onSlack(`link ${code}`))).toContain("already linked");

    const slackList = textOf(await onSlack("bookmarks"));
    const discordList = discordText(await onDiscord("bookmarks"));
    for (const list of [slackList, discordList]) {
      expect(list).toContain("Your 2 bookmarks");
      expect(list).toContain("Why Language Models Hallucinate");
    }

    expect(textOf(await onSlack("unlink"))).toContain("Unlinked from your Discord account");
    expect(discordText(await onDiscord("bookmarks"))).toContain("Your 2 bookmarks");
    expect(textOf(await onSlack("bookmarks"))).toContain("Your 2 bookmarks");
    expect(discordText(await onDiscord("unlink"))).toContain("isn't linked");
  });

  it("Mark read on Slack, then the unread list; tags filter on Discord", async () => {
    const list = await onSlack("bookmarks");
    expect(buttonsOf(list).filter((l) => l === "Mark read")).toHaveLength(2);
    await s.signer.click({ kind: "ephemeral", message: list }, "Mark read");
    await waitFor(() => list.replacements > 0 && buttonsOf(list).filter((l) => l === "Mark read").length === 1, 5000, "list replaced");
    expect(textOf(list)).toContain("✓ read");
    const unread = textOf(await onSlack("bookmarks unread"));
    expect(unread).toContain("Your 1 unread bookmark");

    // Unlinked, Discord keeps its own reading state: Mark read there edits the private list in place.
    const discordList = await onDiscord("bookmarks", { format: "unread" });
    const markRead = (discordList.body.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => b.label.startsWith("Mark read"));
    expect(markRead?.custom_id).toMatch(/^pb1:read:/);
    await d.fake.settled(d.fake.click(markRead!.custom_id, discordList, { user: d.fake.world.users.alice }));
    expect(discordList.edits).toBe(1);
    expect(discordText(discordList)).toContain("Your 2 bookmarks");
    expect(discordText(await onDiscord("bookmarks", { format: "unread" }))).toContain("Your 1 unread bookmark");

    expect(String((await onDiscord("tag", { id: "2509.04664", tag: "Robotics" })).body.content)).toContain("Tagged");
    expect(String((await onDiscord("tag", { id: "2509.99999", tag: "robotics" })).body.content)).toContain("isn't in your bookmarks");
    expect(String((await onDiscord("tag", { id: "2509.04664", tag: "no spaces!" })).body.content)).toContain("A tag is one word");
    const tagged = discordText(await onDiscord("bookmarks", { tag: "robotics" }));
    expect(tagged).toContain("Your 1 bookmark tagged robotics");
    expect(tagged).toContain("Why Language Models Hallucinate");
  });
});

/** Each export as a parser of its format reads it: the titles it holds. */
const PARSERS: Record<string, (content: string) => string[]> = {
  bibtex: (c) => (new Cite(c).data as { title: string }[]).map((e) => e.title),
  ris: (c) => (new Cite(c, { forceType: "@ris/file" }).data as { title: string }[]).map((e) => e.title),
  csljson: (c) => (new Cite(JSON.parse(c)).data as { title: string }[]).map((e) => e.title),
  csv: (c) => (parseCsv(c, { bom: true, columns: true }) as { title: string }[]).map((r) => r.title),
  markdown: (c) => marked.lexer(c).flatMap((t) => (t.type === "heading" && t.depth === 2 ? [t.text.replace(/^\[(.*)\]\(.*\)$/, "$1")] : [])),
};

describe("every export round-trips through its parser on both platforms", () => {
  it.each(Object.keys(PARSERS))("%s", async (format) => {
    const expected = (await d.app.deps.bookmarks.list({ platform: "discord", userId: d.fake.world.users.alice.id })).map((b) => b.paper.title).sort();
    expect(expected).toHaveLength(2);
    const attached = await onDiscord("bookmarks", { format });
    expect(attached.files).toHaveLength(1);
    expect(PARSERS[format]!(attached.files[0]!.content).sort()).toEqual(expected);

    const reply = await onSlack(`bookmarks ${format}`);
    let content: string;
    if (textOf(reply).includes("direct message")) {
      content = (await waitFor(() => [...s.fake.state.files.values()].reverse().find((f) => f.filename.endsWith(attached.files[0]!.name.slice(-4))))).content ?? "";
    } else {
      const snippet = /```\n([\s\S]*)\n```/.exec(textOf(reply))?.[1] ?? "";
      content = snippet.replace(/`\u200b``/g, "```").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    }
    expect(PARSERS[format]!(content).sort()).toEqual(expected);
  });
});
