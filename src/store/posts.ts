// Posted paper messages: (platform, channel, message id or Slack ts) → which paper it shows, in the "posts"
// namespace with no expiry, so a 🔖 on a message posted before a restart (or by `npm run deliver`) still works.
// Each message has its own key and is written once, so separate processes cannot lose each other's records.
import { z } from "zod";
import type { Platform, PostedRef } from "../ports.js";
import { recordReader } from "./records.js";
import type { PostRecord, PostRepo, Store } from "./types.js";

export const POSTS_NAMESPACE = "posts";

export const postRecordSchema = z.object({
  paperId: z.string().min(1),
  date: z.string().optional(),
  postedAt: z.string(),
});

export function createPostRepo(store: Store): PostRepo {
  const keyv = store.namespace(POSTS_NAMESPACE);
  const keyOf = (platform: Platform, channelId: string, messageId: string) =>
    `${platform}:${channelId}:${messageId}`;
  const read = recordReader(store, POSTS_NAMESPACE, keyv);

  return {
    record: async (ref: PostedRef, record: PostRecord) => {
      await keyv.set(keyOf(ref.platform, ref.channelId, ref.messageId), postRecordSchema.parse(record));
    },

    lookup: (platform, channelId, messageId) => read(keyOf(platform, channelId, messageId), postRecordSchema),
  };
}
