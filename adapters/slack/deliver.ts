// Delivers a core Reply to the person who asked, through the request's response_url (`respond`): one Slack
// message per reply (response_url allows only five uses), private unless the reply is public, replacing the
// clicked message only when asked. Exports (Markdown/BibTeX) arrive as a copyable code block when they fit
// one section, otherwise as a file uploaded to the user's DM (files.uploadV2), with a private note saying so.
import type { RespondFn } from "@slack/bolt";
import type { Attachment, Reply } from "../../src/message.js";
import type { SlackContext } from "./context.js";
import { renderMessages, renderSnippet, SLACK_MAX_BLOCKS, type RenderedMessage } from "./render.js";
import { escapeMrkdwn } from "./mrkdwn.js";

export interface DeliveryTarget {
  respond: RespondFn;
  userId: string;
  /** True when the reply may replace the message the user clicked (a private message, never a channel post). */
  canReplace: boolean;
}

function note(text: string): RenderedMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** Uploads an export to the user's DM; returns the note to show in place of the snippet. */
async function uploadToDm(ctx: SlackContext, userId: string, attachment: Attachment): Promise<RenderedMessage> {
  const channel = await ctx.web.openDm(userId);
  await ctx.web.uploadFile(channel, { content: attachment.content, filename: attachment.filename, comment: `Your export: ${attachment.filename}` });
  return note(`${escapeMrkdwn(attachment.filename)} is too long to show here, so I sent it to you as a direct message.`);
}

export async function deliverReply(ctx: SlackContext, reply: Reply, target: DeliveryTarget): Promise<void> {
  const attachment = reply.messages.find((m) => m.attachment)?.attachment;
  const visible = reply.messages.filter((m) => m.blocks.length > 0 || m.title || m.actions?.length);
  let rendered: RenderedMessage | undefined = visible.length > 0 ? renderMessages(visible) : undefined;
  let replace = true;

  if (attachment) {
    let extra: RenderedMessage;
    try {
      extra = renderSnippet(attachment) ?? (await uploadToDm(ctx, target.userId, attachment));
    } catch (err) {
      ctx.log.error({ err, userId: target.userId, file: attachment.filename }, "slack export upload failed");
      extra = note("Sorry — I couldn't send that file. Please try again in a minute.");
    }
    if (!rendered) rendered = extra;
    else if (rendered.blocks.length + extra.blocks.length <= SLACK_MAX_BLOCKS) {
      rendered = { text: rendered.text, blocks: [...rendered.blocks, ...extra.blocks] };
    } else {
      await send(target, reply, rendered, true);
      rendered = extra;
      replace = false;
    }
  }
  if (rendered) await send(target, reply, rendered, replace);
}

async function send(target: DeliveryTarget, reply: Reply, message: RenderedMessage, replace: boolean): Promise<void> {
  await target.respond({
    response_type: reply.visibility === "public" ? "in_channel" : "ephemeral",
    replace_original: Boolean(replace && reply.replaceOriginal && target.canReplace),
    text: message.text,
    blocks: message.blocks,
  });
}
