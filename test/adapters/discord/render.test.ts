// render.ts is pure: hostile and oversized neutral messages must still produce payloads the fake Discord's
// validator (Discord's documented limits) accepts, that never ping and show paper text literally.
import { describe, expect, it } from "vitest";
import { createActionCodec } from "../../../adapters/discord/custom-id.js";
import { escapeText } from "../../../adapters/discord/markdown.js";
import { renderMessage, renderReply, type DiscordPayload } from "../../../adapters/discord/render.js";
import { bookmarksList } from "../../../src/format/bookmarks.js";
import { paperCard } from "../../../src/format/paper-card.js";
import { searchPage } from "../../../src/format/search-page.js";
import type { Action, OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";
import { checkMessage, wouldPingEveryone } from "../../fakes/fake-discord-limits.js";

const codec = createActionCodec();
const opts = { encode: codec.encode };

/** The JSON body discord.js would send for a payload. */
const body = (p: DiscordPayload) => ({
  content: p.content ?? "",
  embeds: p.embeds,
  components: p.components,
  allowed_mentions: { parse: p.allowedMentions.parse },
});

function expectAccepted(payloads: DiscordPayload[]) {
  for (const p of payloads) {
    expect(checkMessage(body(p), { hasFiles: Boolean(p.files) })).toEqual([]);
    expect(p.allowedMentions).toEqual({ parse: [] });
    expect(wouldPingEveryone(body(p))).toBe(false);
  }
}

const HOSTILE = "@everyone <@&123456789012345678> <@98765432109876543> @here **bold** __u__ ~~s~~ ||spoiler|| `code` [click](https://evil.example) # heading > quote";

function paper(over: Partial<Paper> = {}): Paper {
  return {
    id: "2401.01234",
    title: "A Paper",
    abstract: "An abstract.",
    authors: ["Ada Lovelace"],
    authorCount: 1,
    keywords: [],
    source: "hf",
    upvotes: 3,
    listDate: "2026-05-05",
    thumbnailUrl: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2401.01234.png",
    ...over,
  };
}

describe("render", () => {
  it("shows a paper card as an embed with title link, thumbnail and fields", () => {
    const p = renderMessage(paperCard(paper(), { actions: [{ kind: "save", paperId: "2401.01234" }] }), opts);
    expectAccepted([p]);
    const [embed] = p.embeds;
    expect(embed?.title).toBe("A Paper");
    expect(embed?.url).toBe("https://huggingface.co/papers/2401.01234");
    expect(embed?.thumbnail?.url).toContain("2401.01234.png");
    expect(embed?.fields?.map((f) => f.name)).toContain("Upvotes");
    expect(p.components[0]?.components[0]).toMatchObject({ label: "Save", custom_id: "pb1:save:2401.01234" });
  });

  it("escapes markdown and breaks mentions in paper text", () => {
    const p = renderMessage(paperCard(paper({ title: HOSTILE, abstract: HOSTILE, authors: [HOSTILE], keywords: [HOSTILE] })), opts);
    expectAccepted([p]);
    const text = JSON.stringify(p.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@&|<@\d/);
    expect(text).not.toContain("[click](https://evil.example)");
    expect(p.embeds[0]?.title).toContain("\\*\\*bold\\*\\*");
    expect(escapeText("||x||")).toBe("\\|\\|x\\|\\|");
  });

  it("keeps 5,000-character titles, 20,000-character abstracts and empty fields within every limit", () => {
    const huge = "W".repeat(5000);
    const message: OutgoingMessage = {
      title: huge,
      url: "https://example.org/x",
      thumbnailUrl: "javascript:alert(1)",
      blocks: [
        { kind: "text", spans: [{ text: "x ".repeat(10_000) }] },
        { kind: "fields", fields: Array.from({ length: 40 }, (_, i) => ({ label: i % 2 ? "" : huge, value: i % 3 ? "" : huge })) },
        { kind: "links", links: [{ label: huge, url: "https://example.org/(a)" }, { label: "bad", url: "javascript:alert(1)" }] },
        { kind: "context", spans: [{ text: huge, style: "bold" }, { text: huge, style: "code" }] },
      ],
      fallbackText: huge,
    };
    const [p] = renderReply([message, message, message], opts);
    expect(p).toBeDefined();
    expectAccepted(renderReply([message, message, message], opts));
    expect(p?.embeds[0]?.thumbnail).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain("javascript:");
  });

  it("shares the 6,000 characters of a message: short embeds stay whole, a long digest gets the rest", () => {
    const line = (i: number) => ({ kind: "text" as const, spans: [{ text: `${i}. ` }, { text: "A long paper title ".repeat(8), url: `https://huggingface.co/papers/2401.0${1000 + i}` }] });
    const digest: OutgoingMessage = { title: "Daily", blocks: Array.from({ length: 40 }, (_, i) => line(i)), fallbackText: "Daily" };
    const note: OutgoingMessage = { title: "Note", blocks: [{ kind: "context", spans: [{ text: "This list is still filling up." }] }], fallbackText: "Note" };
    const [p] = renderReply([digest, note], opts);
    expectAccepted(p ? [p] : []);
    expect(p?.embeds[1]?.description).toBe("This list is still filling up.");
    expect((p?.embeds[0]?.description ?? "").length).toBeGreaterThan(3000);
    expect(p?.embeds[0]?.description).toMatch(/\)\n…$/);
  });

  it("renders an empty message as something Discord accepts", () => {
    expectAccepted([renderMessage({ blocks: [], fallbackText: "" }, opts), renderMessage({ title: "", blocks: [{ kind: "fields", fields: [] }], fallbackText: "" }, opts)]);
  });

  it("packs a search page into one message: summary text, 5 cards, Save row and a paging row", () => {
    const papers = Array.from({ length: 12 }, (_, i) => paper({ id: `2401.0${1000 + i}`, title: `Paper ${i} ${"long ".repeat(80)}` }));
    const payloads = renderReply(searchPage("diffusion policy", papers, 2), opts);
    expect(payloads).toHaveLength(1);
    expectAccepted(payloads);
    const [p] = payloads;
    expect(p?.content).toContain("Results 6–10 of 12");
    expect(p?.components).toHaveLength(2);
    expect(p?.components[1]?.components.map((b) => ("label" in b ? b.label : ""))).toEqual(["◀ Previous", "Next ▶"]);
  });

  it("splits what cannot fit one message and never exceeds 10 embeds or 5 rows of 5 buttons", () => {
    const many: OutgoingMessage[] = Array.from({ length: 23 }, (_, i) => paperCard(paper({ id: `2401.0${2000 + i}` }), {
      actions: [{ kind: "save", paperId: `2401.0${2000 + i}` }, { kind: "post", paperId: `2401.0${2000 + i}` }],
    }));
    const payloads = renderReply(many, opts);
    expectAccepted(payloads);
    expect(payloads.reduce((n, p) => n + p.embeds.length, 0)).toBe(23);
    for (const p of payloads) {
      expect(p.embeds.length).toBeLessThanOrEqual(10);
      expect(p.components.length).toBeLessThanOrEqual(5);
    }
    const tooManyButtons: Action[] = Array.from({ length: 40 }, (_, i) => ({ kind: "save", paperId: `2401.0${3000 + i}` }));
    expectAccepted([renderMessage({ title: "t", blocks: [], fallbackText: "t", actions: tooManyButtons }, opts)]);
  });

  it("keeps every custom_id within 100 characters, even for a 250-character search query", () => {
    const query = "q".repeat(250);
    const papers = Array.from({ length: 12 }, (_, i) => paper({ id: `2401.0${4000 + i}` }));
    const [p] = renderReply(searchPage(query, papers, 1), opts);
    const ids = p?.components.flatMap((r) => r.components.map((b) => ("custom_id" in b ? b.custom_id : ""))) ?? [];
    expect(ids.every((id) => id.length >= 1 && id.length <= 100)).toBe(true);
    const next = ids.find((id) => id.startsWith("pb1:page"));
    expect(codec.decode(next ?? "")).toEqual({ kind: "action", action: { kind: "page", query, page: 2, label: "Next" } });
  });

  it("turns an attachment into a file and packs a bookmarks list with Mark read and Remove buttons", () => {
    const p = renderMessage(
      { blocks: [{ kind: "text", spans: [{ text: "Your export" }] }], fallbackText: "x", attachment: { filename: "b.bib", mimeType: "application/x-bibtex", content: "@misc{x}" } },
      opts,
    );
    expect(p.files?.[0]).toMatchObject({ name: "b.bib", contentType: "application/x-bibtex" });
    expect(p.files?.[0]?.attachment.toString()).toBe("@misc{x}");
    const list = bookmarksList(Array.from({ length: 12 }, (_, i) => ({ paperId: `2401.0${5000 + i}`, savedAt: new Date().toISOString(), paper: paper({ id: `2401.0${5000 + i}` }) })));
    const payloads = renderReply(list, opts);
    expect(payloads).toHaveLength(1);
    expectAccepted(payloads);
    const labels = payloads[0]?.components.flatMap((r) => r.components).map((b) => ("label" in b ? (b.label ?? "") : "")) ?? [];
    expect(labels.filter((l) => l.startsWith("Remove"))).toHaveLength(10);
    expect(labels.filter((l) => l.startsWith("Mark read"))).toHaveLength(10);
  });
});
