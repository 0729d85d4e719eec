// The /paper command JSON is generated from the real command registry's zod schemas and always passes
// Discord's command validation (names, descriptions, option counts, required-first, no choices+autocomplete).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildPaperCommand } from "../../../adapters/discord/options.js";
import { commands } from "../../../commands/index.js";
import { defineCommand, type CommandDefinition } from "../../../src/dispatch/define-command.js";
import { textReply } from "../../../src/message.js";
import { checkCommands } from "../../fakes/fake-discord-limits.js";

const def = (name: string, schema: z.ZodObject, description = "d"): CommandDefinition =>
  defineCommand({ name, description, schema, examples: [], run: async () => textReply("ok") }) as unknown as CommandDefinition;

describe("buildPaperCommand", () => {
  it("generates one /paper command with a subcommand per registry entry and typed options", () => {
    const json = buildPaperCommand(commands);
    expect(checkCommands([json])).toEqual([]);
    expect(json.name).toBe("paper");
    const subs = (json.options ?? []) as { name: string; options?: Record<string, unknown>[] }[];
    expect(subs.map((s) => s.name)).toEqual(commands.map((c) => c.name));
    const get = subs.find((s) => s.name === "get");
    expect(get?.options?.[0]).toMatchObject({ name: "id", type: 3, required: true, autocomplete: true });
    const bookmarks = subs.find((s) => s.name === "bookmarks");
    expect(bookmarks?.options?.[0]).toMatchObject({ name: "format", required: false, choices: ["list", "unread", "markdown", "bibtex", "csv", "ris", "csljson", "feed"].map((c) => ({ name: c, value: c })) });
    expect(bookmarks?.options?.[1]).toMatchObject({ name: "action", required: false, choices: [{ name: "reset", value: "reset" }] });
    expect(bookmarks?.options?.[0]).not.toHaveProperty("autocomplete");
  });

  it("maps zod types, ranges and puts required options first", () => {
    const schema = z.object({
      time: z.string().optional().describe("x".repeat(150)),
      top: z.number().int().min(1).max(20).describe("How many"),
      ratio: z.number().min(0).optional().describe("A ratio"),
      loud: z.boolean().describe("Loud?"),
    });
    const json = buildPaperCommand([def("subscribe", schema)]);
    expect(checkCommands([json])).toEqual([]);
    const options = ((json.options ?? [])[0] as unknown as { options: Record<string, unknown>[] }).options;
    expect(options.map((o) => o.name)).toEqual(["top", "loud", "time", "ratio"]);
    expect(options[0]).toMatchObject({ type: 4, min_value: 1, max_value: 20 });
    expect(options[1]).toMatchObject({ type: 5 });
    expect(options[3]).toMatchObject({ type: 10, min_value: 0 });
    expect(String(options[2]?.description).length).toBe(100);
  });

  it("refuses names Discord would reject instead of failing at deploy time", () => {
    expect(() => buildPaperCommand([def("x".repeat(33), z.object({}))])).toThrow(/1–32/);
    expect(() => buildPaperCommand([def("Search", z.object({}))])).toThrow();
    const wide = z.object(Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`o${i}`, z.string().optional()])));
    expect(() => buildPaperCommand([def("wide", wide)])).toThrow(/25/);
  });
});
