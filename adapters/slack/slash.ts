// `/paper <subcommand> <text>`: ack FIRST (Slack's 3-second clock starts when the user presses Enter, and
// Hugging Face may take longer than that), then run the command in the core and answer privately through
// the response_url. The core maps the free text onto the command's zod schema and words any UserError.
import type { App } from "@slack/bolt";
import { z } from "zod";
import { GENERIC_ERROR_TEXT } from "../../src/errors.js";
import { textReply, type Reply } from "../../src/message.js";
import { callerFor, withClient, type SlackContext } from "./context.js";
import { deliverReply } from "./deliver.js";

export const SLASH_COMMAND = "/paper";

const commandSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  team_id: z.string().optional(),
  text: z.string().default(""),
});

/** "search  diffusion models" → { name: "search", text: "diffusion models" }; empty text means help. */
export function splitCommandText(raw: string): { name: string; text: string } {
  const trimmed = raw.trim();
  if (trimmed === "") return { name: "help", text: "" };
  const space = trimmed.search(/\s/);
  if (space === -1) return { name: trimmed.toLowerCase(), text: "" };
  return { name: trimmed.slice(0, space).toLowerCase(), text: trimmed.slice(space + 1).trim() };
}

export function registerSlashCommand(app: App, ctx: SlackContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    // A burst of commands is acked at the pace of a bare Bolt app, not behind each other's work.
    await ctx.acksSent();
    const c = withClient(ctx, client);
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      ctx.log.warn({ issues: parsed.error.issues }, "slack slash command payload not understood");
      return;
    }
    const { user_id: userId, channel_id: channelId, team_id: teamId } = parsed.data;
    const { name, text } = splitCommandText(parsed.data.text);
    await ctx.track("slack slash command", { userId, channelId, teamId, command: name }, async () => {
      let reply: Reply;
      try {
        const caller = callerFor(c, { userId, channelId, teamId });
        reply = await ctx.core.runCommand({ caller, name, input: { kind: "text", text } });
      } catch (err) {
        ctx.log.error({ err, userId, channelId, command: name }, "slack command failed");
        reply = textReply(GENERIC_ERROR_TEXT);
      }
      await deliverReply(c, reply, { respond, userId, canReplace: false });
    });
  });
}
