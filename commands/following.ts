// /paper following — what the caller follows (author, organization, keyword), privately, with how to change it.
import { z } from "zod";
import { MAX_FOLLOWS } from "../src/store/follows.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { normalizeWhitespace, truncate } from "../src/format/text.js";
import { followsOf } from "./follow.js";

export const followingCommand = defineCommand({
  name: "following",
  description: "What you follow: your DM alerts for authors, organizations and keywords",
  schema: z.object({}),
  examples: ["/paper following"],
  async run(_args, ctx) {
    const follows = await followsOf(ctx).list(ctx.caller);
    if (follows.length === 0) {
      return textReply("You don't follow anything yet. Try: /paper follow keyword diffusion — you'll get one DM per new daily list with matching papers.");
    }
    const lines = follows.map((f) => `• ${f.type} "${truncate(normalizeWhitespace(f.value), 100)}"`);
    const text = [
      `You follow ${follows.length} of at most ${MAX_FOLLOWS}. Each new daily list with matching papers sends you one DM.`,
      ...lines,
      "/paper unfollow <type> <value> stops one.",
    ].join("\n");
    return textReply(text);
  },
});
