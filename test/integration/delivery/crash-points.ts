// Test-side crash injection for the send protocol. A child delivery process wraps its ledger and adapters with
// these; when a channel reaches its armed step for its armed item, the channel freezes there for good (nothing
// after that step ever happens for it) and the process reports it. Once every armed channel is frozen the test
// SIGKILLs the process: for each of them the durable state is exactly "crashed at that step".
import type { OutgoingMessage } from "../../../src/message.js";
import type { ChatAdapter, ForumPostOptions } from "../../../src/ports.js";
import type { DeliveryLedger, RunKey } from "../../../src/store/deliveries.js";

/** Steps of the send protocol a process can die at (the lost response is injected by the fake instead). */
export const CHILD_POINTS = ["before-intent", "after-intent", "answered", "before-mark-sent", "recorded", "before-reaction"] as const;
export type ChildPoint = (typeof CHILD_POINTS)[number];
/** Every crash point: the child's steps plus "response-lost" (the platform stored the post, the answer never came). */
export const CRASH_POINTS = ["before-intent", "after-intent", "response-lost", "answered", "before-mark-sent", "recorded"] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface ArmedPoint {
  platform: "discord" | "slack";
  channelId: string;
  /** Ledger item: "header", "thread" (thread mode) or "paper:<id>"; "reaction" for "before-reaction" (the channel's first seeded 🔖). */
  item: string;
  point: ChildPoint;
}

export function createCrashInjector(arm: ArmedPoint[], report: (p: ArmedPoint) => void) {
  const fired = new Set<ArmedPoint>();
  const hit = async (platform: string, channelId: string, item: string, point: ChildPoint): Promise<void> => {
    const armed = arm.find((a) => a.platform === platform && a.channelId === channelId && a.item === item && a.point === point);
    if (!armed || fired.has(armed)) return;
    fired.add(armed);
    report(armed);
    await new Promise<never>(() => {});
  };
  const at = (key: RunKey, item: string, point: ChildPoint) => hit(key.platform, key.channelId, item, point);
  return {
    wrapLedger(ledger: DeliveryLedger): DeliveryLedger {
      return {
        ...ledger,
        async markIntent(key, item, previous) {
          await at(key, item, "before-intent");
          await ledger.markIntent(key, item, previous);
          await at(key, item, "after-intent");
        },
        async markSent(key, item, messageId, attempts, channelId) {
          await at(key, item, "before-mark-sent");
          await ledger.markSent(key, item, messageId, attempts, channelId);
          await at(key, item, "recorded");
        },
      };
    },
    wrapAdapter(adapter: ChatAdapter): ChatAdapter {
      return {
        ...adapter,
        platform: adapter.platform,
        async post(channelId, message, options) {
          const ref = await adapter.post(channelId, message, options);
          await hit(adapter.platform, channelId, message.ref ? `paper:${message.ref.paperId}` : "header", "answered");
          return ref;
        },
        // Posting modes: the thread opened from a header, and a forum post (answered, then the process dies).
        ...(adapter.startThread
          ? {
              async startThread(channelId: string, messageId: string, name: string) {
                const opened = await adapter.startThread!(channelId, messageId, name);
                await hit(adapter.platform, channelId, "thread", "answered");
                return opened;
              },
            }
          : {}),
        ...(adapter.postForum
          ? {
              async postForum(forumId: string, message: OutgoingMessage, options: ForumPostOptions) {
                const ref = await adapter.postForum!(forumId, message, options);
                await hit(adapter.platform, forumId, `paper:${message.ref?.paperId ?? ""}`, "answered");
                return ref;
              },
            }
          : {}),
        ...(adapter.seedReaction
          ? {
              async seedReaction(channelId: string, messageId: string) {
                await hit(adapter.platform, channelId, "reaction", "before-reaction");
                await adapter.seedReaction!(channelId, messageId);
              },
            }
          : {}),
      };
    },
  };
}
