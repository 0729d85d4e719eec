// A redis-server on a fixed loopback port that can be stopped, hung (SIGSTOP) and started again on the same port
// with its data (append-only file): for tests of paperboy with its store down. Rejects — the test fails, never
// skips — when redis-server is missing.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

export interface RestartableRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP: connections are accepted, nothing is answered. */
  hang(): void;
  resume(): void;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("Ready to accept connections")) resolve(child);
    });
  });
}

/** A port the OS says is free right now. */

export async function startRestartableRedis(): Promise<RestartableRedis> {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-redis-"));
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the free port between the probe and redis-server's bind: try a few.
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    child = await launch(port, dir).catch((err: unknown) => {
      if (attempt >= 3) throw err;
      return undefined;
    });
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child ??= await launch(port, dir);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const c = child;
        child = undefined;
        if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
        c.removeAllListeners("exit");
        c.once("exit", () => resolve());
        c.kill("SIGCONT");
        c.kill("SIGTERM");
      }),
    hang: () => void child?.kill("SIGSTOP"),
    resume: () => void child?.kill("SIGCONT"),
  };
}
