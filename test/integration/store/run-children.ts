// Spawns store child processes (child.ts), waits until every one has opened the store, then releases them at
// once and collects their results. Shared by cross-process.test.ts and bench/store.ts.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildInput, ChildResult } from "./child.js";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

export async function runChildren(inputs: ChildInput[]): Promise<ChildResult[]> {
  const children = inputs.map((input) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(input)], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.startsWith("ready\n")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`store child exited (${code}) before it was ready: ${err}`)));
    });
    const done = new Promise<ChildResult>((resolve, reject) => {
      child.once("exit", (code) => {
        const last = out.trim().split("\n").at(-1) ?? "";
        if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as ChildResult);
        else reject(new Error(`store child exited (${code}): ${err}`));
      });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end("go\n");
  return Promise.all(children.map((c) => c.done));
}
