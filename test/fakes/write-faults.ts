// Faults that strike AFTER a platform stored a write, shared by the fake Discord and the fake Slack: the reply
// is a 5xx (500/502/503), the socket is destroyed (the response is lost), or the reply is held until the test
// releases it (a process killed while waiting). This is the case that tempts an SDK to double-post.
import type { ServerResponse } from "node:http";

export type WriteFaultKind = 500 | 502 | 503 | "drop" | "hold";

export interface WriteFault {
  /** Which requests it applies to (the fake passes its own request description). */
  match: (req: { route: string; body: Record<string, unknown> }) => boolean;
  /** Matching requests let through untouched before it strikes (0: the first match; 2: the third). */
  skip?: number;
  fault: WriteFaultKind;
  /** How many matching requests it strikes once it started (default 1). */
  times?: number;
  /** Called when it strikes, after the write was stored. */
  onStrike?: () => void;
}

export interface WriteFaults {
  add(fault: WriteFault): void;
  /** The fault for this stored write, if one strikes now (counts skips and uses). */
  take(route: string, body: Record<string, unknown>): WriteFaultKind | undefined;
  /** Answers a struck request: a 5xx with `body5xx`, a destroyed socket, or nothing until release/close. */
  apply(kind: WriteFaultKind, res: ServerResponse, body5xx: unknown): void;
  /** Writes that struck, in order. */
  readonly struck: { route: string; kind: WriteFaultKind; at: number }[];
  /** Drops every held response (their sockets are destroyed). */
  releaseAll(): void;
}

export function createWriteFaults(): WriteFaults {
  const faults: (WriteFault & { seen: number; used: number })[] = [];
  const held = new Set<ServerResponse>();
  const struck: WriteFaults["struck"] = [];
  return {
    struck,
    add(fault) {
      faults.push({ ...fault, seen: 0, used: 0 });
    },
    take(route, body) {
      for (const f of faults) {
        if (f.used >= (f.times ?? 1) || !f.match({ route, body })) continue;
        f.seen += 1;
        if (f.seen <= (f.skip ?? 0)) continue;
        f.used += 1;
        struck.push({ route, kind: f.fault, at: Date.now() });
        f.onStrike?.();
        return f.fault;
      }
      return undefined;
    },
    apply(kind, res, body5xx) {
      if (kind === "drop") {
        res.socket?.destroy();
        return;
      }
      if (kind === "hold") {
        held.add(res);
        return;
      }
      res.writeHead(kind, { "content-type": "application/json" });
      res.end(JSON.stringify(body5xx));
    },
    releaseAll() {
      for (const res of held) res.socket?.destroy();
      held.clear();
    },
  };
}
