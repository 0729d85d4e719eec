// Everything the fake Discord remembers, in one place tests can read: messages (channel and interaction
// webhooks, with the exact bodies sent), interactions and their acknowledgements, registered commands, the
// request journal, rate-limit and mention statistics. The REST routes mutate it; tests assert on it.
import { hasEmptyAllowedMentions, wouldPingEveryone } from "./fake-discord-limits.js";
import { messageJson, snowflake, type FakeWorld } from "./fake-discord-model.js";
import { createWriteFaults } from "./write-faults.js";

export interface StoredFile {
  name: string;
  contentType: string;
  content: string;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  /** The last body sent for it (create or edit), exactly as received. */
  body: Record<string, unknown>;
  files: StoredFile[];
  via: "channel" | "interaction";
  interactionId?: string;
  ephemeral: boolean;
  /** Emoji the bot itself has reacted with. */
  botReactions: Set<string>;
  edits: number;
  json: Record<string, unknown>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 command, 3 component, 4 autocomplete. */
  type: number;
  userId: string;
  channelId: string;
  injectedAt: number;
  /** The message a component interaction came from. */
  sourceMessageId?: string;
  /** How often that message had been edited when the click was injected (to see the update land). */
  sourceEditsAtInjection?: number;
  ack?: { type: number; at: number; data: Record<string, unknown> };
  /** Message id of @original once there is one. */
  originalId?: string;
  followUpIds: string[];
  /** Error codes the fake answered for this interaction (10062, 40060 …). */
  errors: number[];
}

export interface RestRecord {
  at: number;
  method: string;
  path: string;
  status: number;
  body: unknown;
  authorized: boolean;
}

export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  code: number;
  message: string;
}

export function createState(world: FakeWorld, interactionDeadlineMs: number) {
  const messages = new Map<string, StoredMessage>();
  /** enforce_nonce memory: `channel:nonce` → the message and when it was created. */
  const nonces = new Map<string, { id: string; at: number }>();
  return {
    world,
    interactionDeadlineMs,
    messages,
    nonces,
    /** How long a nonce is remembered (real Discord: "a few minutes"); tests shorten it. */
    nonceWindowMs: 180_000,
    /** 5xx / lost / held responses after a stored write (write-faults.ts). */
    writeFaults: createWriteFaults(),
    interactions: new Map<string, InteractionRecord>(),
    commands: { global: [] as Record<string, unknown>[], guild: new Map<string, Record<string, unknown>[]>() },
    requests: [] as RestRecord[],
    /** Every gateway frame in both directions. */
    frames: [] as { at: number; kind: "gateway-in" | "gateway-out"; frame: { op: number; t: string | null; d: unknown } }[],
    failures: [] as InjectedFailure[],
    stats: { rateLimited: 0, invalidRequests: 0, invalidFormBody: 0 },
    /** Bodies that lacked `allowed_mentions: {parse: []}`, and bodies that would have pinged @everyone. */
    violations: { allowedMentions: [] as Record<string, unknown>[], pingEveryone: [] as Record<string, unknown>[] },

    /** Forgets the nonces used in these channels, as if their window had passed (a restart minutes later). */
    expireNonces(channelIds: Iterable<string>): void {
      const ids = new Set(channelIds);
      for (const key of [...nonces.keys()]) if (ids.has(key.slice(0, key.indexOf(":")))) nonces.delete(key);
    },

    /** Checks mention safety of a body the bot sent; records violations. */
    audit(body: Record<string, unknown>): void {
      if (!hasEmptyAllowedMentions(body)) this.violations.allowedMentions.push(body);
      if (wouldPingEveryone(body)) this.violations.pingEveryone.push(body);
    },

    store(input: {
      /** Forced id (a forum post's starter message shares its thread's id); a new snowflake otherwise. */
      id?: string;
      channelId: string;
      body: Record<string, unknown>;
      files: StoredFile[];
      via: StoredMessage["via"];
      interactionId?: string;
    }): StoredMessage {
      const id = input.id ?? snowflake();
      const flags = typeof input.body.flags === "number" ? input.body.flags : 0;
      const msg: StoredMessage = {
        id,
        channelId: input.channelId,
        body: input.body,
        files: input.files,
        via: input.via,
        ephemeral: (flags & 64) !== 0,
        botReactions: new Set(),
        edits: 0,
        json: {},
        ...(input.interactionId ? { interactionId: input.interactionId } : {}),
      };
      msg.json = this.toJson(msg);
      messages.set(id, msg);
      return msg;
    },

    edit(msg: StoredMessage, body: Record<string, unknown>, files: StoredFile[]): StoredMessage {
      // An edit replaces only the fields it names, like Discord's PATCH.
      msg.body = { ...msg.body, ...body };
      if (files.length > 0) msg.files = files;
      msg.edits += 1;
      msg.json = this.toJson(msg);
      return msg;
    },

    toJson(msg: StoredMessage): Record<string, unknown> {
      const attachments = msg.files.map((f, i) => ({
        id: `${msg.id.slice(0, -2)}${String(i).padStart(2, "0")}`,
        filename: f.name,
        size: Buffer.byteLength(f.content),
        url: `https://cdn.fake.discord/attachments/${msg.channelId}/${msg.id}/${encodeURIComponent(f.name)}`,
        proxy_url: `https://media.fake.discord/attachments/${msg.channelId}/${msg.id}/${encodeURIComponent(f.name)}`,
        content_type: f.contentType,
      }));
      return messageJson(world, {
        id: msg.id,
        channelId: msg.channelId,
        body: msg.body,
        attachments,
        ...(msg.via === "interaction" ? { webhookId: world.applicationId } : {}),
      });
    },

    /** Messages visible in a channel (ephemeral interaction replies are not), oldest first. */
    channelMessages(channelId: string): StoredMessage[] {
      return [...messages.values()].filter((m) => m.channelId === channelId && !m.ephemeral);
    },
  };
}

export type FakeDiscordState = ReturnType<typeof createState>;
