// Turns a zod validation failure into one plain sentence plus an example, for a private reply.
import type { z } from "zod";
import { UserError } from "../errors.js";
import type { CommandDefinition } from "./define-command.js";

export function argumentError(def: CommandDefinition, error: z.ZodError): UserError {
  const issue = error.issues[0];
  const key = issue?.path[0] !== undefined ? String(issue.path[0]) : undefined;
  let sentence: string;
  if (!issue) sentence = "Those arguments don't look right.";
  else if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    sentence = `Please give ${key ? `a ${key}` : "the missing argument"}.`;
  } else if (issue.message.startsWith("Invalid input") || issue.message.startsWith("Too") || issue.message.startsWith("Invalid option")) {
    sentence = `${key ? `The ${key}` : "That"} isn't valid (${issue.message.replace(/^Invalid input: /, "").toLowerCase()}).`;
  } else sentence = issue.message;
  const example = def.examples[0];
  return new UserError("bad_argument", example ? `${sentence} Try: ${example}` : sentence);
}
