// Runs `npm start`'s entry point (src/main.ts under tsx) as a child process: piped, exactly as
// `echo "/paper get …" | npm start` does, or at a real terminal (a pseudo-terminal from util-linux `script`),
// answering prompts as a person would.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..", "..");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = () => ({ PATH: process.env.PATH ?? "", LOG_LEVEL: "info" });

/** Piped: stdin is `input`, then EOF. `viaNpm` runs the literal `npm start -- …` (prestart build and npm's banner included). */
export function runPiped(args: string[], input: string, env: Record<string, string>, viaNpm = false): Promise<RunResult> {
  return new Promise((resolve) => {
    const [command, argv] = viaNpm ? ["npm", ["start", "--", ...args]] : [process.execPath, ["--import", "tsx", "src/main.ts", ...args]];
    const child = spawn(command, argv, {
      cwd: root,
      env: { ...baseEnv(), ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * At a terminal: each step waits until the screen shows `when`, then types `type`. The screen is everything the
 * terminal showed (stdout and stderr together, as a person sees them), with cursor moves dropped and `\r\n` turned into `\n`.
 */
export function runInTerminal(
  args: string[],
  steps: { when: RegExp; type: string }[],
  env: Record<string, string>,
): Promise<{ code: number | null; screen: string }> {
  const command = ["node", "--import", "tsx", "src/main.ts", ...args].join(" ");
  return new Promise((resolve) => {
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      cwd: root,
      env: { ...baseEnv(), ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    let next = 0;
    const onData = (d: Buffer) => {
      // readline's cursor moves (ESC [ … G/J) are not text a person reads.
      // eslint-disable-next-line no-control-regex
      screen += String(d).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/\r+\n/g, "\n");
      while (next < steps.length && steps[next]!.when.test(screen)) child.stdin.write(steps[next++]!.type);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => resolve({ code, screen }));
  });
}
