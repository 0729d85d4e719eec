// Posting in a channel always goes through here so that every paper message paperboy posts — daily posts and
// "Post to channel" alike — is recorded (platform, channel, message) → paper, which is what makes 🔖 work.
import type { OutgoingMessage } from "./message.js";
import type { ChatAdapter, Platform, PostOptions, PostedRef } from "./ports.js";
import type { PostRepo } from "./store/types.js";

export type Publish = (
  platform: Platform,
  channelId: string,
  message: OutgoingMessage,
  options?: PostOptions,
) => Promise<PostedRef>;

export function createPublisher(adapterFor: (platform: Platform) => ChatAdapter | undefined, posts: PostRepo): Publish {
  return async (platform, channelId, message, options) => {
    const adapter = adapterFor(platform);
    if (!adapter) throw new Error(`no ${platform} adapter is running`);
    const ref = await adapter.post(channelId, message, options);
    if (message.ref) {
      await posts.record(ref, {
        paperId: message.ref.paperId,
        ...(message.ref.date ? { date: message.ref.date } : {}),
        postedAt: new Date().toISOString(),
      });
    }
    return ref;
  };
}
