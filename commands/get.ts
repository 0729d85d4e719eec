// /paper get <id or URL> — one paper card, privately, with Save and "Post to channel".
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { paperCard } from "../src/format/paper-card.js";
import { truncate } from "../src/format/text.js";
import { withLiveCounts } from "../src/hf/live-counts.js";
import { parsePaperRef } from "../src/ids.js";
import type { Action } from "../src/message.js";
import { SEARCH_LIMIT } from "./search.js";

export const getCommand = defineCommand({
  name: "get",
  description: "Show one paper by arXiv id or link",
  schema: z.object({
    id: z
      .string({ error: "Give me a paper id or link." })
      .trim()
      .min(1, "Give me a paper id or link.")
      .describe("arXiv id or link: 2511.07327, arxiv.org/abs/…, huggingface.co/papers/…"),
  }),
  greedy: "id",
  examples: ["/paper get 2511.07327", "/paper get https://arxiv.org/abs/2511.07327", "/paper get https://huggingface.co/papers/2511.07327"],
  autocomplete: {
    async id(partial, { deps }) {
      const text = partial.trim();
      if (text.length < 3) return [];
      try {
        const { id } = parsePaperRef(text);
        return [{ name: id, value: id }];
      } catch {
        const papers = await deps.papers.search(text.slice(0, 250), SEARCH_LIMIT);
        return papers.map((p) => ({ name: truncate(`${p.title} (${p.id})`, 100), value: p.id }));
      }
    },
  },
  async run({ id }, { caller, deps }) {
    const ref = parsePaperRef(id);
    // The detail has no comment count: the paper's list entry (short-cached) supplies it for the discussion link.
    const paper = await withLiveCounts(deps.papers, await deps.papers.paper(ref.id), deps.log);
    const actions: Action[] = [{ kind: "save", paperId: paper.id }];
    if (caller.channelId && caller.platform !== "console") actions.push({ kind: "post", paperId: paper.id });
    return { visibility: "ephemeral", messages: [paperCard(paper, { actions })] };
  },
});
