// Threads and forum channels on the fake Discord, as strict as the real routes (discord-api-docs threads.md,
// channel.md): start a thread from a message (its id is the message's id; a second thread on the same message is
// refused with 160004), create a forum post (a thread whose starter message carries the same id; `applied_tags`
// must be the forum's own tags, at most 5), edit a forum's tags (needs Manage Channels; at most 20, names ≤ 20
// chars), and list a guild's active threads and a channel's archived public ones (a test archives a thread by
// setting its `archivedAt`). Thread names are 1–100 characters. Posting into a thread is the normal
// POST /channels/:thread/messages (a thread is a channel); posting straight into a forum is refused.
import { checkMessage, invalidFormBody, messageRejection } from "./fake-discord-limits.js";
import { channelJson, snowflake, type FakeChannel, type FakeForumTag, type FakeWorld } from "./fake-discord-model.js";
import type { Answer, ParsedRequest } from "./fake-discord-rest.js";
import type { FakeDiscordState } from "./fake-discord-state.js";

export const MAX_THREAD_NAME = 100;
export const MAX_FORUM_TAGS = 20;
export const MAX_APPLIED_TAGS = 5;
export const MAX_TAG_NAME = 20;

const error = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });
const badLength = (path: string, max: number): Answer => ({
  status: 400,
  body: invalidFormBody([{ path: [path], code: "BASE_TYPE_BAD_LENGTH", message: `Must be between 1 and ${max} in length.` }]),
});
const wrongType = () => error(400, 50024, "Cannot execute action on this channel type");

/** Adds a forum channel (type 15) to the world's first guild; dispatch CHANNEL_CREATE yourself when connected. */
export function addForum(world: FakeWorld, opts: { name?: string; tags?: string[]; botCanManage?: boolean; botCanSend?: boolean } = {}): FakeChannel {
  const forum: FakeChannel = {
    id: snowflake(),
    name: opts.name ?? "paper-forum",
    type: 15,
    guildId: world.guildId,
    botCanSend: opts.botCanSend ?? true,
    botCanManage: opts.botCanManage ?? false,
    availableTags: (opts.tags ?? []).map((name) => ({ id: snowflake(), name, moderated: false, emoji_id: null, emoji_name: null })),
  };
  world.channels.set(forum.id, forum);
  return forum;
}

export interface ThreadRouteDeps {
  state: FakeDiscordState;
  dispatch: (t: string, d: Record<string, unknown>) => void;
}

