// The dependency rule of STYLE.md, enforced: src/ and commands/ import no platform SDK and nothing from
// adapters/ (the composition roots src/main.ts and src/cli/* excepted); the Discord and Slack adapters never import
// each other; inside src/ every module imports only from its own layer or a lower one (LAYERS); the platform
// list is spelled out in one place (src/platforms.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
}

const SDK = /^(discord\.js|@discordjs\/|@slack\/)/;
/** Composition roots: the bot's entry point and the command-line entry points (`npm run deliver`). */
const isCompositionRoot = (f: string) => f === join("src", "main.ts") || f.startsWith(join("src", "cli"));

/**
 * The layers of src/, lowest first. A module may import from its own layer and the ones below, never above:
 * time and errors know nothing; the domain types; the sources, stores and formats; command dispatch and the
 * services built on the repositories; delivery; the composition (app, core, HTTP, entry points).
 */
const LAYERS: { name: string; members: string[] }[] = [
  { name: "time", members: ["time/", "errors.ts", "platforms.ts"] },
  { name: "domain", members: ["paper.ts", "message.ts", "log.ts", "ids.ts", "ports.ts"] },
  { name: "hf/format/store", members: ["hf/", "format/", "store/", "recommend/", "config.ts"] },
  { name: "dispatch", members: ["dispatch/", "core-deps.ts", "publish.ts", "metrics.ts", "adapter-outage.ts"] },
  { name: "schedule", members: ["schedule/", "alerts/", "syndication/"] },
  { name: "app", members: ["app.ts", "core.ts", "http-server.ts", "start-platforms.ts", "main.ts", "cli/"] },
];

function layerOf(srcPath: string): number {
  const inside = relative("src", srcPath).split("\\").join("/");
  const index = LAYERS.findIndex((l) => l.members.some((m) => (m.endsWith("/") ? inside.startsWith(m) : inside === m)));
  if (index < 0) throw new Error(`${srcPath} is in no layer: add it to LAYERS in boundary.test.ts`);
  return index;
}

describe("module boundaries", () => {
  it("inside src/, modules import only from their own layer or lower ones", () => {
    const offenders = tsFiles("src")
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .flatMap((f) =>
        importsOf(f)
          .filter((spec) => spec.startsWith("."))
          .map((spec) => normalize(join(dirname(f), spec)).replace(/\.js$/, ".ts"))
          .filter((target) => target.startsWith(`src${"/"}`) && !target.endsWith(".json"))
          .filter((target) => layerOf(target) > layerOf(f))
          .map((target) => `${f} (${LAYERS[layerOf(f)]?.name}) imports ${target} (${LAYERS[layerOf(target)]?.name})`),
      );
    expect(offenders).toEqual([]);
  });

  it("the platform list is defined once (src/platforms.ts)", () => {
    const repeats = [...tsFiles("src"), ...tsFiles("commands")].filter(
      (f) => f !== join("src", "platforms.ts") && /["']discord["']\s*\|\s*["']slack["']|\[\s*["']discord["'],\s*["']slack["']/.test(readFileSync(join(root, f), "utf8")),
    );
    expect(repeats).toEqual([]);
  });

  it("src/ and commands/ import no platform SDK and nothing from adapters/", () => {
    const offenders = [...tsFiles("src"), ...tsFiles("commands")]
      .filter((f) => !isCompositionRoot(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((spec) => SDK.test(spec) || spec.includes("/adapters/") || spec.startsWith("../adapters"))
          .map((spec) => `${relative(root, join(root, f))} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("src/ does not import commands/ (except the composition root)", () => {
    const offenders = tsFiles("src")
      .filter((f) => !isCompositionRoot(f))
      .flatMap((f) => importsOf(f).filter((s) => s.includes("commands/")).map((s) => `${f} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it("the Discord and Slack adapters do not import each other", () => {
    const cross = (from: string, other: string) =>
      tsFiles(join("adapters", from)).flatMap((f) =>
        importsOf(f).filter((s) => s.includes(`/${other}/`) || s.startsWith(`../${other}`)).map((s) => `${f} imports ${s}`),
      );
    expect([...cross("discord", "slack"), ...cross("slack", "discord")]).toEqual([]);
  });

  it("only src/config.ts reads process.env", () => {
    const readers = [...tsFiles("src"), ...tsFiles("commands"), ...tsFiles("adapters")].filter(
      (f) => f !== join("src", "config.ts") && readFileSync(join(root, f), "utf8").includes("process.env"),
    );
    expect(readers).toEqual([]);
  });
});
