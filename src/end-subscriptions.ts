// Ends subscriptions when the platform says their destination is gone for good: the app was removed from a
// workspace (Slack app_uninstalled / tokens_revoked) or a channel was deleted or archived. Adapters call it
// from their lifecycle events; every ended subscription is logged with its channel and the reason.
import type { Logger } from "./log.js";
import type { Platform } from "./ports.js";
import type { SubscriptionRepo } from "./store/subscriptions.js";

export interface SubscriptionEnder {
  /** Ends every subscription in a workspace (Slack team / Discord guild); resolves to how many ended. */
  workspaceGone(platform: Platform, workspaceId: string, reason: string): Promise<number>;
  /** Ends a channel's subscription; true when there was one. */
  channelGone(platform: Platform, channelId: string, reason: string): Promise<boolean>;
}

export function createSubscriptionEnder(deps: { subscriptions: SubscriptionRepo; log: Logger }): SubscriptionEnder {
  const { subscriptions, log } = deps;
  return {
    async workspaceGone(platform, workspaceId, reason) {
      const inWorkspace = (await subscriptions.list()).filter((s) => s.platform === platform && s.workspaceId === workspaceId);
      let ended = 0;
      for (const s of inWorkspace) {
        if (await subscriptions.remove({ platform, channelId: s.channelId })) ended += 1;
      }
      log.info({ platform, workspaceId, reason, ended, channelIds: inWorkspace.map((s) => s.channelId) }, "workspace gone; subscriptions ended");
      return ended;
    },
    async channelGone(platform, channelId, reason) {
      const removed = await subscriptions.remove({ platform, channelId });
      log.info({ platform, channelId, reason, removed }, "channel gone; subscription ended");
      return removed;
    },
  };
}
