// The two ports between the neutral core and the chat platforms (STYLE "the interface"). Adapters implement
// ChatAdapter (core → platform) and call BotCore (platform → core). Neither side sees the other's types:
// adapters translate SDK events into these shapes, the core answers with the neutral message model.
import type { FailureReason } from "./errors.js";
import type { Action, OutgoingMessage, Reply } from "./message.js";
import type { Platform } from "./platforms.js";

export type { Platform } from "./platforms.js";

/** Who is asking, and where. Built by the adapter from the platform event. */
export interface Caller {
  platform: Platform;
  userId: string;
  /** The channel the command was typed in (absent in DMs the platform has no channel for). */
  channelId?: string;
  /** Discord guild id or Slack team id. */
  workspaceId?: string;
  /**
   * Whether the caller may change this channel's subscription (CONTRACT.md "Admins"). Lazy because on Slack
   * it costs a users.info call: only admin-only commands (and help) ask, so search/get never wait on it.
   */
  isAdmin(): Promise<boolean>;
}

export interface CommandInvocation {
  caller: Caller;
  /** The /paper subcommand, e.g. "search". Unknown names get a UserError listing the real ones. */
  name: string;
  /** Typed options (Discord) or the free text after the subcommand (Slack, console). */
  input: { kind: "options"; options: Record<string, unknown> } | { kind: "text"; text: string };
}

export interface ActionInvocation {
  caller: Caller;
  action: Action;
}

export interface AutocompleteRequest {
  caller: Caller;
  name: string;
  option: string;
  /** What the user has typed so far. */
  partial: string;
}

/** A reaction added to or removed from a message in a channel. */
export interface ReactionEvent {
  platform: Platform;
  channelId: string;
  /** Discord message id or Slack message ts. */
  messageId: string;
  userId: string;
  /** Normalised emoji: "bookmark" for 🔖 / :bookmark:, otherwise the platform's name or character. */
  emoji: string;
  added: boolean;
  /** Slack's event_id; used to process retried deliveries once. */
  eventId?: string;
}

/** What became of a 🔖: "failed" when it could not be stored — the adapter then shows `notice` to the user privately. */
export type ReactionOutcome = { status: "applied" | "ignored" } | { status: "failed"; notice: string };

/** A destination gone for good, reported by an adapter's lifecycle events; its subscriptions end. */
export type LifecycleEvent =
  | { kind: "channel_deleted"; platform: Platform; channelId: string }
  /** Bot removed from a Discord server, app uninstalled from a Slack workspace (by Discord guild / Slack team id). */
  | { kind: "app_removed"; platform: Platform; workspaceId: string };

/** An adapter's connection as /healthz and /paper status show it. */
export interface AdapterHealth {
  state: "starting" | "ready" | "outage" | "stopped";
  /** Why it is out (auth: token invalid or revoked; transient: cannot connect). */
  reason?: FailureReason;
  /** ISO instant the outage began. */
  since?: string;
}

/** Where a posted message landed. */
export interface PostedRef {
  platform: Platform;
  channelId: string;
  /** Discord message id or Slack ts. */
  messageId: string;
}

export interface PostOptions {
  /** Idempotency key: Discord sends it as `nonce` with `enforce_nonce`; ≤ 25 chars. */
  nonce?: string;
  /** The message opens a feed's post for `date` (Slack marks it `paperboy_header`; never a paper post). */
  header?: { date: string };
  /**
   * Thread mode: post as a reply in the thread of this message (the feed's header) of the channel. Discord posts in
   * the thread started from it (a thread's id is its starter message's), Slack sets `thread_ts`. The returned ref
   * names the message the way that platform's reaction events will (Discord: the thread's id as channel; Slack: the
   * parent channel and the reply's ts), so 🔖 and every later edit find it.
   */
  replyTo?: string;
}

/** What kind of channel a command was typed in, for the posting modes it can take. */
export type ChannelKind = { kind: "text" } | { kind: "forum" } | { kind: "thread"; parentId?: string; forumId?: string };

/** A Discord forum post: the thread's name and the tag names wanted, best first (the adapter keeps what fits). */
export interface ForumPostOptions {
  name: string;
  tags: string[];
}

/** How paperboy marked a message it posted, as read back from the platform (never from paper text). */
export type PostMark = { kind: "paper"; paperId: string; date?: string } | { kind: "header"; date?: string };

export interface DirectOptions {
  /** The DM is the follow alert for the list of `date`. */
  alert?: { date: string };
}

/** A follow alert found in a user's DMs. */
export interface DirectAlert {
  messageId: string;
  /** The list date the alert was for. */
  date: string;
}

