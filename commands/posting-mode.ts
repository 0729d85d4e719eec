// Posting modes in feed commands: which channel a feed command is about (typed inside a post of a Discord forum, it
// is the forum itself — a forum has no message box of its own), whether the mode asked for can work there, and how
// /paper settings names it. Every refusal is a private reply in plain words, and nothing saved changes.
import { UserError } from "../src/errors.js";
import type { CommandContext } from "../src/dispatch/define-command.js";
import type { ChannelKind } from "../src/ports.js";
import { postingMode, type PostingMode, type Subscription } from "../src/store/subscriptions.js";
import { channelOf } from "./subscribe.js";

export const MODE_WORDS: Record<PostingMode, string> = {
  messages: "one message per paper",
  thread: "a header in the channel, the papers in its thread",
  forum: "one forum post per paper, tagged with its organisation and keywords",
};

/** "Posting mode: thread (a header in the channel, the papers in its thread)." */
export const describeMode = (sub: Pick<Subscription, "mode">) => {
  const mode = postingMode(sub);
  return `Posting mode: ${mode} (${MODE_WORDS[mode]}).`;
};

/** The channel a feed command is about, and its kind (a post of a forum stands for its forum). */
export async function feedChannelOf(ctx: CommandContext): Promise<{ channelId: string; kind: ChannelKind }> {
  const id = channelOf(ctx);
  // A channel paperboy cannot look at is taken as text, as before posting modes: delivery reports it if it can't post.
  const kind =
    (await ctx.deps.channelKind?.(ctx.caller.platform, id).catch((err: unknown) => {
      ctx.deps.log.warn({ err: err instanceof Error ? err.message : String(err), channelId: id }, "could not tell the channel's kind");
      return undefined;
    })) ?? { kind: "text" as const };
  if (kind.kind === "thread" && kind.forumId) return { channelId: kind.forumId, kind: { kind: "forum" } };
  return { channelId: id, kind };
}

/** The mode a feed gets: the one asked for, else the feed's own, else the channel's natural one. Throws when it can't work there. */
export function chooseMode(ctx: CommandContext, asked: PostingMode | undefined, existing: Subscription | undefined, kind: ChannelKind): PostingMode {
  const mode = asked ?? existing?.mode ?? (kind.kind === "forum" ? "forum" : "messages");
  if (mode === "forum" && ctx.caller.platform !== "discord") {
    throw new UserError(
      "bad_mode",
      "mode=forum is for Discord forum channels, and Slack has none. For a quiet channel use mode=thread: a header here, with the papers in its thread.",
    );
  }
  if (mode === "forum" && kind.kind !== "forum") {
    throw new UserError(
      "bad_mode",
      "This isn't a forum channel, so it can't take mode=forum. Run /paper subscribe mode=forum inside a post of the forum that should get the papers, or use mode=thread here for a quiet channel.",
    );
  }
  if (mode !== "forum" && kind.kind === "forum") {
    throw new UserError(
      "bad_mode",
      `A forum channel takes only posts, so mode=${mode} can't work here. Use mode=forum: one post per paper, tagged with its organisation and keywords.`,
    );
  }
  if (mode === "thread" && kind.kind === "thread") {
    throw new UserError(
      "bad_mode",
      "This is a thread, and Discord can't open a thread inside a thread. Use mode=messages here, or run /paper subscribe mode=thread in the channel itself.",
    );
  }
  return mode;
}
