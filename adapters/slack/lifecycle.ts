// Slack telling us something is gone for good: the app was uninstalled or its bot token revoked (that
// workspace's installation and subscriptions end), or a channel was deleted or archived (its subscription
// ends). Uninstall events skip Bolt's authorize step, so they arrive even after the installation is gone.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { SlackContext } from "./context.js";
import type { InstallationRepo } from "./installations.js";

const teamSchema = z.object({ team_id: z.string().min(1) });
const revokedSchema = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).optional() });
const channelSchema = z.object({ channel: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]) });

export function registerLifecycle(app: App, ctx: SlackContext, installations?: InstallationRepo): void {
  async function workspaceGone(body: unknown, reason: string): Promise<void> {
    const team = teamSchema.safeParse(body);
    if (!team.success) return void ctx.log.warn({ reason }, "slack lifecycle event without team_id");
    const teamId = team.data.team_id;
    await ctx.track("slack workspace gone", { teamId, reason }, async () => {
      const hadInstallation = (await installations?.remove(teamId)) ?? false;
      await ctx.core.handleLifecycle({ kind: "app_removed", platform: "slack", workspaceId: teamId });
      ctx.log.info({ teamId, reason, hadInstallation }, "slack workspace removed paperboy; its subscriptions and tokens are gone");
    });
  }
  async function channelGone(event: unknown, reason: string): Promise<void> {
    const parsed = channelSchema.safeParse(event);
    if (!parsed.success) return void ctx.log.warn({ reason }, "slack channel event without channel");
    const c = parsed.data.channel;
    const channelId = typeof c === "string" ? c : c.id;
    await ctx.track("slack channel gone", { channelId, reason }, async () => {
      ctx.log.info({ channelId, reason }, "slack channel gone");
      await ctx.core.handleLifecycle({ kind: "channel_deleted", platform: "slack", channelId });
    });
  }

  app.event("app_uninstalled", async ({ body }) => workspaceGone(body, "app_uninstalled"));
  app.event("tokens_revoked", async ({ event, body }) => {
    // Only the bot token matters to paperboy; a revoked user token leaves posting working.
    if ((revokedSchema.safeParse(event).data?.tokens?.bot ?? []).length === 0) return;
    await workspaceGone(body, "tokens_revoked");
  });
  app.event("channel_deleted", async ({ event }) => channelGone(event, "channel_deleted"));
  app.event("channel_archive", async ({ event }) => channelGone(event, "channel_archive"));
  app.event("group_deleted", async ({ event }) => channelGone(event, "group_deleted"));
  app.event("group_archive", async ({ event }) => channelGone(event, "group_archive"));
}
