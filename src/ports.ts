// The two ports between the neutral core and the chat platforms (STYLE "the interface"). Adapters implement
// ChatAdapter (core → platform) and call BotCore (platform → core). Neither side sees the other's types:
// adapters translate SDK events into these shapes, the core answers with the neutral message model.
import type { Action, OutgoingMessage, Reply } from "./message.js";

export type Platform = "discord" | "slack" | "console";

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
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stop taking new work and close connections; resolves when done (must fit the 8-second SIGTERM budget). */
  stop(): Promise<void>;
  /** True once connected; `/healthz` answers 200 only when every enabled adapter is ready. */
  isReady(): boolean;
  /** Post one message publicly in a channel. Throws UpstreamError (status kept) when the platform refuses. */
  post(channelId: string, message: OutgoingMessage, options?: PostOptions): Promise<PostedRef>;
  /** Sends a private message to a user (admin notices). Throws UpstreamError like post. */
  sendDirect?(userId: string, message: OutgoingMessage): Promise<void>;
  /**
   * Paper messages paperboy itself posted in a channel since `sinceMs` (epoch ms), read back from the platform
   * (Slack: conversations.history + `paperboy_paper` metadata). Lets delivery reconcile after a crash between
   * "sent" and "recorded". Adapters whose sends are idempotent by nonce (Discord) may omit it.
   */
  recentPaperPosts?(channelId: string, sinceMs: number): Promise<{ messageId: string; paperId: string; date?: string }[]>;
}

export interface BotCore {
  runCommand(invocation: CommandInvocation): Promise<Reply>;
  runAction(invocation: ActionInvocation): Promise<Reply>;
  autocomplete(request: AutocompleteRequest): Promise<{ name: string; value: string }[]>;
  handleReaction(event: ReactionEvent): Promise<void>;
}
