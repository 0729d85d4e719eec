// Posting in a channel always goes through here so that every paper message paperboy posts — daily posts and
// "Post to channel" alike — is recorded (platform, channel, message) → paper, which is what makes 🔖 work.
// Delivery also records, through recordPost, a message it found already posted after a crash or a lost answer.
// A paper message gets its 🔖 affordance (adapter.seedReaction) right after posting, unless the caller defers it:
// a delivery pass seeds every 🔖 only once all its paper messages are out (reaction-queue.ts).
import type { OutgoingMessage } from "./message.js";
import type { ChatAdapter, Platform, PostOptions, PostedRef } from "./ports.js";
import type { Paper } from "./paper.js";
import { DEFAULT_REFRESH_DAYS, type LiveVotesRepo } from "./store/live-votes.js";
import type { PostRepo } from "./store/types.js";

export interface PublishOptions extends PostOptions {
  /** The caller seeds the 🔖 itself later (delivery's reaction phase); default: seeded right after posting. */
  deferReaction?: boolean;
  /** Live votes for a card posted outside a feed ("Post to channel"): the paper shown, for the default window. */
  live?: { paper: Paper; saveButton?: boolean };
}

export type Publish = (
  platform: Platform,
  channelId: string,
  message: OutgoingMessage,
  options?: PublishOptions,
) => Promise<PostedRef>;

/** Records a posted paper message for 🔖 (a message without `ref`, like a header, is not a paper post). */
export async function recordPost(posts: PostRepo, ref: PostedRef, message: OutgoingMessage, postedAt: Date): Promise<void> {
  if (!message.ref) return;
  await posts.record(ref, {
    paperId: message.ref.paperId,
    ...(message.ref.date ? { date: message.ref.date } : {}),
    postedAt: postedAt.toISOString(),
  });
}

export function createPublisher(
  adapterFor: (platform: Platform) => ChatAdapter | undefined,
  posts: PostRepo,
  now: () => Date = () => new Date(),
  liveVotes?: LiveVotesRepo,
): Publish {
  return async (platform, channelId, message, options) => {
    const adapter = adapterFor(platform);
    if (!adapter) throw new Error(`no ${platform} adapter is running`);
    const { deferReaction, live, ...postOptions } = options ?? {};
    const ref = await adapter.post(channelId, message, postOptions);
    await recordPost(posts, ref, message, now());
    if (live && liveVotes) await liveVotes.track(ref, live, message, DEFAULT_REFRESH_DAYS, now().getTime());
    // The affordance only: a refused 🔖 (the adapter logs it) must not fail a post that is already out.
    if (message.ref && !deferReaction) await adapter.seedReaction?.(channelId, ref.messageId).catch(() => undefined);
    return ref;
  };
}
