// The Web API methods paperboy calls, answered the way Slack answers them: `{ok:true,…}` or `{ok:false, error}`
// with HTTP 200, validation that rejects what Slack rejects (invalid_blocks, msg_too_long, no_text) and the
// membership/archival errors a real workspace produces (not_in_channel, channel_not_found, is_archived).
import {
  FAKE_APP_ID,
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  FAKE_TEAM_ID,
  type FakeSlackState,
  type StoredMessage,
} from "./fake-slack-state.js";
import { countPings, rejectHomeView, rejectMessage } from "./fake-slack-validate.js";

export type Body = Record<string, unknown>;
export type MethodResult = Body & { ok: boolean };
export interface MethodContext {
  state: FakeSlackState;
  baseUrl: string;
  /** Which token authorised the call. */
  tokenKind: "bot" | "app";
}

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const fail = (error: string, extra: Body = {}): MethodResult => ({ ok: false, error, ...extra });

function channelError(state: FakeSlackState, id: string, needsMembership: boolean): MethodResult | undefined {
  if (id === "") return fail("channel_not_found");
  const known = state.channels.get(id);
  if (!known && !/^[CDG][A-Z0-9]+$/.test(id)) return fail("channel_not_found");
  const c = state.channel(id);
  if (c.archived) return fail("is_archived");
  if (needsMembership && !c.member) return fail("not_in_channel");
  return undefined;
}

function validated(state: FakeSlackState, where: string, body: Body): MethodResult | undefined {
  const rejected = rejectMessage(body);
  if (!rejected) return undefined;
  state.rejections.push({ where, ...rejected, body });
  return fail(rejected.error, rejected.errors.length ? { errors: rejected.errors } : {});
}

