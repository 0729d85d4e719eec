// Starts a throwaway PostgreSQL server for a test file: 127.0.0.1 only, a free port, its unix socket in its own
// temp dir, durability off. initdb runs once per machine into a template directory that every start copies
// (a copy takes milliseconds, initdb seconds). Throws with a clear message when the binaries are missing:
// tests must fail, never skip (`.ci/run` installs Debian's postgresql). As root, the server runs as `postgres`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, cp, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth on loopback). */
  url: string;
  stop(): Promise<void>;
}

/** The directory holding initdb and postgres: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const onPath = which.status === 0 ? which.stdout.trim() : "";
  if (onPath && existsSync(onPath.replace(/initdb$/, "postgres"))) return onPath.replace(/\/initdb$/, "");
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): install Debian's postgresql package",
    );
  }
  return join(root, newest, "bin");
}

/** The uid/gid to run as: postgres refuses to run as root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error("running as root, but there is no `postgres` user to run PostgreSQL as");
  return { uid, gid };
}

async function chownTree(path: string, owner: { uid: number; gid: number }): Promise<void> {
  await chown(path, owner.uid, owner.gid);
  if ((await stat(path)).isDirectory()) {
    for (const entry of await readdir(path)) await chownTree(join(path, entry), owner);
  }
}

function run(cmd: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], ...(owner ?? {}) });
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

let template: Promise<string> | undefined;

/** An initdb'd cluster directory, made once per machine (user, version) and reused. */
function templateDir(bin: string, owner: { uid: number; gid: number } | undefined): Promise<string> {
  template ??= (async () => {
    const version = bin.split("/").at(-2) ?? "pg";
    const final = join(tmpdir(), `paperboy-pg-template-${version}-${owner?.uid ?? process.getuid?.() ?? 0}`);
    if (existsSync(join(final, "PG_VERSION"))) return final;
    const work = await mkdtemp(join(tmpdir(), "paperboy-pg-init-"));
    if (owner) await chownTree(work, owner);
    const data = join(work, "data");
    await run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], owner);
    // Another worker may have finished first; either template is fine.
    await rename(data, final).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
    return final;
  })();
  return template;
}


function waitReady(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let out = "";
    const timer = setTimeout(() => resolve(false), 15_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready to accept connections")) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const owner = runAs();
  const source = await templateDir(bin, owner);
  for (let attempt = 0; ; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), "paperboy-pg-"));
    const data = join(dir, "data");
    await cp(source, data, { recursive: true });
    if (owner) await chownTree(dir, owner);
    const port = await freePort();
    const settings = ["listen_addresses=127.0.0.1", `unix_socket_directories=${dir}`, "fsync=off",
      "synchronous_commit=off", "full_page_writes=off", "max_connections=200", "logging_collector=off"];
    const child = spawn(join(bin, "postgres"), ["-D", data, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
      stdio: ["ignore", "ignore", "pipe"],
      ...(owner ?? {}),
    });
    if (await waitReady(child)) {
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
            // SIGQUIT: immediate shutdown, nothing to keep.
            child.kill("SIGQUIT");
            await exited;
          }
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    if (attempt >= 2) throw new Error("PostgreSQL did not start (see its log above)");
  }
}
