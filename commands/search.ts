// /paper search <query> — Hugging Face paper search, 5 per page with Next/Previous and a Save button each.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { searchPage } from "../src/format/search-page.js";

/** Hugging Face caps search at 120 results; fetching them once lets paging reuse the cached answer. */
export const SEARCH_LIMIT = 120;

export const searchCommand = defineCommand({
  name: "search",
  description: "Search Hugging Face papers",
  schema: z.object({
    query: z
      .string({ error: "Tell me what to search for." })
      .trim()
      .min(1, "Tell me what to search for.")
      .max(250, "Search queries can be at most 250 characters.")
      .describe("What to search for, e.g. diffusion policy"),
  }),
  greedy: "query",
  examples: ["/paper search diffusion policy"],
  async run({ query }, { deps }) {
    const results = await deps.papers.search(query, SEARCH_LIMIT);
    return { visibility: "ephemeral", messages: searchPage(query, results, 1) };
  },
});
