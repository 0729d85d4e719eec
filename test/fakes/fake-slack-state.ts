// The fake Slack workspace's state: channels, users, messages (public and ephemeral), Home views, unfurls,
// uploaded files and the journal of every request. Shared by the Web API methods, the response_url endpoint
// and the Socket Mode server so tests can look at "what the user would see" in one place.
import { countPings } from "./fake-slack-validate.js";
import { createWriteFaults } from "./write-faults.js";

export const FAKE_TEAM_ID = "T0001";
export const FAKE_BOT_USER_ID = "U0BOT";
export const FAKE_BOT_ID = "B0BOT";
export const FAKE_APP_ID = "A0PAPERBOY";

export interface JournalEntry {
  /** ms since the fake started. */
  at: number;
  kind: "api" | "response_url" | "upload";
  /** Web API method, or the response_url/upload id. */
  name: string;
  authorization?: string;
  body: Record<string, unknown>;
  status: number;
  reply: unknown;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Set on a thread reply: the ts of its parent (a parent's own ts is not stored here). */
  thread_ts?: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  /** Notifications this message would have sent (must stay 0 for paper data). */
  pings: number;
  edited?: boolean;
  raw: Record<string, unknown>;
}

export interface EphemeralMessage {
  id: string;
  user: string;
  channel: string;
  text: string;
  blocks?: unknown[];
  pings: number;
  /** How many times it was replaced in place (replace_original). */
  replacements: number;
  deleted?: boolean;
}

export interface ChannelState {
  member: boolean;
  archived: boolean;
  /** For DMs opened with conversations.open. */
  dmUser?: string;
}

export interface UserState {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  deleted?: boolean;
  /** A bot user: conversations.open with it answers cannot_dm_bot. */
  bot?: boolean;
}

export interface UploadedFile {
  id: string;
  filename: string;
  length: number;
  content?: string;
  channel?: string;
  title?: string;
  initialComment?: string;
}

export interface Injection {
  /** Slack error code for `{ok:false, error}` (HTTP 200) … */
  error?: string;
  /** … or an HTTP status (429 gets Retry-After). */
  status?: number;
  retryAfterSec?: number;
  /** Delay before answering, ms. */
  delayMs?: number;
}

export class FakeSlackState {
  readonly startedAt = Date.now();
  readonly journal: JournalEntry[] = [];
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly homeViews = new Map<string, { blocks: unknown[]; publishes: number }>();
  readonly unfurls: { channel?: string; ts?: string; unfurlId?: string; unfurls: Record<string, unknown> }[] = [];
  readonly files = new Map<string, UploadedFile>();
  readonly channels = new Map<string, ChannelState>();
  readonly users = new Map<string, UserState>();
  /** Payloads Slack refused (validation failures); tests assert this stays empty for paperboy's output. */
  readonly rejections: { where: string; error: string; errors: string[]; body: unknown }[] = [];
  readonly injections = new Map<string, Injection[]>();
  /** 5xx / lost / held responses after a stored write (write-faults.ts). */
  readonly writeFaults = createWriteFaults();
  private lastMicros = 0;
  private seq = 0;

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(6, "0")}`;
  }

  /** A message ts: `<seconds>.<6 digits>`, strictly increasing, tracking the real clock. */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    const s = Math.floor(this.lastMicros / 1e6);
    return `${s}.${String(this.lastMicros % 1e6).padStart(6, "0")}`;
  }

  channel(id: string): ChannelState {
    let c = this.channels.get(id);
    if (!c) {
      c = { member: true, archived: false };
      this.channels.set(id, c);
    }
    return c;
  }

  takeInjection(method: string): Injection | undefined {
    return this.injections.get(method)?.shift();
  }

  storeEphemeral(user: string, channel: string, payload: { text?: unknown; blocks?: unknown }): EphemeralMessage {
    const msg: EphemeralMessage = {
      id: this.nextId("eph"),
      user,
      channel,
      text: typeof payload.text === "string" ? payload.text : "",
      ...(Array.isArray(payload.blocks) ? { blocks: payload.blocks } : {}),
      pings: countPings(payload),
      replacements: 0,
    };
    this.ephemerals.push(msg);
    return msg;
  }

  /** Every notification any stored message, ephemeral, view or unfurl would have sent. */
  totalPings(): number {
    const views = [...this.homeViews.values()].reduce((n, v) => n + countPings({ blocks: v.blocks }), 0);
    const unfurls = this.unfurls.reduce((n, u) => n + countPings({ blocks: Object.values(u.unfurls) }), 0);
    return (
      this.messages.reduce((n, m) => n + m.pings, 0) + this.ephemerals.reduce((n, m) => n + m.pings, 0) + views + unfurls
    );
  }
}
