// The fake Discord gateway (platforms.md A2/A3/A9): HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeats and
// ACKs, RESUME with replay, op 7 reconnect requests, and injected dispatches. Like Discord (and unlike
// discord.js, which filters nothing) it withholds events the bot did not subscribe to with IDENTIFY intents,
// and it shards: a session identified as `shard: [id, count]` only hears about guilds routed to it.
import type { Server } from "node:http";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { guildCreateJson, userJson, type FakeWorld } from "./fake-discord-model.js";
import { shardOf } from "./fake-discord-shards.js";

export const INTENT = { Guilds: 1 << 0, GuildMessages: 1 << 9, GuildMessageReactions: 1 << 10, DirectMessageReactions: 1 << 13, MessageContent: 1 << 15 } as const;

export type GatewayFrame = { op: number; d: unknown; s: number | null; t: string | null };

export interface GatewayJournal {
  (entry: { kind: "gateway-in" | "gateway-out"; frame: GatewayFrame }): void;
}

interface Session {
  id: string;
  intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY (`[0, 1]` when absent). */
  shard: [number, number];
  seq: number;
  /** Dispatches sent in this session, for replay on RESUME. */
  sent: GatewayFrame[];
  socket?: WebSocket;
}

/** The intent an event needs, or 0 when it needs none (INTERACTION_CREATE). */
function intentFor(t: string, d: Record<string, unknown>): number {
  if (t === "GUILD_CREATE" || t === "GUILD_DELETE") return INTENT.Guilds;
  if (t.startsWith("MESSAGE_REACTION_")) return d.guild_id ? INTENT.GuildMessageReactions : INTENT.DirectMessageReactions;
  if (t.startsWith("MESSAGE_")) return INTENT.GuildMessages;
  return 0;
}

/** The guild an event belongs to: its `guild_id`, or the guild object's own id for GUILD_CREATE/DELETE. */
function guildOf(t: string, d: Record<string, unknown>): string | undefined {
  if (typeof d.guild_id === "string") return d.guild_id;
  return t.startsWith("GUILD_") && typeof d.id === "string" ? d.id : undefined;
}

const validShard = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n)) && v[1] >= 1 && v[0] >= 0 && v[0] < v[1];

export interface FakeGateway {
  /** Every IDENTIFY payload received. */
  readonly identifies: Record<string, unknown>[];
  /** IDENTIFYs for a shard that already had a connected session (Discord allows it: both then get its events). */
  readonly duplicateIdentifies: [number, number][];
  /** Events withheld because the bot lacked the intent (a bug the fake makes visible). */
  readonly withheld: string[];
  /** Dispatches per shard id, by event name (`"1:INTERACTION_CREATE"`), to see what was routed where. */
  readonly routed: Map<string, number>;
  /** Sends a dispatch to the session(s) of the shard owning its guild (shard 0 when guild-less); false when withheld or nobody is connected. */
  dispatch(t: string, d: Record<string, unknown>): boolean;
  /** Asks every connected session to reconnect and resume (op 7). */
  requestReconnect(): void;
  /** Stop answering heartbeats (the client then closes with 4200 and resumes). */
  setAckHeartbeats(on: boolean): void;
  /**
   * A shard outage: closes that shard's connections with 4000 (resumable) and leaves its RESUME/IDENTIFY
   * unanswered until the returned `restore()`; the other shards keep working.
   */
  outage(shardId: number): () => void;
  resumes: number;
  /** Whether a session (of `shardId`, when given) has an open connection. */
  connected(shardId?: number): boolean;
  close(): Promise<void>;
}

export interface GatewayOptions {
  world: FakeWorld;
  token: string;
  heartbeatIntervalMs: number;
  url: () => string;
  journal: GatewayJournal;
  /** Guilds one shard may hold before IDENTIFY is refused with 4011 Sharding required (Discord: 2,500). */
  maxGuildsPerShard?: number;
}

