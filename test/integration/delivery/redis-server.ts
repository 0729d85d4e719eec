// Starts a throwaway redis-server on 127.0.0.1 and a free port for a test file (no persistence). Throws with a
// clear message when the binary is absent: tests fail, never skip (`.ci/run` installs it from Debian packages).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "../../support/free-port.js";

export const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}


export async function startRedisServer(): Promise<RedisServer> {
  if (!hasRedisServer) throw new Error("redis-server is not installed: install Debian's redis-server package");
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const ready = await new Promise<boolean>((resolve) => {
      let out = "";
      const timer = setTimeout(() => resolve(false), 5_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      const failed = () => {
        clearTimeout(timer);
        resolve(false);
      };
      child.once("exit", failed);
      // A missing binary: no "exit", only "error" (ENOENT).
      child.once("error", failed);
    });
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
      };
    }
    child.kill("SIGKILL");
    if (attempt >= 3) throw new Error("redis-server did not start");
  }
}
