// /paper help — what paperboy can do, generated from the command registry so it never goes stale.
import { z } from "zod";
import { defineCommand, type CommandDefinition } from "../src/dispatch/define-command.js";
import type { Reply } from "../src/message.js";

export function createHelpCommand(all: () => readonly CommandDefinition[]) {
  return defineCommand({
    name: "help",
    description: "What paperboy can do",
    schema: z.object({}),
    examples: ["/paper help"],
    async run(_args, { caller }): Promise<Reply> {
      const admin = all().some((c) => c.adminOnly) && (await caller.isAdmin());
      const visible = all().filter((c) => !c.adminOnly || admin);
      const lines = visible.map((c) => `${c.examples[0] ?? `/paper ${c.name}`} — ${c.description}`);
      const reactions =
        caller.platform === "console"
          ? "In this terminal: save <id> bookmarks a paper, unsave <id> removes it, read <id> marks it read, next / prev page the last search, exit (or Ctrl-D) quits."
          : "React 🔖 to any paper paperboy posts to bookmark it; remove the reaction to un-bookmark. When enough people 🔖 the same paper in a channel, paperboy opens a discussion thread on it (/paper club).";
      const text = ["paperboy brings the Hugging Face Daily Papers into chat.", ...lines, reactions].join("\n");
      return {
        visibility: "ephemeral",
        messages: [
          {
            title: "paperboy — Hugging Face Daily Papers in chat",
            blocks: [
              { kind: "text", spans: [{ text: "paperboy brings the Hugging Face Daily Papers into chat." }] },
              ...lines.map((line) => ({ kind: "text" as const, spans: [{ text: line }] })),
              { kind: "context", spans: [{ text: reactions }] },
            ],
            fallbackText: text,
          },
        ],
      };
    },
  });
}
