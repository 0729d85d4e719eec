// Ends subscriptions whose destination is gone for good: a deleted channel, a server the bot was removed from, an
// app uninstalled from a workspace. Called by the delivery job (a post refused with channel_gone) and, through
// BotCore.handleLifecycle, by the adapters' lifecycle events. Each ending is logged once with its ids.
import type { Logger } from "../log.js";
import type { LifecycleEvent, Platform } from "../ports.js";
import { FEED_KINDS, type SubscriptionRepo } from "../store/subscriptions.js";

/** Removes every feed of the channel; true when there was one. */
export async function endChannelSubscription(
  repo: SubscriptionRepo,
  key: { platform: Platform; channelId: string },
  why: string,
  log: Logger,
): Promise<boolean> {
  let existed = false;
  for (const kind of FEED_KINDS) if (await repo.remove({ ...key, kind })) existed = true;
  if (existed) log.warn({ platform: key.platform, channel: key.channelId, why }, "subscription ended");
  return existed;
}

/**
 * Removes every subscription of one Discord server or Slack workspace; resolves to how many there were.
 * (A subscription saved without a workspace id ends when a post there is refused with channel_gone.)
 */
export async function endWorkspaceSubscriptions(
  repo: SubscriptionRepo,
  key: { platform: Platform; workspaceId: string },
  why: string,
  log: Logger,
): Promise<number> {
  const subs = (await repo.list()).filter((s) => s.platform === key.platform && s.workspaceId === key.workspaceId);
  let ended = 0;
  for (const s of subs) if (await repo.remove({ platform: s.platform, channelId: s.channelId, kind: s.kind })) ended += 1;
  log.warn({ platform: key.platform, workspace: key.workspaceId, why, ended }, "workspace subscriptions ended");
  return ended;
}

/** The core's side of BotCore.handleLifecycle. */
export async function handleLifecycle(event: LifecycleEvent, repo: SubscriptionRepo | undefined, log: Logger): Promise<void> {
  if (!repo) return;
  if (event.kind === "channel_deleted") {
    await endChannelSubscription(repo, { platform: event.platform, channelId: event.channelId }, "channel deleted", log);
  } else {
    await endWorkspaceSubscriptions(repo, event, "paperboy was removed from the workspace", log);
  }
}
