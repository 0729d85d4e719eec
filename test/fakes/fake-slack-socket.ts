// Socket Mode on the fake's port: the URL apps.connections.open hands out leads here. Sends `hello`, then
// envelopes the test asks for, and records each ack with its latency — Bolt does not enforce the 3-second
// ack itself in Socket Mode, so the fake is the one that measures it (platforms.md B3).
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { FAKE_APP_ID } from "./fake-slack-state.js";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface SocketAck {
  envelopeId: string;
  type: EnvelopeType;
  /** The ack body (`{}` for events, the response payload for commands). */
  payload: unknown;
  latencyMs: number;
}

export interface FakeSocketMode {
  /** Resolves once a client is connected and has been sent `hello`. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope; resolves with the client's ack (rejects after `timeoutMs` without one). */
  send(type: EnvelopeType, payload: unknown, options?: { retryAttempt?: number; timeoutMs?: number }): Promise<SocketAck>;
  readonly acks: SocketAck[];
  /** Asks the client to reconnect, as Slack does before rotating a connection. */
  disconnect(reason?: "refresh_requested" | "warning" | "link_disabled"): void;
  connectionCount(): number;
  close(): Promise<void>;
}

export function attachSocketMode(server: Server): FakeSocketMode {
  const wss = new WebSocketServer({ server });
  const acks: SocketAck[] = [];
  const pending = new Map<string, { type: EnvelopeType; sentAt: number; resolve: (ack: SocketAck) => void }>();
  let seq = 0;
  let current: WebSocket | undefined;
  let connections = 0;
  let waiters: (() => void)[] = [];

  wss.on("connection", (ws, req) => {
    if (!(req.url ?? "").startsWith("/link")) return ws.close(1008, "bad path");
    connections += 1;
    current = ws;
    ws.on("message", (data) => {
      let frame: { envelope_id?: string; payload?: unknown };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        return;
      }
      const waiting = frame.envelope_id ? pending.get(frame.envelope_id) : undefined;
      if (!waiting || !frame.envelope_id) return;
      pending.delete(frame.envelope_id);
      const ack: SocketAck = {
        envelopeId: frame.envelope_id,
        type: waiting.type,
        payload: frame.payload ?? {},
        latencyMs: performance.now() - waiting.sentAt,
      };
      acks.push(ack);
      waiting.resolve(ack);
    });
    ws.on("close", () => {
      if (current === ws) current = undefined;
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack", approximate_connection_time: 18060 },
        connection_info: { app_id: FAKE_APP_ID },
      }),
    );
    const ready = waiters;
    waiters = [];
    ready.forEach((w) => w());
  });

  return {
    acks,
    connectionCount: () => connections,
    connected(timeoutMs = 5000) {
      if (current?.readyState === 1) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no Socket Mode connection")), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    send(type, payload, options = {}) {
      const ws = current;
      if (!ws) return Promise.reject(new Error("no Socket Mode client connected"));
      seq += 1;
      const envelopeId = `env-${seq}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`envelope ${envelopeId} was not acked within ${options.timeoutMs ?? 5000} ms`));
        }, options.timeoutMs ?? 5000);
        pending.set(envelopeId, {
          type,
          sentAt: performance.now(),
          resolve: (ack) => {
            clearTimeout(timer);
            resolve(ack);
          },
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
            ...(options.retryAttempt ? { retry_attempt: options.retryAttempt, retry_reason: "timeout" } : {}),
          }),
        );
      });
    },
    disconnect(reason = "refresh_requested") {
      current?.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake-slack" } }));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