/** Answers a thread/forum route, or undefined when `req` is not one. */
export function handleThreadRoute(req: ParsedRequest, deps: ThreadRouteDeps): Answer | undefined {
  const { method, path } = req;
  let m: RegExpMatchArray | null;
  if (method === "POST" && (m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) return threadFromMessage(req, m[1] ?? "", m[2] ?? "", deps);
  if (method === "POST" && (m = path.match(/^\/channels\/(\d+)\/threads$/))) return createThread(req, m[1] ?? "", deps);
  if (method === "PATCH" && (m = path.match(/^\/channels\/(\d+)$/))) return editChannel(req, m[1] ?? "", deps);
  if (method === "GET" && (m = path.match(/^\/guilds\/(\d+)\/threads\/active$/))) {
    const threads = [...deps.state.world.channels.values()].filter((c) => c.type === 11 && c.guildId === m?.[1] && c.archivedAt === undefined);
    return { status: 200, body: { threads: threads.map(channelJson), members: [] } };
  }
  if (method === "GET" && (m = path.match(/^\/channels\/(\d+)\/threads\/archived\/public$/))) return archivedThreads(req, m[1] ?? "", deps);
  return undefined;
}

/** GET /channels/:id/threads/archived/public: newest archived first, `before` an ISO time, `limit` 2–100 (default 50). */
function archivedThreads(req: ParsedRequest, channelId: string, deps: ThreadRouteDeps): Answer {
  const channel = deps.state.world.channels.get(channelId);
  if (!channel) return error(404, 10003, "Unknown Channel");
  if (channel.type !== 0 && channel.type !== 15) return wrongType();
  const limit = Number(req.query.get("limit") ?? "50");
  if (!Number.isInteger(limit) || limit < 2 || limit > 100) {
    return { status: 400, body: invalidFormBody([{ path: ["limit"], code: "NUMBER_TYPE_MAX", message: "int value should be between 2 and 100." }]) };
  }
  const before = req.query.get("before");
  const archived = [...deps.state.world.channels.values()]
    .filter((c) => c.type === 11 && c.parentId === channelId && c.archivedAt !== undefined && (!before || Date.parse(c.archivedAt) < Date.parse(before)))
    .sort((a, b) => Date.parse(b.archivedAt ?? "") - Date.parse(a.archivedAt ?? ""));
  return { status: 200, body: { threads: archived.slice(0, limit).map(channelJson), members: [], has_more: archived.length > limit } };
}

function threadName(body: Record<string, unknown>): string | undefined {
  const name = typeof body.name === "string" ? body.name : "";
  return name.length >= 1 && name.length <= MAX_THREAD_NAME ? name : undefined;
}

function openThread(deps: ThreadRouteDeps, parent: FakeChannel, id: string, name: string, appliedTags?: string[]): FakeChannel {
  const thread: FakeChannel = {
    id,
    name,
    type: 11,
    parentId: parent.id,
    botCanSend: parent.botCanSend,
    ...(parent.guildId ? { guildId: parent.guildId } : {}),
    ...(appliedTags ? { appliedTags } : {}),
  };
  deps.state.world.channels.set(id, thread);
  deps.dispatch("THREAD_CREATE", { ...channelJson(thread), newly_created: true });
  return thread;
}

function threadFromMessage(req: ParsedRequest, channelId: string, messageId: string, deps: ThreadRouteDeps): Answer {
  const { world, messages } = deps.state;
  const channel = world.channels.get(channelId);
  if (!channel) return error(404, 10003, "Unknown Channel");
  if (channel.type !== 0) return wrongType();
  if (!channel.botCanSend || channel.botCanCreateThreads === false) return error(403, 50013, "Missing Permissions");
  const msg = messages.get(messageId);
  if (!msg || msg.channelId !== channelId || msg.ephemeral) return error(404, 10008, "Unknown Message");
  const name = threadName(req.body as Record<string, unknown>);
  if (name === undefined) return badLength("name", MAX_THREAD_NAME);
  if (world.channels.has(messageId)) return error(400, 160004, "A thread has already been created for this message");
  return { status: 201, body: channelJson(openThread(deps, channel, messageId, name)) };
}

function createThread(req: ParsedRequest, channelId: string, deps: ThreadRouteDeps): Answer {
  const { state } = deps;
  const channel = state.world.channels.get(channelId);
  if (!channel) return error(404, 10003, "Unknown Channel");
  if (channel.type !== 0 && channel.type !== 15) return wrongType();
  if (!channel.botCanSend) return error(403, 50013, "Missing Permissions");
  const body = req.body as Record<string, unknown>;
  const name = threadName(body);
  if (name === undefined) return badLength("name", MAX_THREAD_NAME);
  if (channel.type === 0) return { status: 201, body: channelJson(openThread(deps, channel, snowflake(), name)) };

  // A forum post: the thread and its starter message in one request.
  const message = (typeof body.message === "object" && body.message !== null ? body.message : undefined) as Record<string, unknown> | undefined;
  if (!message) return { status: 400, body: invalidFormBody([{ path: ["message"], code: "BASE_TYPE_REQUIRED", message: "This field is required" }]) };
  const problems = checkMessage(message, { hasFiles: req.files.length > 0 });
  if (problems.length > 0) return { status: 400, body: messageRejection(problems) };
  const applied = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
  const known = new Set((channel.availableTags ?? []).map((t) => t.id));
  if (applied.length > MAX_APPLIED_TAGS || applied.some((id) => !known.has(id))) {
    return { status: 400, body: invalidFormBody([{ path: ["applied_tags"], code: "BASE_TYPE_CHOICE_NOT_VALID", message: "Invalid tag" }]) };
  }
  state.audit(message);
  const id = snowflake();
  const thread = openThread(deps, channel, id, name, applied);
  const starter = state.store({ id, channelId: id, body: message, files: req.files, via: "channel" });
  return { status: 201, body: { ...channelJson(thread), message: starter.json } };
}

function editChannel(req: ParsedRequest, channelId: string, deps: ThreadRouteDeps): Answer | undefined {
  const channel = deps.state.world.channels.get(channelId);
  const body = req.body as Record<string, unknown>;
  if (!channel || !("available_tags" in body)) return undefined;
  if (channel.type !== 15) return wrongType();
  if (!channel.botCanManage) return error(403, 50013, "Missing Permissions");
  const tags = Array.isArray(body.available_tags) ? (body.available_tags as Record<string, unknown>[]) : [];
  if (tags.length > MAX_FORUM_TAGS) return badLength("available_tags", MAX_FORUM_TAGS);
  const next: FakeForumTag[] = [];
  for (const tag of tags) {
    const name = typeof tag.name === "string" ? tag.name : "";
    if (name.length < 1 || name.length > MAX_TAG_NAME) return badLength("available_tags.name", MAX_TAG_NAME);
    const id = typeof tag.id === "string" && channel.availableTags?.some((t) => t.id === tag.id) ? tag.id : snowflake();
    next.push({ id, name, moderated: tag.moderated === true, emoji_id: null, emoji_name: typeof tag.emoji_name === "string" ? tag.emoji_name : null });
  }
  channel.availableTags = next;
  deps.dispatch("CHANNEL_UPDATE", channelJson(channel));
  return { status: 200, body: channelJson(channel) };
}
