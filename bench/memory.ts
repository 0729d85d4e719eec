// Idle memory benchmark: the compiled paperboy (`node dist/src/main.js`, what `npm start` and the container run)
// with both adapters connected to the fake Discord, fake Slack and fake Hugging Face, next to a bare discord.js +
// Bolt process doing the same connection work (bench/memory-bare.ts), measured one after the other in the same
// run. The figure is the resident set size once /healthz is 200 and the process has settled (median of samples).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { createFakeDiscord } from "../test/fakes/fake-discord.js";
import { createFakeHf } from "../test/fakes/fake-hf.js";
import { createFakeSlack, FAKE_BOT_TOKEN } from "../test/fakes/fake-slack.js";
import { freePort } from "../test/support/free-port.js";

const root = join(import.meta.dirname, "..");
const SIGNING_SECRET = "bench-signing-secret";

/** The V8 flags `npm start` and the container run paperboy with (package.json "start", Dockerfile CMD). */
export const START_NODE_FLAGS = ["--max-semi-space-size=4"];

export interface MemoryFigures {
  /** Node flags both processes ran with. */
  flags: string[];
  paperboyMb: number;
  bareMb: number;
  settleMs: number;
}


function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/** Starts `args`, waits for /healthz 200, lets it settle, and returns the median RSS of a few samples. */
async function idleRss(args: string[], env: Record<string, string>, port: number, settleMs: number): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const until = Date.now() + 60_000;
    while ((await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`${args.join(" ")} never became healthy`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const samples: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      samples.push(rssMb(child.pid!));
      await new Promise((r) => setTimeout(r, 250));
    }
    return samples.sort((a, b) => a - b)[4]!;
  } finally {
    child.kill("SIGKILL");
  }
}

/** Plain JavaScript for the baseline, next to dist/ so node_modules resolves from it. */
function compileBare(): string {
  const source = readFileSync(join(root, "bench", "memory-bare.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  mkdirSync(join(root, "dist", "bench"), { recursive: true });
  const out = join(root, "dist", "bench", "memory-bare.js");
  writeFileSync(out, outputText);
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Paperboy and the bare baseline, first with Node's defaults, then both with START_NODE_FLAGS; each figure is the
 * median of `runs` alternating starts (RSS varies by ±10 MB between starts on a busy machine).
 */
export async function benchMemory(settleMs = 5_000, runs = 3): Promise<MemoryFigures[]> {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  const bare = compileBare();
  const [hf, slack, discord] = await Promise.all([createFakeHf(), createFakeSlack(), createFakeDiscord()]);
  try {
    const figures: MemoryFigures[] = [];
    for (const flags of [[], START_NODE_FLAGS]) {
      const pairs: MemoryFigures[] = [];
      for (let i = 0; i < runs; i += 1) pairs.push(await measurePair(flags));
      figures.push({ flags, settleMs, paperboyMb: median(pairs.map((p) => p.paperboyMb)), bareMb: median(pairs.map((p) => p.bareMb)) });
    }
    return figures;
  } finally {
    await Promise.all([hf.close(), slack.close(), discord.close()]);
  }

  async function measurePair(flags: string[]): Promise<MemoryFigures> {
    const barePort = await freePort();
    const bareArgs = {
      discordToken: discord.token,
      discordApiUrl: discord.apiUrl,
      slackToken: FAKE_BOT_TOKEN,
      slackSigningSecret: SIGNING_SECRET,
      slackApiUrl: slack.apiUrl,
      port: barePort,
    };
    const bareMb = await idleRss([...flags, bare, JSON.stringify(bareArgs)], {}, barePort, settleMs);

    const port = await freePort();
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      HF_API_URL: hf.url,
      ARXIV_API_URL: hf.arxivUrl,
      STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-mem-")), "store.sqlite")}`,
      PORT: String(port),
    };
    const paperboyMb = await idleRss([...flags, join(root, "dist", "src", "main.js")], env, port, settleMs);
    return { flags, paperboyMb, bareMb, settleMs };
  }
}
