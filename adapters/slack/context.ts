// What every Slack listener needs, built once per adapter: the core, a Web API client, the admin check, the
// Web API helpers, and `track` so stop() can wait for work already started (SIGTERM leaves nothing half-done).
// With many workspaces each request brings its own client (that workspace's token): `withClient` scopes to it.
import type { Logger } from "../../src/log.js";
import type { BotCore, Caller } from "../../src/ports.js";
import type { AdminCheck } from "./admin.js";
import { createSlackWeb, type SlackClient, type SlackWeb } from "./web.js";

export interface SlackContext {
  core: BotCore;
  client: SlackClient;
  web: SlackWeb;
  admins: AdminCheck;
  log: Logger;
  /** paperboy's own Slack user id once known (its own reactions never count). */
  botUserId?: () => string | undefined;
  /** Resolves when no request is waiting for its ack (HTTP mode; at once in Socket Mode). See ack-gate.ts. */
  acksSent(): Promise<void>;
  /** Runs `work` as tracked in-flight work; errors are logged with `what`, never thrown to Bolt. */
  track(what: string, details: Record<string, unknown>, work: () => Promise<void>): Promise<void>;
}

/** The same context talking through `client` (Bolt's client for the request's workspace). */
export function withClient(ctx: SlackContext, client: SlackClient | undefined): SlackContext {
  if (!client || client === ctx.client) return ctx;
  return { ...ctx, client, web: createSlackWeb({ client, identity: () => ({}) }) };
}

/** The neutral Caller for a Slack user; the admin flag is looked up only if a command asks for it. */
export function callerFor(
  ctx: SlackContext,
  where: { userId: string; channelId?: string | undefined; teamId?: string | undefined },
): Caller {
  let admin: Promise<boolean> | undefined;
  return {
    platform: "slack",
    userId: where.userId,
    ...(where.channelId ? { channelId: where.channelId } : {}),
    ...(where.teamId ? { workspaceId: where.teamId } : {}),
    isAdmin: () => (admin ??= ctx.admins.isAdmin({ userId: where.userId, teamId: where.teamId, client: ctx.client })),
  };
}
