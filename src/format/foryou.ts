// /paper foryou as messages: a header, then one compact card per recommendation saying why it is there
// ("like “X”, which you saved") with Save and Not for me buttons. Titles are untrusted plain text like
// everywhere else; adapters escape them.
import type { OutgoingMessage } from "../message.js";
import type { RankedForUser } from "../recommend/for-user.js";
import { COLD_START_BOOKMARKS } from "../recommend/for-user.js";
import { paperCard, paperTitle } from "./paper-card.js";
import { truncate } from "./text.js";

/** Characters of a saved paper's title quoted in a "like …" line. */
const REASON_TITLE_CHARS = 120;

function text(kind: "text" | "context", line: string): OutgoingMessage {
  return { blocks: [{ kind, spans: [{ text: line }] }], fallbackText: line };
}

export function forYouMessages({ coldStart, recommendations }: RankedForUser, poolDays: number): OutgoingMessage[] {
  if (recommendations.length === 0) {
    return [text("text", `There are no papers from the last ${poolDays} days' lists left to suggest. Try again after the next list closes.`)];
  }
  const header = coldStart
    ? `The most upvoted papers of the last ${poolDays} days. Bookmark papers you like with 🔖 or Save; from ${COLD_START_BOOKMARKS} bookmarks on, this list is picked for you.`
    : `Picked for you from the last ${poolDays} days of Daily Papers, by similarity to your bookmarks.`;
  const messages = [text("text", header)];
  for (const { paper, because } of recommendations) {
    const card = paperCard(paper, { compact: true, actions: [{ kind: "save", paperId: paper.id }, { kind: "dismiss", paperId: paper.id }] });
    if (because) {
      const reason = [{ text: "Like " }, { text: truncate(paperTitle(because), REASON_TITLE_CHARS), style: "italic" as const }, { text: ", which you saved" }];
      // Into the card's facts line rather than a block of its own: ten cards must fit Slack's 50 blocks.
      const facts = card.blocks[0];
      if (facts?.kind === "context") facts.spans = [...reason, { text: " · " }, ...facts.spans];
      else card.blocks.unshift({ kind: "context", spans: reason });
      card.fallbackText = `${card.fallbackText} (like “${truncate(paperTitle(because), REASON_TITLE_CHARS)}”, which you saved)`;
    }
    // Likewise the abstract preview becomes the second line of that block (title, one block, buttons per card).
    const [first, second] = card.blocks;
    if (first?.kind === "context" && second?.kind === "text") {
      first.spans = [...first.spans, { text: "\n" }, ...second.spans];
      card.blocks.splice(1, 1);
    }
    messages.push(card);
  }
  return messages;
}
