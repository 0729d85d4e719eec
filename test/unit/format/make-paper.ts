// Test helpers for the format tests: a realistic paper with overrides, and a walker over every string a
// message carries (hostile-input checks look at all of them).
import type { OutgoingMessage } from "../../../src/message.js";
import type { Paper } from "../../../src/paper.js";

export function makePaper(overrides: Partial<Paper> = {}): Paper {
  return {
    id: "2509.04664",
    title: "Why Language Models Hallucinate",
    abstract:
      "Like students facing hard exam questions, large language models sometimes guess when uncertain. " +
      "Such hallucinations persist even in state-of-the-art systems. We argue that they originate as errors in binary classification.",
    authors: ["Adam Tauman Kalai", "Ofir Nachum", "Santosh S. Vempala", "Edwin Zhang"],
    authorCount: 4,
    organization: "OpenAI",
    listDate: "2025-09-08",
    upvotes: 26,
    githubRepo: "https://github.com/example/repo",
    githubStars: 1234,
    aiSummary: "Language models hallucinate because training and evaluation reward guessing over admitting uncertainty.",
    keywords: ["hallucination", "evaluation", "calibration"],
    thumbnailUrl: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2509.04664.png",
    source: "hf",
    ...overrides,
  };
}

/** Every human-readable string in a message: title, fallback, spans, fields, link labels. */
export function allTexts(m: OutgoingMessage): string[] {
  const out = [m.title ?? "", m.fallbackText];
  for (const b of m.blocks) {
    if (b.kind === "text" || b.kind === "context") out.push(...b.spans.map((s) => s.text));
    if (b.kind === "fields") out.push(...b.fields.flatMap((f) => [f.label, f.value]));
    if (b.kind === "links") out.push(...b.links.map((l) => l.label));
  }
  return out;
}

/** Every URL in a message. */
export function allUrls(m: OutgoingMessage): string[] {
  const out = [m.url, m.thumbnailUrl].filter((u): u is string => u !== undefined);
  for (const b of m.blocks) {
    if (b.kind === "text" || b.kind === "context") for (const s of b.spans) if ("url" in s) out.push(s.url);
    if (b.kind === "links") out.push(...b.links.map((l) => l.url));
  }
  return out;
}

/** What a reader sees, one line per block: the title, then each block's spans run together. */
export function visibleText(m: OutgoingMessage): string {
  const lines = m.title ? [m.title] : [];
  for (const b of m.blocks) {
    if (b.kind === "text" || b.kind === "context") lines.push(b.spans.map((s) => s.text).join(""));
    if (b.kind === "fields") lines.push(b.fields.map((f) => `${f.label}: ${f.value}`).join(" | "));
    if (b.kind === "links") lines.push(b.links.map((l) => l.label).join(" · "));
  }
  return lines.join("\n");
}
