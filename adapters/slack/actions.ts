// Button clicks (`block_actions`): Save, Remove, Post to channel, Next/Previous. Ack first, decode the Action
// from the button (validated), run it in the core, then answer: on a private message the reply may replace
// it in place (paging); on a channel post it arrives as a new private message; on the Home tab the view is
// re-published.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { GENERIC_ERROR_TEXT } from "../../src/errors.js";
import { textReply, type Reply } from "../../src/message.js";
import { ACTION_ID_PATTERN, decodeAction } from "./action-codec.js";
import { callerFor, withClient, type SlackContext } from "./context.js";
import { deliverReply } from "./deliver.js";
import { publishHome } from "./home.js";

const clickSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string() }).nullish(),
  container: z
    .object({ type: z.string(), is_ephemeral: z.boolean().optional(), channel_id: z.string().optional() })
    .optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

export function registerActions(app: App, ctx: SlackContext): void {
  app.action(ACTION_ID_PATTERN, async ({ ack, body, respond, client }) => {
    await ack();
    await ctx.acksSent();
    const c = withClient(ctx, client);
    const parsed = clickSchema.safeParse(body);
    const action = parsed.success ? decodeAction(parsed.data.actions[0]?.value) : undefined;
    if (!parsed.success || !action) {
      ctx.log.warn({ issues: parsed.error?.issues }, "slack button click not understood");
      return;
    }
    const click = parsed.data;
    const userId = click.user.id;
    const channelId = click.channel?.id ?? click.container?.channel_id;
    const onHome = click.container?.type === "view";
    await ctx.track("slack button", { userId, channelId, action: action.kind }, async () => {
      let reply: Reply;
      try {
        const caller = callerFor(c, { userId, channelId, teamId: click.team?.id ?? click.user.team_id });
        reply = await ctx.core.runAction({ caller, action });
      } catch (err) {
        ctx.log.error({ err, userId, channelId, action: action.kind }, "slack button failed");
        reply = textReply(GENERIC_ERROR_TEXT);
      }
      if (onHome) return publishHome(c, userId);
      if (!respond) return void ctx.log.warn({ userId, action: action.kind }, "slack click without response_url");
      await deliverReply(c, reply, { respond, userId, canReplace: click.container?.is_ephemeral === true });
    });
  });
}