function toPublic(m: StoredMessage, withMetadata: boolean): Body {
  return {
    type: "message",
    ts: m.ts,
    text: m.text,
    user: m.user,
    ...(m.bot_id ? { bot_id: m.bot_id, app_id: m.app_id } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: FAKE_BOT_USER_ID } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** Replies under `ts` in `channel`, oldest first. */
const repliesOf = (state: FakeSlackState, channel: string, ts: string) =>
  state.messages.filter((m) => m.channel === channel && m.thread_ts === ts);

const methods: Record<string, (body: Body, ctx: MethodContext) => MethodResult> = {
  "auth.test": () => ({
    ok: true,
    url: "https://fake.slack.com/",
    team: "Fake",
    user: "paperbot",
    team_id: FAKE_TEAM_ID,
    user_id: FAKE_BOT_USER_ID,
    bot_id: FAKE_BOT_ID,
    is_enterprise_install: false,
  }),

  "chat.postMessage": (body, { state }) => {
    const channel = str(body.channel);
    const err = channelError(state, channel, true) ?? validated(state, "chat.postMessage", body);
    if (err) return err;
    const metadata = body.metadata as StoredMessage["metadata"] | undefined;
    // A reply names its parent by thread_ts; Slack refuses a parent that is not in the channel, and a reply to a
    // reply is filed under the top-level parent (threads are one level deep).
    const threadTs = str(body.thread_ts);
    const parent = threadTs === "" ? undefined : state.messages.find((m) => m.channel === channel && m.ts === threadTs);
    if (threadTs !== "" && !parent) return fail("thread_not_found");
    const msg: StoredMessage = {
      channel,
      ts: state.nextTs(),
      ...(parent ? { thread_ts: parent.thread_ts ?? parent.ts } : {}),
      text: str(body.text),
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
      ...(metadata ? { metadata } : {}),
      user: FAKE_BOT_USER_ID,
      bot_id: FAKE_BOT_ID,
      app_id: FAKE_APP_ID,
      pings: countPings(body),
      raw: body,
    };
    state.messages.push(msg);
    return { ok: true, channel, ts: msg.ts, message: toPublic(msg, false) };
  },

  "chat.postEphemeral": (body, { state }) => {
    const channel = str(body.channel);
    const err = channelError(state, channel, true) ?? validated(state, "chat.postEphemeral", body);
    if (err) return err;
    state.storeEphemeral(str(body.user), channel, body);
    return { ok: true, message_ts: state.nextTs() };
  },

  "chat.update": (body, { state }) => {
    const channelErr = channelError(state, str(body.channel), false);
    if (channelErr) return channelErr;
    const msg = state.messages.find((m) => m.channel === str(body.channel) && m.ts === str(body.ts));
    if (!msg) return fail("message_not_found");
    if (msg.user !== FAKE_BOT_USER_ID) return fail("cant_update_message");
    const err = validated(state, "chat.update", body);
    if (err) return err;
    msg.text = str(body.text);
    if (Array.isArray(body.blocks)) msg.blocks = body.blocks;
    // Metadata given on an update replaces the message's; omitted, it is kept.
    if (body.metadata !== undefined) msg.metadata = body.metadata as StoredMessage["metadata"];
    msg.pings += countPings(body);
    msg.edited = true;
    return { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text };
  },

  "chat.delete": (body, { state }) => {
    const channelErr = channelError(state, str(body.channel), false);
    if (channelErr) return channelErr;
    const at = state.messages.findIndex((m) => m.channel === str(body.channel) && m.ts === str(body.ts));
    if (at < 0) return fail("message_not_found");
    if (state.messages[at]?.user !== FAKE_BOT_USER_ID) return fail("cant_delete_message");
    state.messages.splice(at, 1);
    return { ok: true, channel: str(body.channel), ts: str(body.ts) };
  },

  "chat.unfurl": (body, { state }) => {
    const unfurls = body.unfurls;
    if (typeof unfurls !== "object" || unfurls === null) return fail("invalid_unfurls_format");
    for (const [url, card] of Object.entries(unfurls as Record<string, Body>)) {
      const rejected = rejectMessage({ text: "x", blocks: card.blocks });
      if (rejected) {
        state.rejections.push({ where: `chat.unfurl ${url}`, ...rejected, body });
        return fail("invalid_blocks", { errors: rejected.errors });
      }
    }
    state.unfurls.push({
      ...(body.channel ? { channel: str(body.channel), ts: str(body.ts) } : {}),
      ...(body.unfurl_id ? { unfurlId: str(body.unfurl_id) } : {}),
      unfurls: unfurls as Record<string, unknown>,
    });
    return { ok: true };
  },

  "views.publish": (body, { state }) => {
    const userId = str(body.user_id);
    const problems = rejectHomeView(body.view);
    if (problems.length > 0) {
      state.rejections.push({ where: "views.publish", error: "invalid_arguments", errors: problems, body });
      return fail("invalid_arguments", { response_metadata: { messages: problems } });
    }
    const blocks = (body.view as { blocks: unknown[] }).blocks;
    const prev = state.homeViews.get(userId);
    state.homeViews.set(userId, { blocks, publishes: (prev?.publishes ?? 0) + 1 });
    return { ok: true, view: { id: `V${userId}`, type: "home", blocks } };
  },

  "users.info": (body, { state }) => {
    const id = str(body.user);
    const u = state.users.get(id) ?? {};
    if (u.deleted) return fail("user_not_found");
    return {
      ok: true,
      user: {
        id,
        team_id: FAKE_TEAM_ID,
        name: id.toLowerCase(),
        is_admin: u.is_admin ?? false,
        is_owner: u.is_owner ?? false,
        is_primary_owner: u.is_primary_owner ?? false,
        is_bot: false,
      },
    };
  },

  "conversations.open": (body, { state }) => {
    const user = str(body.users);
    if (user === "" || user.includes(",")) return fail("not_enough_users");
    // Like Slack: a deactivated user cannot be messaged; a bot user answers cannot_dm_bot.
    if (state.users.get(user)?.deleted) return fail("user_not_found");
    if (state.users.get(user)?.bot) return fail("cannot_dm_bot");
    const id = `D${user.replace(/^[UW]/, "")}`;
    state.channels.set(id, { member: true, archived: false, dmUser: user });
    return { ok: true, channel: { id } };
  },

  "conversations.history": (body, { state }) => {
    const channel = str(body.channel);
    const err = channelError(state, channel, true);
    if (err) return err;
    const oldest = Number(str(body.oldest) || "0");
    const limit = Math.min(Number(str(body.limit) || "100"), 999);
    const offset = Number(str(body.cursor) || "0");
    const withMeta = body.include_all_metadata === true || body.include_all_metadata === "true";
    // Like Slack: the channel's history holds top-level messages only; replies are read with conversations.replies.
    const all = state.messages.filter((m) => m.channel === channel && !m.thread_ts && Number(m.ts) > oldest).reverse();
    const page = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    return {
      ok: true,
      messages: page.map((m) => toPublic(m, withMeta)),
      has_more: more,
      response_metadata: { next_cursor: more ? String(offset + limit) : "" },
    };
  },

  "conversations.replies": (body, { state }) => {
    const channel = str(body.channel);
    const err = channelError(state, channel, true);
    if (err) return err;
    const parent = state.messages.find((m) => m.channel === channel && m.ts === str(body.ts));
    if (!parent) return fail("thread_not_found");
    const top = parent.thread_ts ? state.messages.find((m) => m.channel === channel && m.ts === parent.thread_ts) : parent;
    if (!top) return fail("thread_not_found");
    const oldest = Number(str(body.oldest) || "0");
    const limit = Math.min(Number(str(body.limit) || "100"), 999);
    const offset = Number(str(body.cursor) || "0");
    const withMeta = body.include_all_metadata === true || body.include_all_metadata === "true";
    // The parent comes first on every page, then the replies oldest first (Slack's order).
    const replies = repliesOf(state, channel, top.ts).filter((m) => Number(m.ts) > oldest);
    const page = replies.slice(offset, offset + limit);
    const more = offset + limit < replies.length;
    const parentJson = { ...toPublic(top, withMeta), thread_ts: top.ts, reply_count: replies.length };
    return {
      ok: true,
      messages: [parentJson, ...page.map((m) => toPublic(m, withMeta))],
      has_more: more,
      response_metadata: { next_cursor: more ? String(offset + limit) : "" },
    };
  },

  "files.getUploadURLExternal": (body, { state, baseUrl }) => {
    const filename = str(body.filename);
    const length = Number(str(body.length));
    if (filename === "" || !Number.isFinite(length) || length <= 0) return fail("invalid_arguments");
    const id = state.nextId("F");
    state.files.set(id, { id, filename, length });
    return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
  },

  "files.completeUploadExternal": (body, { state }) => {
    const list = Array.isArray(body.files) ? (body.files as { id?: string; title?: string }[]) : [];
    const channel = str(body.channel_id);
    if (channel !== "") {
      const err = channelError(state, channel, true);
      if (err) return err;
    }
    const done: Body[] = [];
    for (const f of list) {
      const file = state.files.get(str(f.id));
      if (!file || file.content === undefined) return fail("file_not_found");
      Object.assign(file, { channel, title: str(f.title) || file.filename, initialComment: str(body.initial_comment) });
      done.push({ id: file.id, title: file.title, name: file.filename });
    }
    return done.length > 0 ? { ok: true, files: done } : fail("invalid_arguments");
  },

  "apps.connections.open": (_body, { baseUrl, tokenKind, state }) =>
    tokenKind === "app"
      ? { ok: true, url: `${baseUrl.replace(/^http/, "ws")}/link/?ticket=${state.nextId("t")}&app_id=${FAKE_APP_ID}` }
      : fail("not_allowed_token_type"),
};

/** Answers one Web API call (auth already checked by the caller). */
export function callMethod(name: string, body: Body, ctx: MethodContext): MethodResult {
  const method = methods[name];
  if (!method) return fail("unknown_method");
  if (ctx.tokenKind === "app" && name !== "apps.connections.open") return fail("not_allowed_token_type");
  return method(body, ctx);
}
