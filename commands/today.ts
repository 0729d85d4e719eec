// /paper today [date] — the daily list of the latest closed date (skipping empty weekend lists), or of a date.
import { z } from "zod";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { isListClosed, parseListDate } from "../src/time/dates.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { dailyDigest } from "../src/format/daily-list.js";

export const todayCommand = defineCommand({
  name: "today",
  description: "The latest Daily Papers list, or the list of a date",
  schema: z.object({
    date: z.string().trim().max(40).optional().describe("A date like 2026-05-04 (default: the latest finished list)"),
  }),
  examples: ["/paper today", "/paper today 2026-05-04"],
  async run({ date }, { deps }) {
    const now = deps.now();
    let day: string;
    let papers;
    if (date) {
      day = parseListDate(date, now);
      papers = await deps.papers.daily(day);
    } else {
      ({ date: day, papers } = await latestClosedDateWithPapers(now, deps.papers));
    }
    const messages = [dailyDigest(day, papers)];
    if (!isListClosed(day, now)) {
      const note = "This list is still filling up — it is final after 21:30 New York time.";
      messages.push({ blocks: [{ kind: "context", spans: [{ text: note }] }], fallbackText: note });
    }
    return { visibility: "ephemeral", messages };
  },
});
