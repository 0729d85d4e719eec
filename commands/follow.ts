// /paper follow <author|organization|keyword> <value> and /paper unfollow … — personal alerts by DM: when a newly
// closed daily list has papers matching what someone follows, they get one DM naming them all and why each
// matched (src/alerts/job.ts). Private and open to everyone; following twice is harmless.
import { z } from "zod";
import { FOLLOW_TYPES, MAX_FOLLOWS, MAX_FOLLOW_VALUE, type FollowRepo, type FollowType } from "../src/store/follows.js";
import { matchFollows } from "../src/alerts/match.js";
import { UserError, UpstreamError } from "../src/errors.js";
import { defineCommand, type CommandContext } from "../src/dispatch/define-command.js";
import { followAlert } from "../src/format/follow-alert.js";
import { latestClosedDateWithPapers } from "../src/hf/latest-list.js";
import { textReply, type OutgoingMessage, type Reply } from "../src/message.js";
import { formatListDate } from "../src/time/dates.js";

const TYPE_HELP = "You can follow an author, an organization or a keyword (type one of those three words first).";
const VALUE_HELP = "Please say who or what to follow.";

export const followArgs = z.object({
  type: z.enum(FOLLOW_TYPES, { error: TYPE_HELP }).describe("What to follow: author, organization or keyword"),
  value: z
    .string({ error: VALUE_HELP })
    .transform((v) => v.replace(/["“”]/g, "").replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, { error: VALUE_HELP })
        .max(MAX_FOLLOW_VALUE, { error: `That's too long to follow — keep it under ${MAX_FOLLOW_VALUE} characters.` }),
    )
    .describe("The author's name, the organization, or a word or phrase"),
});

/** The follow repository, or a plain explanation when this paperboy stores none. */
export function followsOf(ctx: CommandContext): FollowRepo {
  if (!ctx.deps.follows) throw new UserError("no_follows", "Follow alerts aren't available in this paperboy.");
  return ctx.deps.follows;
}

const label = (type: FollowType, value: string) => `${type} "${value}"`;

/** What the latest closed list would have sent: a count line (and, in the terminal, the alert itself). */
async function latestListNote(ctx: CommandContext): Promise<OutgoingMessage[]> {
  const { caller, deps } = ctx;
  try {
    const follows = await followsOf(ctx).list(caller);
    const { date, papers } = await latestClosedDateWithPapers(deps.now(), deps.papers);
    const matches = matchFollows(papers, follows);
    const when = formatListDate(date);
    if (matches.length === 0) return [textReply(`Nothing you follow is on the latest list (${when}).`).messages[0]!];
    const line = `On the latest list (${when}) your follows match ${matches.length} paper${matches.length === 1 ? "" : "s"}; this is the DM you would have got:`;
    const intro = textReply(line).messages[0]!;
    return caller.platform === "console" ? [intro, followAlert(date, matches)] : [textReply(line.replace(/; this is.*$/, ".")).messages[0]!];
  } catch (err) {
    // The follow is saved either way: Hugging Face being down only costs the preview line.
    if (!(err instanceof UpstreamError)) throw err;
    return [];
  }
}

export const followCommand = defineCommand({
  name: "follow",
  description: "Get a DM when an author, organization or keyword is on a new daily list",
  schema: followArgs,
  greedy: "value",
  examples: ["/paper follow keyword diffusion", '/paper follow author "Jane Doe"', "/paper follow organization nvidia"],
  async run({ type, value }, ctx): Promise<Reply> {
    if (type === "keyword" && value.startsWith("-")) {
      throw new UserError("bad_argument", "A follow alert needs a word or phrase to look for, not an exclusion (no leading -).");
    }
    const outcome = await followsOf(ctx).add(ctx.caller, type, value);
    if (outcome === "full") {
      throw new UserError(
        "too_many_follows",
        `You already follow ${MAX_FOLLOWS} things, the most paperboy keeps. /paper following lists them; /paper unfollow removes one.`,
      );
    }
    if (outcome === "added") ctx.deps.log.info({ platform: ctx.caller.platform, userId: ctx.caller.userId, type }, "follow added");
    const head =
      outcome === "added"
        ? `Following ${label(type, value)}. When a new daily list has matching papers, you'll get one DM naming them all.`
        : `You already follow ${label(type, value)}; nothing changed.`;
    const note = outcome === "added" ? await latestListNote(ctx) : [];
    return { visibility: "ephemeral", messages: [textReply(head).messages[0]!, ...note] };
  },
});

export const unfollowCommand = defineCommand({
  name: "unfollow",
  description: "Stop the DM alerts for an author, organization or keyword",
  schema: followArgs,
  greedy: "value",
  examples: ["/paper unfollow keyword diffusion", '/paper unfollow author "Jane Doe"'],
  async run({ type, value }, ctx) {
    const removed = await followsOf(ctx).remove(ctx.caller, type, value);
    return textReply(
      removed
        ? `Unfollowed ${label(type, value)}: no more alerts for it.`
        : `You don't follow ${label(type, value)}, so there was nothing to stop. /paper following lists what you follow.`,
    );
  },
});
