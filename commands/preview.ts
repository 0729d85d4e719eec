// /paper preview [kind] [top] [min_upvotes] [keywords] — privately, what a feed of this kind with these filters
// would post now. Anyone may use it, anywhere, the console included: the way to try a subscription without a
// chat platform. In a channel with a trending feed, papers it was already sent are left out, like the post.
import { z } from "zod";
import { defineCommand } from "../src/dispatch/define-command.js";
import { FEED_KINDS, MAX_TOP } from "../src/store/subscriptions.js";
import { previewFeed } from "./feed-preview.js";
import { MODE_WORDS } from "./posting-mode.js";
import { buildFeed } from "./subscribe.js";

export const previewCommand = defineCommand({
  name: "preview",
  description: "See privately what a daily, weekly, monthly or trending feed would post now",
  schema: z.object({
    kind: z.enum(FEED_KINDS).optional().describe("daily (default), weekly, monthly or trending"),
    top: z.number().int().min(1).max(MAX_TOP).optional().describe(`How many papers, 1–${MAX_TOP} (default 10)`),
    min_upvotes: z.number().int().min(0).max(100_000).optional().describe("Only papers with at least this many upvotes"),
    keywords: z.string().trim().max(300).optional().describe('Keywords, comma-separated; "-" excludes: diffusion, -survey'),
    organizations: z.string().trim().max(300).optional().describe("Only papers from these organisations, comma-separated"),
  }),
  greedy: "keywords",
  examples: ["/paper preview weekly 5", "/paper preview 5 0 diffusion, -survey", "/paper preview trending"],
  async run(args, ctx) {
    const { caller, deps } = ctx;
    const kind = args.kind ?? "daily";
    const channelId = caller.channelId ?? "preview";
    const sub = buildFeed(args, { platform: caller.platform, channelId, kind }, undefined, ctx);
    const sentBefore =
      kind === "trending" && caller.channelId && deps.subscriptions
        ? await deps.subscriptions.sentPapers({ platform: caller.platform, channelId: caller.channelId, kind })
        : new Set<string>();
    // The channel's own feed of this kind may post in another mode than one message per paper: say how.
    const own = caller.channelId && caller.platform !== "console" ? await deps.subscriptions?.get({ platform: caller.platform, channelId: caller.channelId, kind }) : undefined;
    const mode = own?.mode && own.mode !== "messages" ? ` (this channel's ${kind} feed posts in ${own.mode} mode: ${MODE_WORDS[own.mode]})` : "";
    return previewFeed(sub, ctx, { intro: `Preview of a feed${mode}:`, sentBefore });
  },
});
