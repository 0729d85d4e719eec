// Outgoing Slack calls when paperboy serves many workspaces: a channel's (or user's) workspace is found in the
// installation directory (or, for channels subscribed before, from the subscription's workspace id), and the
// call goes out with that workspace's bot token. One WebClient per token, created on first use.
import { webApi } from "@slack/bolt";
import { UpstreamError } from "../../src/errors.js";
import type { InstallationRepo } from "./installations.js";
import { createSlackWeb, type SlackWeb } from "./web.js";

export interface WorkspaceWebs {
  /** The Web API helpers for the workspace a channel (or a user, for DMs) belongs to. */
  forTarget(kind: "channel" | "user", id: string): Promise<SlackWeb>;
}

export function createWorkspaceWebs(opts: {
  installations: InstallationRepo;
  clientOptions: () => webApi.WebClientOptions;
  /** Fallback for channels not seen since this process's store learned them (subscriptions carry it). */
  workspaceOfChannel?: ((channelId: string) => Promise<string | undefined>) | undefined;
}): WorkspaceWebs {
  const byToken = new Map<string, SlackWeb>();
  // One workspace without an installation is that channel's problem (someone must reinstall), never an outage of
  // the whole adapter: the other workspaces keep their tokens.
  const notInstalled = (kind: string, id: string) =>
    new UpstreamError("slack", 200, { code: "not_authed", reason: "no_permission", message: `no Slack installation for ${kind} ${id}` });

  return {
    async forTarget(kind, id) {
      const teamId =
        (await opts.installations.workspaceOf(kind, id)) ??
        (kind === "channel" ? await opts.workspaceOfChannel?.(id) : undefined);
      if (!teamId) throw notInstalled(kind, id);
      const bot = await opts.installations.bot(teamId);
      if (!bot) throw notInstalled(kind, id);
      let web = byToken.get(bot.token);
      if (!web) {
        const client = new webApi.WebClient(bot.token, { ...opts.clientOptions(), teamId });
        const identity = { ...(bot.botId ? { botId: bot.botId } : {}), ...(bot.botUserId ? { botUserId: bot.botUserId } : {}) };
        web = createSlackWeb({ client, identity: () => identity });
        byToken.set(bot.token, web);
      }
      return web;
    },
  };
}
