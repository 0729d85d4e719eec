// Replays the Dockerfile step by step without a container engine (none runs on the development machine):
//   npx tsx scripts/check-dockerfile.ts        (slow: a clean `npm ci`, ~5–10 minutes; not part of CI)
// Each stage gets a clean temporary directory standing in for /app; COPY copies exactly what the Dockerfile
// names (so a missing COPY fails here too), RUN lines run in bash there, apt-get lines become checks that the
// tools exist, and the final CMD runs as a non-root user with the image's ENV, against the fake Discord, Slack and
// Hugging Face, until the Dockerfile's own HEALTHCHECK command passes. Then SIGTERM must exit 0 within 8 s.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeDiscord } from "../test/fakes/fake-discord.js";
import { createFakeHf } from "../test/fakes/fake-hf.js";
import { createFakeSlack, FAKE_BOT_TOKEN } from "../test/fakes/fake-slack.js";

const root = join(import.meta.dirname, "..");
/** Stands in for the image's non-root `node` user (uid 1000 in node images). */
const RUN_AS = "nobody";
const TOOLS: Record<string, string> = { python3: "python3", make: "make", "g++": "g++" };

interface Stage {
  name: string;
  dir: string;
  env: Record<string, string>;
  user?: string;
  cmd?: string[];
  healthcheck?: string[];
}

const tmp = mkdtempSync(join(tmpdir(), "paperboy-dockerfile-"));
chmodSync(tmp, 0o755);
const dataDir = join(tmp, "data");
const stages: Stage[] = [];
const step = (text: string) => process.stdout.write(`\n== ${text}\n`);
const fail = (text: string): never => {
  process.stderr.write(`\nFAILED: ${text}\n(work directory kept: ${tmp})\n`);
  process.exit(1);
};

/** Dockerfile lines → instructions, continuations joined, comments dropped. */
function instructions(text: string): { op: string; rest: string }[] {
  const joined = text.replace(/\\\n/g, " ").split("\n");
  return joined
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [op = "", ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), rest: rest.join(" ") };
    });
}

/** Image paths → the temporary stand-ins. */
function mapPaths(text: string, stage: Stage): string {
  return text.replaceAll("/app", stage.dir).replaceAll("/data", dataDir);
}