export function attachGateway(server: Server, opts: GatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ server });
  const sessions: Session[] = [];
  let ackHeartbeats = true;
  let resumes = 0;
  const identifies: Record<string, unknown>[] = [];
  const duplicateIdentifies: [number, number][] = [];
  const withheld: string[] = [];
  const routed = new Map<string, number>();
  /** Shards in an outage, with the frames they sent meanwhile (answered on restore). */
  const down = new Map<number, { ws: WebSocket; frame: GatewayFrame }[]>();

  const send = (ws: WebSocket, frame: GatewayFrame) => {
    opts.journal({ kind: "gateway-out", frame });
    ws.send(JSON.stringify(frame));
  };
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    const frame: GatewayFrame = { op: 0, t, s: session.seq, d };
    session.sent.push(frame);
    if (session.socket) send(session.socket, frame);
  };
  const owns = (s: Session, guildId: string | undefined) => s.shard[0] === (guildId ? shardOf(guildId, s.shard[1]) : 0);
  /** Connected sessions of the owning shard; with none connected, the newest one (its client replays on RESUME). */
  const targets = (guildId: string | undefined): Session[] => {
    const owning = sessions.filter((s) => owns(s, guildId));
    const open = owning.filter((s) => s.socket);
    return open.length > 0 ? open : owning.slice(-1);
  };

  function identify(ws: WebSocket, d: Record<string, unknown>) {
    identifies.push(d);
    if (d.token !== opts.token) return ws.close(4004, "Authentication failed.");
    const shard = d.shard === undefined ? ([0, 1] as [number, number]) : d.shard;
    if (!validShard(shard)) return ws.close(4010, "Invalid shard.");
    const guilds = [...opts.world.guilds.keys()].filter((id) => shardOf(id, shard[1]) === shard[0]);
    if (guilds.length > (opts.maxGuildsPerShard ?? 2500)) return ws.close(4011, "Sharding required.");
    if (sessions.some((s) => s.socket && s.shard[0] === shard[0] && s.shard[1] === shard[1])) duplicateIdentifies.push(shard);
    const session: Session = { id: randomUUID(), intents: Number(d.intents ?? 0), shard, seq: 0, sent: [], socket: ws };
    sessions.push(session);
    dispatchTo(session, "READY", {
      v: 10,
      user: userJson(opts.world.bot),
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: opts.url(),
      shard,
      application: { id: opts.world.applicationId, flags: 0 },
    });
    if (session.intents & INTENT.Guilds) for (const id of guilds) dispatchTo(session, "GUILD_CREATE", guildCreateJson(opts.world, id));
    return undefined;
  }

  function resume(ws: WebSocket, d: Record<string, unknown>) {
    const session = sessions.find((s) => s.id === String(d.session_id));
    if (!session || d.token !== opts.token) return send(ws, { op: 9, d: false, s: null, t: null });
    session.socket = ws;
    resumes += 1;
    for (const missed of session.sent.filter((f) => (f.s ?? 0) > Number(d.seq ?? 0))) send(ws, missed);
    dispatchTo(session, "RESUMED", {});
    return undefined;
  }

  /** The shard a RESUME or IDENTIFY is for, to hold it during an outage. */
  const shardOfFrame = (frame: GatewayFrame, d: Record<string, unknown>): number | undefined => {
    if (frame.op === 6) return sessions.find((s) => s.id === String(d.session_id))?.shard[0];
    if (frame.op === 2) return validShard(d.shard) ? d.shard[0] : 0;
    return undefined;
  };

  function handle(ws: WebSocket, frame: GatewayFrame) {
    const d = (frame.d ?? {}) as Record<string, unknown>;
    const held = shardOfFrame(frame, d);
    if (held !== undefined && down.has(held)) return down.get(held)?.push({ ws, frame });
    if (frame.op === 1) {
      if (ackHeartbeats) send(ws, { op: 11, d: null, s: null, t: null });
    } else if (frame.op === 2) {
      identify(ws, d);
    } else if (frame.op === 6) {
      resume(ws, d);
    }
    return undefined;
  }

  wss.on("connection", (ws) => {
    send(ws, { op: 10, d: { heartbeat_interval: opts.heartbeatIntervalMs }, s: null, t: null });
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      opts.journal({ kind: "gateway-in", frame });
      handle(ws, frame);
    });
    ws.on("close", () => {
      for (const s of sessions) if (s.socket === ws) delete s.socket;
    });
  });

  return {
    identifies,
    duplicateIdentifies,
    withheld,
    routed,
    get resumes() {
      return resumes;
    },
    dispatch(t, d) {
      let delivered = false;
      for (const session of targets(guildOf(t, d))) {
        const needed = intentFor(t, d);
        if (needed !== 0 && (session.intents & needed) === 0) {
          withheld.push(t);
          continue;
        }
        // Without a socket (client reconnecting) the event waits in the session and is replayed on RESUME.
        dispatchTo(session, t, d);
        const key = `${session.shard[0]}:${t}`;
        routed.set(key, (routed.get(key) ?? 0) + 1);
        delivered = true;
      }
      return delivered;
    },
    requestReconnect() {
      for (const s of sessions) if (s.socket) send(s.socket, { op: 7, d: null, s: null, t: null });
    },
    setAckHeartbeats(on) {
      ackHeartbeats = on;
    },
    outage(shardId) {
      down.set(shardId, []);
      for (const s of sessions) if (s.shard[0] === shardId) s.socket?.close(4000, "Unknown error.");
      return () => {
        const waiting = down.get(shardId) ?? [];
        down.delete(shardId);
        for (const { ws, frame } of waiting) if (ws.readyState === ws.OPEN) handle(ws, frame);
      };
    },
    connected: (shardId) => sessions.some((s) => s.socket && (shardId === undefined || s.shard[0] === shardId)),
    close() {
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
