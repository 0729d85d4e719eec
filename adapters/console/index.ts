// The console adapter: paperboy in a terminal with no token (like Hubot's Shell adapter). It reads the same
// `/paper …` commands line by line — from a prompt when stdin is a terminal, or piped, exiting at EOF — plus
// `save`/`unsave <id>` (a terminal has no reactions) and `next`/`prev` to page the last search.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Action, OutgoingMessage, Reply } from "../../src/message.js";
import { parsePaperRef } from "../../src/ids.js";
import { userFacingMessage } from "../../src/errors.js";
import type { BotCore, Caller, ChatAdapter, PostedRef } from "../../src/ports.js";
import { renderForTerminal } from "./render.js";

export interface ConsoleAdapterConfig {
  core: BotCore;
  input: Readable;
  output: Writable;
  /** Show a `paperboy>` prompt (stdin is a terminal). */
  interactive: boolean;
  /** Commands run before the prompt opens, e.g. the daily list. */
  greeting?: string[];
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves when the input ends (EOF, `exit`) and every command has finished. */
  finished: Promise<void>;
}

const CALLER: Caller = { platform: "console", userId: "console", isAdmin: () => Promise.resolve(true) };

export function createConsoleAdapter(config: ConsoleAdapterConfig): ConsoleAdapter {
  const { core, output } = config;
  let posted = 0;
  let pages: { next?: Action; prev?: Action } = {};
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const write = (text: string) => output.write(`${text}\n`);

  function show(reply: Reply): void {
    pages = {};
    for (const message of reply.messages) {
      write(renderForTerminal(message));
      write("");
      for (const action of message.actions ?? []) {
        if (action.kind === "page") pages[action.label === "Next" ? "next" : "prev"] = action;
      }
    }
  }

  async function handle(line: string): Promise<void> {
    const text = line.trim().replace(/^\/?paper\b\s*/i, "");
    if (text === "") return;
    const [word = "", ...rest] = text.split(/\s+/);
    const verb = word.toLowerCase();
    const arg = rest.join(" ");
    if (verb === "save" || verb === "unsave") {
      let paperId: string;
      try {
        paperId = parsePaperRef(arg).id;
      } catch (err) {
        write(userFacingMessage(err));
        return;
      }
      return show(await core.runAction({ caller: CALLER, action: { kind: verb, paperId } }));
    }
    if (verb === "next" || verb === "prev") {
      const action = pages[verb];
      if (!action) return void write(`There is no ${verb === "next" ? "next" : "previous"} page. Search first: /paper search diffusion`);
      return show(await core.runAction({ caller: CALLER, action }));
    }
    show(await core.runCommand({ caller: CALLER, name: verb, input: { kind: "text", text: arg } }));
  }

  return {
    platform: "console",
    finished,
    isReady: () => true,
    async start() {
      for (const line of config.greeting ?? []) await handle(line);
      const rl = createInterface({ input: config.input, terminal: config.interactive });
      const prompt = () => config.interactive && output.write("paperboy> ");
      let queue = Promise.resolve();
      prompt();
      rl.on("line", (line) => {
        queue = queue.then(async () => {
          if (/^\s*(exit|quit)\s*$/i.test(line)) return void rl.close();
          try {
            await handle(line);
          } catch (err) {
            write(userFacingMessage(err));
          }
          prompt();
        });
      });
      rl.on("close", () => void queue.then(() => resolveFinished()));
    },
    async stop() {
      resolveFinished();
    },
    async post(channelId: string, message: OutgoingMessage): Promise<PostedRef> {
      write(renderForTerminal(message));
      posted += 1;
      return { platform: "console", channelId, messageId: String(posted) };
    },
  };
}
