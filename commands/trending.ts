// /paper trending — Hugging Face's trending papers right now, privately, 5 per page with Next/Previous and a Save
// button each (paged like search; its buttons page the trending list, see the `page` Action's `list`).
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { trendingPage } from "../src/format/search-page.js";
import { trendingList } from "../src/hf/latest-list.js";

export const trendingCommand = defineCommand({
  name: "trending",
  description: "Hugging Face's trending papers right now, 5 per page",
  schema: z.object({}),
  examples: ["/paper trending"],
  async run(_args, { deps }) {
    return { visibility: "ephemeral", messages: trendingPage(await trendingList(deps.papers), 1) };
  },
});
