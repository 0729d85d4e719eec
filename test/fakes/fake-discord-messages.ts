// Editing and deleting a channel message on the fake Discord, as strict as the real routes (discord-api-docs
// message.md): PATCH /channels/:ch/messages/:id edits only the bot's own message (50005 otherwise), checks the
// body like a create (embed limits) and audits it for `allowed_mentions` like every body the bot sends; DELETE
// removes it. A message that was deleted, or is not in that channel, answers 10008 Unknown Message. Tests delete
// a message "by a moderator" with deleteChannelMessage (no request: Discord lets people with Manage Messages do it).
import { checkMessage, messageRejection } from "./fake-discord-limits.js";
import type { Answer, ParsedRequest } from "./fake-discord-rest.js";
import type { FakeDiscordState } from "./fake-discord-state.js";

const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });

/** Removes a message as a person would in the client (no REST request is journalled). */
export function deleteChannelMessage(state: FakeDiscordState, messageId: string): boolean {
  return state.messages.delete(messageId);
}

/** Answers PATCH/DELETE of a channel message, or undefined when `req` is not one. */
export function handleMessageEditRoute(req: ParsedRequest, state: FakeDiscordState): Answer | undefined {
  const m = req.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/);
  if (!m || (req.method !== "PATCH" && req.method !== "DELETE")) return undefined;
  const [, channelId = "", messageId = ""] = m;
  const channel = state.world.channels.get(channelId);
  if (!channel) return error(404, 10003, "Unknown Channel");
  const msg = state.messages.get(messageId);
  if (!msg || msg.channelId !== channelId || msg.ephemeral) return error(404, 10008, "Unknown Message");
  if (msg.via !== "channel") return error(403, 50005, "Cannot edit a message authored by another user");
  if (req.method === "DELETE") {
    state.messages.delete(messageId);
    return { status: 204 };
  }
  const body = req.body as Record<string, unknown>;
  const errors = checkMessage({ ...msg.body, ...body }, { edit: true, hasFiles: msg.files.length > 0 });
  if (errors.length > 0) return { status: 400, body: messageRejection(errors) };
  state.audit(body);
  return { status: 200, body: state.edit(msg, body, req.files).json };
}
