// The BotCore the adapters call: commands, buttons, autocomplete and reactions, all platform-neutral.
import { withDmClosedNotice } from "./store/dm-closed.js";
import type { CoreDeps } from "./core-deps.js";
import type { CommandDefinition } from "./dispatch/define-command.js";
import { runAction } from "./dispatch/actions.js";
import { createDispatcher, type CommandObserver } from "./dispatch/dispatcher.js";
import { handleReaction } from "./dispatch/reactions.js";
import type { BotCore } from "./ports.js";
import { handleLifecycle } from "./schedule/end-subscriptions.js";

/** Discord shows at most 25 autocomplete choices. */
const MAX_SUGGESTIONS = 25;

export function createCore(deps: CoreDeps, commands: readonly CommandDefinition[], observe?: CommandObserver): BotCore {
  const dispatcher = createDispatcher(commands, deps, observe);
  return {
    runCommand: async (invocation) => {
      const reply = await dispatcher.run(invocation);
      return (await dmClosedFor(deps, invocation)) ? withDmClosedNotice(reply) : reply;
    },
    runAction: (invocation) => runAction(invocation, deps),
    handleReaction: (event) => handleReaction(event, deps),
    handleLifecycle: (event) =>
      handleLifecycle(event, deps.subscriptions, deps.log).catch((err: unknown) =>
        deps.log.error({ err, ...event }, "could not end the subscriptions of a removed destination"),
      ),
    async autocomplete({ caller, name, option, partial }) {
      const suggest = dispatcher.find(name)?.autocomplete?.[option];
      if (!suggest) return [];
      try {
        return (await suggest(partial, { caller, deps })).slice(0, MAX_SUGGESTIONS);
      } catch (err) {
        deps.log.warn({ err, command: name, option }, "autocomplete failed");
        return [];
      }
    },
  };
}

/** Whether the caller's last alert DM was refused and they have not been told yet (clears the flag). Never throws. */
async function dmClosedFor(deps: CoreDeps, invocation: Parameters<BotCore["runCommand"]>[0]): Promise<boolean> {
  if (!deps.dmClosed) return false;
  const { platform, userId } = invocation.caller;
  try {
    return await deps.dmClosed.take({ platform, userId });
  } catch (err) {
    deps.log.warn({ err, platform, userId }, "could not read the DMs-closed flag");
    return false;
  }
}