function ignoredByDockerignore(name: string): boolean {
  const rules = readFileSync(join(root, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  return rules.some((r) => r === name || (r.endsWith("*") && name.startsWith(r.slice(0, -1))));
}

function run(command: string, stage: Stage): void {
  const started = Date.now();
  const result = spawnSync("bash", ["-euo", "pipefail", "-c", command], { cwd: stage.dir, stdio: "inherit", env: { ...process.env, ...stage.env } });
  if (result.status !== 0) fail(`RUN ${command} (exit ${result.status})`);
  process.stdout.write(`   ok in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

function apply(op: string, rest: string, stage: Stage | undefined): Stage | undefined {
  if (op === "FROM") {
    const [image = "", , name = `stage${stages.length}`] = rest.split(/\s+/);
    const major = /^node:(\d+)/.exec(image)?.[1];
    if (major !== process.versions.node.split(".")[0]) fail(`${image}: this machine runs Node ${process.version}; the check needs the same major`);
    const next: Stage = { name, dir: join(tmp, name), env: {} };
    mkdirSync(next.dir, { recursive: true });
    stages.push(next);
    return next;
  }
  if (!stage) return fail(`${op} before FROM`);
  if (op === "WORKDIR") {
    if (rest !== "/app") fail(`WORKDIR ${rest}: the check maps only /app`);
  } else if (op === "ENV") {
    const [key = "", ...value] = rest.split("=");
    stage.env[key] = mapPaths(value.join("="), stage);
  } else if (op === "COPY") {
    const from = /^--from=(\S+)\s+/.exec(rest);
    const parts = rest.replace(/^--\S+\s+/, "").split(/\s+/);
    const dest = join(stage.dir, parts.pop()!);
    for (const src of parts) {
      let source = join(root, src);
      if (from) {
        const other = stages.find((s) => s.name === from[1]) ?? fail(`COPY --from=${from[1]}: no such stage`);
        source = mapPaths(src, other);
      } else if (ignoredByDockerignore(src)) fail(`COPY ${src}: excluded by .dockerignore`);
      if (!existsSync(source)) fail(`COPY ${src}: ${source} does not exist`);
      const target = parts.length > 1 || dest.endsWith("/") ? join(dest, src.split("/").pop()!) : dest;
      cpSync(source, target, { recursive: true });
    }
  } else if (op === "RUN") {
    if (/apt-get install/.test(rest)) {
      const wanted = rest.split(/\s+/).filter((w) => w in TOOLS);
      for (const pkg of wanted) if (spawnSync("which", [TOOLS[pkg]!]).status !== 0) fail(`${pkg} is not installed here`);
      process.stdout.write(`   present here: ${wanted.join(", ")}\n`);
    } else {
      const chowned = rest.replace(/chown (\S+):(\S+)/g, `chown ${RUN_AS}:$(id -gn ${RUN_AS})`);
      run(mapPaths(chowned, stage), stage);
    }
  } else if (op === "USER") {
    stage.user = rest;
  } else if (op === "CMD") {
    stage.cmd = JSON.parse(rest) as string[];
  } else if (op === "HEALTHCHECK") {
    stage.healthcheck = JSON.parse(rest.slice(rest.indexOf("CMD") + 3).trim()) as string[];
  } else if (!["VOLUME", "EXPOSE", "ARG", "LABEL"].includes(op)) {
    fail(`${op}: not understood by this check`);
  }
  return stage;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let stage: Stage | undefined;
for (const { op, rest } of instructions(readFileSync(join(root, "Dockerfile"), "utf8"))) {
  step(`${op} ${rest.length > 110 ? `${rest.slice(0, 110)}…` : rest}`);
  stage = apply(op, rest, stage);
}
const final = stage ?? fail("no stage");
const cmd = final.cmd ?? fail("the last stage needs a CMD");
const healthcheck = final.healthcheck ?? fail("the last stage needs a HEALTHCHECK");
if (!final.user || final.user === "root") fail("the last stage must switch to a non-root USER");
const leftovers = ["typescript", "tsx", "vitest"].filter((p) => existsSync(join(final.dir, "node_modules", p)));
if (leftovers.length > 0) fail(`dev dependencies left in the runtime stage: ${leftovers.join(", ")}`);
if (statSync(dataDir).uid !== Number(spawnSync("id", ["-u", RUN_AS]).stdout.toString())) fail("/data is not owned by the runtime user");
step(`runtime: ${readdirSync(final.dir).join(", ")}; /data owned by the runtime user`);

step(`CMD ${cmd.join(" ")} as ${RUN_AS} (USER ${final.user}), both adapters against the fakes`);
const [hf, slack, discord] = await Promise.all([createFakeHf(), createFakeSlack(), createFakeDiscord()]);
const port = await freePort();
const env = {
  PATH: process.env.PATH ?? "",
  ...final.env,
  PORT: String(port),
  DISCORD_TOKEN: discord.token,
  DISCORD_API_URL: discord.apiUrl,
  SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
  SLACK_SIGNING_SECRET: "check-dockerfile-secret",
  SLACK_API_URL: slack.apiUrl,
  HF_API_URL: hf.url,
  ARXIV_API_URL: hf.arxivUrl,
};
const id = (flag: string) => Number(spawnSync("id", [flag, RUN_AS]).stdout.toString());
// Spawned directly with the user's uid/gid (no su/runuser wrapper in between, so SIGTERM reaches node itself).
const asUser = { cwd: final.dir, env, uid: id("-u"), gid: id("-g") };
const app = spawn(cmd[0]!, cmd.slice(1), { ...asUser, stdio: ["ignore", "ignore", "inherit"] });
const started = Date.now();
let healthy = false;
while (!healthy && Date.now() - started < 90_000 && app.exitCode === null) {
  await new Promise((r) => setTimeout(r, 1_000));
  healthy = spawnSync(healthcheck[0]!, healthcheck.slice(1), asUser).status === 0;
}
if (!healthy) fail("the HEALTHCHECK command never passed");
process.stdout.write(`   HEALTHCHECK passed after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (!existsSync(join(dataDir, "paperboy.sqlite"))) fail("no SQLite store on the /data volume");
const stopAt = Date.now();
const code = await new Promise<number | null>((resolve) => {
  app.once("exit", resolve);
  app.kill("SIGTERM");
});
if (code !== 0 || Date.now() - stopAt > 8_000) fail(`SIGTERM: exit ${code} after ${Date.now() - stopAt} ms`);
process.stdout.write(`   SIGTERM: exit 0 after ${Date.now() - stopAt} ms; store on the volume: ${join(dataDir, "paperboy.sqlite")}\n`);
await Promise.all([hf.close(), slack.close(), discord.close()]);
step("every Dockerfile step checked");
process.exit(0);