/** One of paperboy's own messages found in a channel's history. */
export interface OwnPost {
  /** Discord message id or Slack ts. */
  messageId: string;
  mark: PostMark;
  /** Where the message is when that is not the channel asked about (a Discord forum post: its thread's id). */
  channelId?: string;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stop taking new work and close connections; resolves when done (must fit the 8-second SIGTERM budget). */
  stop(): Promise<void>;
  /** True once connected; `/healthz` answers 200 only when every enabled adapter is ready. */
  isReady(): boolean;
  /**
   * Whether this process should deliver to the channel now (a sharded Discord adapter: the channel's guild is
   * on one of this process's shards, and that shard is connected). False skips the channel without marking it
   * failing; the next tick asks again. `workspaceId` is the subscription's. Absent: `isReady()` decides.
   */
  canDeliver?(channelId: string, workspaceId?: string): Promise<boolean>;
  /**
   * Connection state with the reason of an outage. start() does not throw for a refused token: the adapter
   * reports an `auth` outage here and keeps retrying with backoff, so the other platforms keep running.
   */
  health?(): AdapterHealth;
  /** Post one message publicly in a channel. Throws UpstreamError (status kept) when the platform refuses. */
  post(channelId: string, message: OutgoingMessage, options?: PostOptions): Promise<PostedRef>;
  /**
   * Sends a private message to a user (admin notices, follow alerts). With `options.alert` the DM is marked as the
   * follow alert of that list (Slack: `paperboy_alert` metadata; Discord: the alert's own embed link), so
   * ownDirectAlerts can find it again. Throws UpstreamError like post.
   */
  sendDirect?(userId: string, message: OutgoingMessage, options?: DirectOptions): Promise<void>;
  /**
   * Follow alerts paperboy sent to a user's DMs since `sinceMs` (epoch ms), read back from the DM's history by
   * their marks (never by paper text): the alert pass reconciles from it before sending again after a crash or an
   * unanswered send. Adapters without history omit it (alerts are then at most once).
   */
  ownDirectAlerts?(userId: string, sinceMs: number): Promise<DirectAlert[]>;
  /**
   * The id of the DM channel with a user (opened if needed), so a DM feed is posted, recorded and reconciled
   * like a channel. Throws UpstreamError like post.
   */
  directChannel?(userId: string): Promise<string>;
  /**
   * Paper and header messages paperboy itself posted in a channel since `sinceMs` (epoch ms), read back from the
   * platform's history (Slack: `paperboy_paper`/`paperboy_header` metadata; Discord: the embed link paperboy
   * built). Delivery reconciles from it before sending an item again whose outcome it does not know (a crash, a
   * 5xx, a lost response), so exactly-once never rests on a nonce window. Adapters without history omit it.
   * On a Discord forum: its posts since `sinceMs` (active and archived), each with its thread as `channelId`.
   */
  ownPosts?(channelId: string, sinceMs: number): Promise<OwnPost[]>;
  /**
   * Adds paperboy's own 🔖 affordance to a paper message it posted (Discord; Slack has none). Idempotent on the
   * platform (Discord: PUT …/reactions/🔖/@me), so seeding twice is harmless. post() never does it: "Post to
   * channel" seeds right after posting, a delivery pass only once every paper message of the pass is out.
   * Throws UpstreamError (reason kept) when the platform refuses.
   */
  seedReaction?(channelId: string, messageId: string): Promise<void>;
  /** The kind of a channel (Discord: forum, a thread and its forum, or text); absent: every channel is text. */
  channelKind?(channelId: string): Promise<ChannelKind>;
  /**
   * Opens the thread of a message in a channel (thread mode), idempotently: a thread that already exists (Discord
   * 160004) is the answer too, so a resumed delivery never opens a second one. A message already in a thread (a
   * paper posted in thread or forum mode) answers with that thread. Slack threads need no opening (the answer is
   * the message's ts). `name` carries no mentions. Returns the thread's id. Throws UpstreamError like post.
   */
  startThread?(channelId: string, messageId: string, name: string): Promise<{ threadId: string }>;
  /** Like ownPosts, for the replies in the thread of `messageId` (Discord: the thread's history; Slack: conversations.replies). */
  ownReplies?(channelId: string, messageId: string, sinceMs: number): Promise<OwnPost[]>;
  /**
   * One Discord forum post (thread + starter message) with tags from `options.tags`: the forum's own tags matched
   * case-insensitively, missing ones created only when the bot may manage the forum, at most 5 applied. Returns the
   * thread as channel and its starter message (same id). No nonce exists here: delivery reconciles from ownPosts.
   */
  postForum?(forumId: string, message: OutgoingMessage, options: ForumPostOptions): Promise<PostedRef>;
  /**
   * Opens the journal-club discussion under a paper message paperboy posted and posts `message` there: Discord
   * starts a thread from the message (or, when the message already sits in a thread or forum post, replies to it
   * there); Slack replies in the message's thread. Idempotent against the platform: when paperboy's discussion
   * message is already there (a retry after a crash), nothing new is posted and `created` is false. Never pings.
   * Throws UpstreamError (neutral reason kept) when the platform refuses.
   */
  openDiscussion?(channelId: string, messageId: string, message: OutgoingMessage, options: DiscussionOptions): Promise<DiscussionRef>;
  /**
   * Replaces a message paperboy posted with `message` (live votes). Never pings (Discord: `allowed_mentions`
   * parse none; Slack: no link_names, escaped text) and keeps the message's marks (Slack `paperboy_paper`
   * metadata). Throws UpstreamError; a deleted message is `channel_gone` (code 10008 / message_not_found).
   */
  editPost?(channelId: string, messageId: string, message: OutgoingMessage): Promise<void>;
}

export interface BotCore {
  runCommand(invocation: CommandInvocation): Promise<Reply>;
  runAction(invocation: ActionInvocation): Promise<Reply>;
  autocomplete(request: AutocompleteRequest): Promise<{ name: string; value: string }[]>;
  handleReaction(event: ReactionEvent): Promise<ReactionOutcome>;
  /** A channel deleted or paperboy removed from a workspace: the subscriptions there end. Never throws. */
  handleLifecycle(event: LifecycleEvent): Promise<void>;
}

/** What a journal-club discussion is about (ChatAdapter.openDiscussion). */
export interface DiscussionOptions {
  /** The thread's name on Discord: the paper title, plain text; the adapter bounds it (Discord: 100 characters). */
  title: string;
  /** The paper; Slack marks the reply with it (`paperboy_club` metadata) so it can be found again. */
  paperId: string;
}

/** Where a discussion lives. */
export interface DiscussionRef {
  /** Discord: the thread's channel id (or the thread the paper message was already in); Slack: the parent's ts. */
  threadId: string;
  /** False when paperboy's discussion message was already there (a retry after a crash): nothing new was posted. */
  created: boolean;
}
