// Runs one /paper subcommand: find it, check who may run it, parse the input onto its schema, run it, and map
// any failure to a reply. This is the one catch for command handling (STYLE habit 6): a UserError's words go
// back privately as they are; anything else is logged with context and the user sees a generic line.
import { UserError } from "../errors.js";
import { errorReply } from "./error-reply.js";
import type { Reply } from "../message.js";
import type { CommandInvocation } from "../ports.js";
import type { CoreDeps } from "../core-deps.js";
import type { CommandDefinition } from "./define-command.js";
import { argumentError } from "./explain.js";
import { parseCommandText, truncateForEcho } from "./parse-text.js";
import { closestName } from "./suggest.js";

export interface Dispatcher {
  run(invocation: CommandInvocation): Promise<Reply>;
  find(name: string): CommandDefinition | undefined;
}

/** Called after every command with its outcome; the metrics module listens here. */
export type CommandObserver = (name: string, ms: number, outcome: "ok" | "user_error" | "error") => void;

export function createDispatcher(
  commands: readonly CommandDefinition[],
  deps: CoreDeps,
  observe: CommandObserver = () => {},
): Dispatcher {
  const registry = new Map(commands.map((c) => [c.name, c]));
  const names = commands.map((c) => c.name).join(", ");

  function unknownCommandText(name: string): string {
    const guess = closestName(name, [...registry.keys()]);
    const known = `I don't know "${truncateForEcho(name, 40)}".`;
    return guess ? `${known} Did you mean /paper ${guess}? I can do: ${names}.` : `${known} I can do: ${names}. Try: /paper help`;
  }

  async function execute(invocation: CommandInvocation): Promise<Reply> {
    const name = invocation.name.trim().toLowerCase();
    // A bare "/paper" is a request for help, not a mistake.
    const def = registry.get(name === "" ? "help" : name);
    if (!def) {
      throw new UserError(
        "unknown_command",
        name === ""
          ? `Tell me what to do: ${names}. Try: /paper help`
          : unknownCommandText(name),
      );
    }
    if (def.adminOnly && !(await invocation.caller.isAdmin())) {
      throw new UserError(
        "admin_only",
        `Only channel admins can use /paper ${def.name} (on Discord: Manage Channels or Manage Server; on Slack: workspace admins).`,
      );
    }
    const raw =
      invocation.input.kind === "text" ? parseCommandText(def, invocation.input.text) : invocation.input.options;
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) throw argumentError(def, parsed.error);
    return def.run(parsed.data, { caller: invocation.caller, deps });
  }

  return {
    find: (name) => registry.get(name.trim().toLowerCase()),
    async run(invocation) {
      const started = performance.now();
      let outcome: "ok" | "user_error" | "error" = "ok";
      try {
        return await execute(invocation);
      } catch (err) {
        outcome = err instanceof UserError ? "user_error" : "error";
        if (outcome === "error") {
          deps.log.error(
            { err, command: invocation.name, platform: invocation.caller.platform, userId: invocation.caller.userId,
              channelId: invocation.caller.channelId },
            "command failed",
          );
        }
        return errorReply(err);
      } finally {
        observe(invocation.name, performance.now() - started, outcome);
      }
    },
  };
}
