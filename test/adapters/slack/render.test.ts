// render.ts is pure: these tests feed it the core's real paper cards (and deliberately hostile messages) and
// check the result against Slack's limits with the fake's independent validator, and that nothing pings.
import { describe, expect, it } from "vitest";
import { paperCard } from "../../../src/format/paper-card.js";
import { searchPage } from "../../../src/format/search-page.js";
import type { OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";
import { decodeAction } from "../../../adapters/slack/action-codec.js";
import { escapeAndFit, escapeMrkdwn, mrkdwnLink } from "../../../adapters/slack/mrkdwn.js";
import { renderHomeView, renderMessage, renderMessages, renderSnippet } from "../../../adapters/slack/render.js";
import { assertValidSlackMessage, blockProblems, countPings } from "../../fakes/fake-slack-validate.js";
import { buttonsOf, textOf } from "./harness.js";

const HOSTILE = "<!channel> <!here|here> <!everyone> <@U0VICTIM> <!subteam^S123> <https://evil.example|click me> & @here";

function paper(overrides: Partial<Paper> = {}): Paper {
  return {
    id: "2509.04664",
    title: "Why Language Models Hallucinate",
    abstract: "We explain why.",
    authors: ["Ada Lovelace"],
    authorCount: 1,
    keywords: [],
    source: "hf",
    ...overrides,
  };
}

function expectSafe(rendered: { text: string; blocks: unknown[] }, maxBlocks?: number): void {
  assertValidSlackMessage(rendered, maxBlocks);
  expect(countPings(rendered)).toBe(0);
}

describe("escaping", () => {
  it("escapes exactly & < > and nothing else", () => {
    expect(escapeMrkdwn(`a & b <c> "d" 'e' *f*`)).toBe(`a &amp; b &lt;c&gt; "d" 'e' *f*`);
  });

  it("never cuts inside an escape entity or a surrogate pair", () => {
    const cut = escapeAndFit("&&&&&&&&&&", 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).toMatch(/^(&amp;)*…$/);
    const emoji = escapeAndFit("😀😀😀😀😀", 6);
    expect(emoji).toBe("😀😀…");
  });

  it("links: label escaped, `|` removed, only http(s)", () => {
    expect(mrkdwnLink("https://arxiv.org/abs/1?a=1&b=2", "a|b <c>")).toBe("<https://arxiv.org/abs/1?a=1&amp;b=2|a b &lt;c&gt;>");
    expect(mrkdwnLink("javascript:alert(1)", "x")).toBe("x");
    expect(mrkdwnLink("https://x.test/a|b>c", "x")).not.toMatch(/\|b|>c/);
  });
});

describe("paper cards", () => {
  it("a normal card keeps its title link, facts and buttons", () => {
    const card = paperCard(paper({ upvotes: 42, listDate: "2025-09-08" }), { actions: [{ kind: "save", paperId: "2509.04664" }, { kind: "post", paperId: "2509.04664" }] });
    const out = renderMessage(card);
    expectSafe(out);
    expect(textOf(out)).toContain("<https://huggingface.co/papers/2509.04664|Why Language Models Hallucinate>");
    expect(textOf(out)).toContain("42");
    expect(buttonsOf(out)).toEqual(["Save", "Post to channel"]);
  });

  it("hostile paper data pings nobody and stays within every limit", () => {
    const hostile = paper({
      title: `${HOSTILE} `.repeat(20).slice(0, 600),
      abstract: `${HOSTILE} `.repeat(400).slice(0, 20_000),
      aiSummary: HOSTILE,
      authors: [HOSTILE, "", "<@U1>"],
      authorCount: 3,
      organization: HOSTILE,
      keywords: [HOSTILE, "<!channel>"],
      projectPage: "https://x.test/<!channel>|<@U1>",
      githubRepo: "javascript:alert(1)",
    });
    const out = renderMessage(paperCard(hostile, { actions: [{ kind: "save", paperId: hostile.id }] }));
    expectSafe(out);
    const text = textOf(out);
    expect(text).not.toMatch(/<!|<@/);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<https://evil.example");
  });

  it("empty fields produce no empty text objects", () => {
    const out = renderMessage(paperCard(paper({ title: "", abstract: "", authors: [], authorCount: 0 })));
    expectSafe(out);
  });

  it("a raw message with huge spans and 40 fields is cut, never rejected", () => {
    const message: OutgoingMessage = {
      title: "t".repeat(10_000),
      blocks: [
        { kind: "text", spans: [{ text: "x".repeat(50_000) }, { text: "never shown", style: "bold" }] },
        { kind: "text", spans: [{ text: "   ", style: "bold" }] },
        { kind: "fields", fields: Array.from({ length: 40 }, (_, i) => ({ label: `L${i}`, value: "&".repeat(3000) })) },
        { kind: "links", links: Array.from({ length: 200 }, (_, i) => ({ label: `link ${i}`, url: `https://arxiv.org/abs/${i}` })) },
        { kind: "context", spans: [{ text: "<".repeat(5000) }] },
      ],
      fallbackText: "f".repeat(100_000),
    };
    const out = renderMessage(message);
    expectSafe(out);
    expect(out.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("lists and limits", () => {
  it("a search page keeps Next on the last line and round-trips its Action", () => {
    const papers = Array.from({ length: 12 }, (_, i) => paper({ id: `2509.${10000 + i}`, title: `Paper ${i}` }));
    const out = renderMessages(searchPage("diffusion", papers, 1));
    expectSafe(out);
    const buttons = buttonsOf(out);
    expect(buttons.filter((b) => b === "Save")).toHaveLength(5);
    expect(buttons.at(-1)).toBe("Next ›");
    const next = (out.blocks.at(-1) as { elements: { value: string }[] }).elements[0];
    expect(decodeAction(next?.value)).toEqual({ kind: "page", query: "diffusion", page: 2, label: "Next" });
  });

  it("200 messages fit in 50 blocks with a 'more not shown' line and the navigation kept", () => {
    const many: OutgoingMessage[] = Array.from({ length: 200 }, (_, i) => paperCard(paper({ id: `2509.${10000 + i}` }), { actions: [{ kind: "save", paperId: `2509.${10000 + i}` }] }));
    many.push({ blocks: [{ kind: "text", spans: [{ text: "Page 1 of 40" }] }], fallbackText: "Page 1 of 40", actions: [{ kind: "page", query: "q", page: 2, label: "Next" }] });
    const out = renderMessages(many);
    expectSafe(out);
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(out)).toMatch(/\d+ more items not shown/);
    expect(buttonsOf(out).at(-1)).toBe("Next ›");
  });

  it("one message with 80 paragraphs is cut to 50 blocks, buttons kept", () => {
    const big: OutgoingMessage = {
      blocks: Array.from({ length: 80 }, (_, i) => ({ kind: "text" as const, spans: [{ text: `para ${i}` }] })),
      fallbackText: "big",
      actions: [{ kind: "save", paperId: "2509.04664" }],
    };
    const out = renderMessage(big);
    expectSafe(out);
    expect(out.blocks).toHaveLength(50);
    expect(buttonsOf(out)).toEqual(["Save"]);
  });

  it("an over-long query makes no button rather than an invalid one", () => {
    const out = renderMessage({ blocks: [], fallbackText: "x", actions: [{ kind: "page", query: "q".repeat(5000), page: 2, label: "Next" }] });
    expectSafe(out);
    expect(buttonsOf(out)).toEqual([]);
  });

  it("the Home view stays within 100 blocks", () => {
    const list = Array.from({ length: 60 }, (_, i) => paperCard(paper({ id: `2509.${10000 + i}`, title: HOSTILE }), { compact: true, actions: [{ kind: "unsave", paperId: `2509.${10000 + i}` }] }));
    const view = renderHomeView("Your reading list", list);
    expect(blockProblems(view.blocks, 100)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(countPings({ blocks: view.blocks })).toBe(0);
  });

  it("is pure: the same input renders the same output", () => {
    const card = paperCard(paper(), { actions: [{ kind: "save", paperId: "2509.04664" }] });
    expect(renderMessage(card)).toEqual(renderMessage(structuredClone(card)));
  });
});

describe("exports", () => {
  it("a short export becomes an escaped code block; a long one does not fit", () => {
    const small = renderSnippet({ filename: "b.bib", mimeType: "application/x-bibtex", content: "@misc{a, title={<!channel> & ```}}" });
    expect(small).toBeDefined();
    if (small) expectSafe(small);
    expect(textOf(small ?? { blocks: [] })).toContain("&lt;!channel&gt; &amp;");
    expect(renderSnippet({ filename: "b.md", mimeType: "text/markdown", content: "x".repeat(5000) })).toBeUndefined();
  });
});
