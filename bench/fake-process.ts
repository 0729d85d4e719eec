// Starts bench/fake-server.ts as a child process and talks to it over IPC.
import { fork, type ChildProcess } from "node:child_process";

export interface FakeProcess {
  info: { apiUrl: string; token?: string; channelIds: string[] };
  stats(): Promise<{ rateLimited: number; messages: number; spanMs?: number; perSecond?: number[] }>;
  close(): void;
}

export async function startFakeProcess(args: Record<string, unknown>): Promise<FakeProcess> {
  const child: ChildProcess = fork("bench/fake-server.ts", [JSON.stringify(args)], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const info = await new Promise<FakeProcess["info"]>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (m: { type: string } & FakeProcess["info"]) => {
      if (m.type === "ready") resolve(m);
    });
  });
  return {
    info,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; rateLimited: number; messages: number; spanMs?: number; perSecond?: number[] }) => {
          if (m.type !== "stats") return;
          child.off("message", onMessage);
          resolve(m);
        };
        child.on("message", onMessage);
        child.send({ type: "stats" });
      }),
    close: () => child.kill(),
  };
}
