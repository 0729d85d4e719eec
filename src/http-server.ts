// paperboy's one real HTTP server on PORT: `/healthz` (200/503 plus each adapter's state and outage reason),
// `/metrics`, and whatever an adapter mounts (Slack's `POST /slack/events`). Adapters get a `mount` function, never the server, so routing stays in one place.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpServer {
  /** Routes every request whose path starts with `pathPrefix` to `listener` (first match wins). */
  mount(pathPrefix: string, listener: RequestListener): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerConfig {
  /** True when every enabled adapter is connected. */
  isHealthy: () => boolean;
  /** Per-adapter state for the /healthz body, e.g. `{ slack: { state: "outage", reason: "auth", since } }`. */
  details?: () => Record<string, unknown>;
  /** Prometheus text exposition; absent → 404. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

export function createHttpServer(config: HttpServerConfig): HttpServer {
  const mounts: { prefix: string; listener: RequestListener }[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method === "GET" && path === "/healthz") {
      const ok = config.isHealthy();
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok, ...(config.details ? { adapters: config.details() } : {}) }));
      return;
    }
    if (req.method === "GET" && path === "/metrics" && config.metrics) {
      config.metrics().then(
        ({ contentType, body }) => {
          res.writeHead(200, { "content-type": contentType });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
      return;
    }
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    if (mount) return mount.listener(req, res);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  return {
    mount(prefix, listener) {
      mounts.push({ prefix, listener });
    },
    listen(port, host = "0.0.0.0") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
