// The dependency rule of STYLE.md, enforced: src/ and commands/ import no platform SDK and nothing from
// adapters/ (the composition roots src/main.ts and src/cli/* excepted); the Discord and Slack adapters never import each other.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
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

describe("module boundaries", () => {
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
