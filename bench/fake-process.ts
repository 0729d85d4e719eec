// Starts bench/fake-server.ts as a child process and talks to it over IPC.
import { fork, type ChildProcess } from "node:child_process";

export interface FakeProcess {
  info: { apiUrl: string; token?: string; channelIds: string[] };
  stats(): Promise<{ rateLimited: number; messages: number; spanMs?: number; perSecond?: number[] }>;
  /** Discord: when `channels`' paper/header messages and 🔖 reactions arrived (epoch ms), and their 429s. */
  timeline(channels: string[]): Promise<Timeline>;
  /** Discord: stores `perChannel` bot messages in each channel without a request; their ids per channel. */
  seed(channels: string[], perChannel: number): Promise<string[][]>;
  close(): void;
}

export interface Timeline {
  posts: number;
  firstPost: number;
  lastPost: number;
  reactions: number;
  lastReaction?: number;
  reactionsBeforeLastPost: number;
  /** When each successful edit (PATCH) of the channels' messages arrived. */
  editTimes: number[];
  edits429: number;
  rateLimited: number;
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
    timeline: (channels) =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string } & Timeline) => {
          if (m.type !== "timeline") return;
          child.off("message", onMessage);
          resolve(m);
        };
        child.on("message", onMessage);
        child.send({ type: "timeline", channels });
      }),
    seed: (channels, perChannel) =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; ids: string[][] }) => {
          if (m.type !== "seeded") return;
          child.off("message", onMessage);
          resolve(m.ids);
        };
        child.on("message", onMessage);
        child.send({ type: "seed", channels, perChannel });
      }),
    close: () => child.kill(),
  };
}
