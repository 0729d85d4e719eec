import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, describeOptions, type CommandDefinition } from "../../../src/dispatch/define-command.js";
import { cleanInput, parseCommandText, tokenize } from "../../../src/dispatch/parse-text.js";
import { UserError } from "../../../src/errors.js";
import { textReply } from "../../../src/message.js";

const subscribeLike = defineCommand({
  name: "subscribe",
  description: "test",
  schema: z.object({
    time: z.string().optional().describe("HH:MM"),
    timezone: z.string().optional().describe("zone"),
    top: z.number().int().min(1).max(25).optional().describe("how many"),
    keywords: z.string().optional().describe("keywords"),
  }),
  greedy: "keywords",
  examples: ["/paper subscribe 09:00 Europe/Berlin 5"],
  run: async () => textReply("ok"),
});

describe("parseCommandText", () => {
  it("maps positional text onto schema keys in order, converting numbers", () => {
    expect(parseCommandText(subscribeLike, "09:00 Europe/Berlin 5 diffusion, -survey")).toEqual({
      time: "09:00",
      timezone: "Europe/Berlin",
      top: 5,
      keywords: "diffusion, -survey",
    });
  });

  it("accepts key=value in any order", () => {
    expect(parseCommandText(subscribeLike, "top=3 time=07:30")).toEqual({ time: "07:30", top: 3 });
  });

  it("keeps quoted runs together", () => {
    expect(tokenize('a "b c" “d e”')).toEqual(["a", "b c", "d e"]);
  });

  it("rejects 5,000 characters with a plain message", () => {
    expect(() => parseCommandText(subscribeLike, "x".repeat(5000))).toThrow(UserError);
    expect(() => parseCommandText(subscribeLike, "x".repeat(5000))).toThrow(/under 1,000/);
  });

  it("removes control characters and bidi overrides", () => {
    expect(cleanInput("\u0007abc\u202e\u0000def\n")).toBe("abc  def");
  });

  it("complains about arguments nobody asked for, with an example", () => {
    const none = defineCommand({
      name: "bookmarks",
      description: "test",
      schema: z.object({ format: z.string().optional() }),
      examples: ["/paper bookmarks markdown"],
      run: async () => textReply("ok"),
    });
    expect(() => parseCommandText(none, "markdown extra")).toThrow(/didn't expect "extra".*Try: \/paper bookmarks markdown/);
  });
});

describe("optional choices (feed kind, weekday)", () => {
  const feedLike = defineCommand({
    name: "subscribe",
    description: "test",
    schema: z.object({
      kind: z.enum(["daily", "weekly"]).optional().describe("kind"),
      weekday: z.enum(["monday", "friday"]).optional().describe("day"),
      time: z.string().optional().describe("HH:MM"),
      keywords: z.string().optional().describe("keywords"),
    }),
    greedy: "keywords",
    examples: ["/paper subscribe weekly friday 09:00"],
    run: async () => textReply("ok"),
  });
  const onlyChoices = defineCommand({
    name: "bookmarks",
    description: "test",
    schema: z.object({ format: z.enum(["list", "bibtex"]).optional().describe("format") }),
    examples: ["/paper bookmarks bibtex"],
    run: async () => textReply("ok"),
  });
  it("takes a leading word that is one of the choices, and skips the choice otherwise", () => {
    expect(parseCommandText(feedLike, "Weekly friday 09:00 diffusion")).toEqual({ kind: "weekly", weekday: "friday", time: "09:00", keywords: "diffusion" });
    expect(parseCommandText(feedLike, "09:00 diffusion")).toEqual({ time: "09:00", keywords: "diffusion" });
    expect(parseCommandText(feedLike, "friday 09:00")).toEqual({ weekday: "friday", time: "09:00" });
  });
  it("never skips when no free-form option follows, so zod names the choices", () => {
    expect(parseCommandText(onlyChoices, "yaml")).toEqual({ format: "yaml" });
  });
});

describe("describeOptions", () => {
  it("generates typed options with descriptions, limits and required flags", () => {
    const options = describeOptions(subscribeLike);
    expect(options.map((o) => [o.name, o.type, o.required])).toEqual([
      ["time", "string", false],
      ["timezone", "string", false],
      ["top", "integer", false],
      ["keywords", "string", false],
    ]);
    expect(options[2]).toMatchObject({ minValue: 1, maxValue: 25, description: "how many" });
  });
});

describe("key-only options", () => {
  it("a mistyped word is not taken as a free-form filter (/paper bookmarks yaml is a wrong format, not tag=yaml)", async () => {
    const { bookmarksCommand } = await import("../../../commands/bookmarks.js");
    const def = bookmarksCommand as unknown as CommandDefinition;
    expect(parseCommandText(def, "yaml")).toEqual({ format: "yaml" });
    expect(parseCommandText(def, "bibtex tag=robotics")).toEqual({ format: "bibtex", tag: "robotics" });
  });
});
