// The fake Discord gateway (platforms.md A2/A3): HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeats and
// ACKs, RESUME with replay, op 7 reconnect requests, and injected dispatches. Like Discord (and unlike
// discord.js, which filters nothing) it withholds events the bot did not subscribe to with IDENTIFY intents.
import type { Server } from "node:http";
import { randomUUID } from "node:crypto";
import { WebSocketServer, type WebSocket } from "ws";
import { guildCreateJson, userJson, type FakeWorld } from "./fake-discord-model.js";

export const INTENT = { Guilds: 1 << 0, GuildMessages: 1 << 9, GuildMessageReactions: 1 << 10, DirectMessageReactions: 1 << 13, MessageContent: 1 << 15 } as const;

export type GatewayFrame = { op: number; d: unknown; s: number | null; t: string | null };

export interface GatewayJournal {
  (entry: { kind: "gateway-in" | "gateway-out"; frame: GatewayFrame }): void;
}

interface Session {
  id: string;
  intents: number;
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

export interface FakeGateway {
  /** Every IDENTIFY payload received. */
  readonly identifies: Record<string, unknown>[];
  /** Events withheld because the bot lacked the intent (a bug the fake makes visible). */
  readonly withheld: string[];
  /** Sends a dispatch to the live session; returns false when withheld or nobody is connected. */
  dispatch(t: string, d: Record<string, unknown>): boolean;
  /** Asks the client to reconnect and resume (op 7). */
  requestReconnect(): void;
  /** Stop answering heartbeats (the client then closes with 4200 and resumes). */
  setAckHeartbeats(on: boolean): void;
  resumes: number;
  connected(): boolean;
  close(): Promise<void>;
}

export function attachGateway(
  server: Server,
  opts: { world: FakeWorld; token: string; heartbeatIntervalMs: number; url: () => string; journal: GatewayJournal },
): FakeGateway {
  const wss = new WebSocketServer({ server });
  const sessions = new Map<string, Session>();
  let live: Session | undefined;
  let ackHeartbeats = true;
  let resumes = 0;
  const identifies: Record<string, unknown>[] = [];
  const withheld: string[] = [];

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

  wss.on("connection", (ws) => {
    send(ws, { op: 10, d: { heartbeat_interval: opts.heartbeatIntervalMs }, s: null, t: null });
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      opts.journal({ kind: "gateway-in", frame });
      const d = (frame.d ?? {}) as Record<string, unknown>;
      if (frame.op === 1) {
        if (ackHeartbeats) send(ws, { op: 11, d: null, s: null, t: null });
      } else if (frame.op === 2) {
        identifies.push(d);
        if (d.token !== opts.token) return ws.close(4004, "Authentication failed.");
        const session: Session = { id: randomUUID(), intents: Number(d.intents ?? 0), seq: 0, sent: [], socket: ws };
        sessions.set(session.id, session);
        live = session;
        dispatchTo(session, "READY", {
          v: 10,
          user: userJson(opts.world.bot),
          guilds: [{ id: opts.world.guildId, unavailable: true }],
          session_id: session.id,
          resume_gateway_url: opts.url(),
          shard: [0, 1],
          application: { id: opts.world.applicationId, flags: 0 },
        });
        if (session.intents & INTENT.Guilds) dispatchTo(session, "GUILD_CREATE", guildCreateJson(opts.world));
      } else if (frame.op === 6) {
        const session = sessions.get(String(d.session_id));
        if (!session || d.token !== opts.token) return send(ws, { op: 9, d: false, s: null, t: null });
        session.socket = ws;
        live = session;
        resumes += 1;
        for (const missed of session.sent.filter((f) => (f.s ?? 0) > Number(d.seq ?? 0))) send(ws, missed);
        dispatchTo(session, "RESUMED", {});
      }
      return undefined;
    });
    ws.on("close", () => {
      for (const s of sessions.values()) if (s.socket === ws) delete s.socket;
    });
  });

  return {
    identifies,
    withheld,
    get resumes() {
      return resumes;
    },
    dispatch(t, d) {
      if (!live) return false;
      const needed = intentFor(t, d);
      if (needed !== 0 && (live.intents & needed) === 0) {
        withheld.push(t);
        return false;
      }
      // Without a socket (client reconnecting) the event waits in the session and is replayed on RESUME.
      dispatchTo(live, t, d);
      return true;
    },
    requestReconnect() {
      if (live?.socket) send(live.socket, { op: 7, d: null, s: null, t: null });
    },
    setAckHeartbeats(on) {
      ackHeartbeats = on;
    },
    connected: () => Boolean(live?.socket),
    close() {
      for (const ws of wss.clients) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
