// What every Slack listener needs, built once per adapter: the core, a Web API client, the admin check, the
// Web API helpers, and `track` so stop() can wait for work already started (SIGTERM leaves nothing half-done).
import type { Logger } from "../../src/log.js";
import type { BotCore, Caller } from "../../src/ports.js";
import type { AdminCheck } from "./admin.js";
import type { SlackClient, SlackWeb } from "./web.js";

export interface SlackContext {
  core: BotCore;
  client: SlackClient;
  web: SlackWeb;
  admins: AdminCheck;
  log: Logger;
  /** Runs `work` as tracked in-flight work; errors are logged with `what`, never thrown to Bolt. */
  track(what: string, details: Record<string, unknown>, work: () => Promise<void>): Promise<void>;
}

/** The neutral Caller for a Slack user, with the admin flag resolved. */
export async function callerFor(
  ctx: SlackContext,
  where: { userId: string; channelId?: string | undefined; teamId?: string | undefined },
  needAdmin = true,
): Promise<Caller> {
  return {
    platform: "slack",
    userId: where.userId,
    ...(where.channelId ? { channelId: where.channelId } : {}),
    ...(where.teamId ? { workspaceId: where.teamId } : {}),
    isAdmin: needAdmin ? await ctx.admins.isAdmin(where.userId) : false,
  };
}
