// /paper foryou [count] — a private list picked from the last 30 closed Daily Papers lists by similarity to the
// caller's bookmarks (src/recommend/), each with Save and Not for me buttons.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { forYouMessages } from "../src/format/foryou.js";
import { POOL_DAYS } from "../src/recommend/candidate-pool.js";
import { rankForUser } from "../src/recommend/for-user.js";

export const FORYOU_DEFAULT = 5;
export const FORYOU_MAX = 10;

const countError = `Pick a count from 1 to ${FORYOU_MAX}, like /paper foryou 5.`;

export const foryouCommand = defineCommand({
  name: "foryou",
  description: "Recent papers picked for you from your bookmarks",
  schema: z.object({
    count: z
      .number({ error: countError })
      .int(countError)
      .min(1, countError)
      .max(FORYOU_MAX, countError)
      .default(FORYOU_DEFAULT)
      .describe(`How many papers, 1–${FORYOU_MAX} (default ${FORYOU_DEFAULT})`),
  }),
  examples: ["/paper foryou", "/paper foryou 10"],
  async run({ count }, { caller, deps }) {
    const owner = { platform: caller.platform, userId: caller.userId };
    const pool = await deps.candidatePool.current(deps.papers, deps.now());
    const ranked = await rankForUser(deps, owner, pool, count);
    return { visibility: "ephemeral", messages: forYouMessages(ranked, POOL_DAYS) };
  },
});
