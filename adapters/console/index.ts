// The console adapter: paperboy in a terminal with no token (like Hubot's Shell adapter). It reads the same
// `/paper …` commands line by line — from a prompt when stdin is a terminal, or piped, exiting at EOF — plus
// `save`/`unsave`/`read <id>` (a terminal has no reactions) and `next`/`prev` to page the last search (or trending list). Piped, it prints
// only the answers (an export is printed bare, so `… | npm start > refs.bib` is a BibTeX file), failures go to
// stderr, and `failures()` tells the caller to exit non-zero.
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Action, OutgoingMessage, Reply } from "../../src/message.js";
import { parsePaperRef } from "../../src/ids.js";
import { errorReply } from "../../src/dispatch/error-reply.js";
import { UserError } from "../../src/errors.js";
import type { BotCore, Caller, ChatAdapter, PostedRef } from "../../src/ports.js";
import { closestName } from "../../src/dispatch/suggest.js";
import { renderForTerminal } from "./render.js";
import { DEFAULT_WIDTH, wrapText } from "./wrap.js";

export interface ConsoleAdapterConfig {
  core: BotCore;
  input: Readable;
  output: Writable;
  /** Where failures go when piped (stderr), so they never land in a redirected export. Default: `output`. */
  errors?: Writable;
  /** A person at a prompt (stdin is a terminal): `paperboy>` prompt, and exports framed by marker lines. */
  interactive: boolean;
  /** Columns to wrap at: the terminal's width, else 80. */
  width?: number;
  /** Commands run before the prompt opens, e.g. the daily list. */
  greeting?: string[];
  /** A line appended to `/paper help`, e.g. which list dates the bundled sample has. */
  helpNote?: string;
  /** `--output FILE`: an export is written to this file (replacing it) and only a note is printed. */
  outputFile?: string;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves when the input ends (EOF, `exit`) and every command has finished. */
  finished: Promise<void>;
  /** How many commands failed (unknown command, a mistake, an upstream failure) so far. */
  failures(): number;
}

const CALLER: Caller = { platform: "console", userId: "console", isAdmin: () => Promise.resolve(true) };
/** Words only the console knows (a terminal has no buttons or reactions). */
const CONSOLE_VERBS = ["save", "unsave", "notforme", "read", "next", "prev", "exit"];

export function createConsoleAdapter(config: ConsoleAdapterConfig): ConsoleAdapter {
  const { core, output, interactive } = config;
  const width = config.width ?? DEFAULT_WIDTH;
  let posted = 0;
  let failed = 0;
  let searched = false;
  let pages: { next?: Action; prev?: Action } = {};
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const write = (text: string, to: Writable = output) => to.write(`${text}\n`);

  /** `aside`: a confirmation (save, unsave), not an answer: piped, it goes to stderr like failures do. */
  function show(reply: Reply, extra?: string, aside = false): void {
    if (config.outputFile && !reply.failure && reply.messages.some((m) => m.attachment)) return saveExport(reply, config.outputFile);
    if (reply.failure) failed += 1;
    if (reply.failure || aside) {
      // Piped: stdout holds only answers, so `save …` then `/paper bookmarks bibtex` is still a BibTeX file.
      const to = interactive ? output : (config.errors ?? output);
      for (const message of reply.messages) write(renderForTerminal(message, width), to);
      if (interactive) write("");
      return;
    }
    for (const message of reply.messages) {
      // Piped, an export is printed bare: `… | npm start > refs.bib` is then exactly the BibTeX file.
      if (!interactive && message.attachment) write(message.attachment.content.trimEnd());
      else write(`${renderForTerminal(message, width)}\n`);
    }
    if (extra) write(`${wrapText(extra, width)}\n`);
  }

  /** Writes the reply's export to `file`; the confirmation (or why not) is a note, never mixed into an answer. */
  function saveExport(reply: Reply, file: string): void {
    const message = reply.messages.find((m) => m.attachment);
    const attachment = message?.attachment;
    if (!message || !attachment) return;
    try {
      writeFileSync(file, attachment.content, "utf8");
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "its folder doesn't exist" : "it can't be written here";
      return show(errorReply(new UserError("output_failed", `I couldn't write the export to ${file}: ${why}.`)));
    }
    const to = interactive ? output : (config.errors ?? output);
    const size = Buffer.byteLength(attachment.content, "utf8").toLocaleString("en-US");
    // "Your 3 bookmarks as BibTeX: paperboy-bookmarks.bib" → "Your 3 bookmarks as BibTeX, written to refs.bib (…)".
    write(wrapText(`${message.fallbackText.replace(/: [^:]*$/, "")}, written to ${file} (${size} bytes).`, width), to);
  }

  function remember(reply: Reply): Reply {
    if (reply.failure) return reply;
    searched = true;
    pages = {};
    for (const action of reply.messages.flatMap((m) => m.actions ?? [])) {
      if (action.kind === "page") pages[action.label === "Next" ? "next" : "prev"] = action;
    }
    return reply;
  }

  async function page(verb: "next" | "prev"): Promise<Reply> {
    const action = pages[verb];
    if (action) return remember(await core.runAction({ caller: CALLER, action }));
    const message = !searched
      ? `There is no ${verb === "next" ? "next" : "previous"} page. Search first: /paper search diffusion policy`
      : verb === "next"
        ? "That was the last page of results."
        : "You're on the first page of results.";
    return { visibility: "ephemeral", messages: [{ blocks: [{ kind: "text", spans: [{ text: message }] }], fallbackText: message }] };
  }

  async function handle(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === "") return;
    const text = trimmed.replace(/^\/?paper\b\s*/i, "");
    // A bare `/paper` asks for help, like in chat.
    const [word = "help", ...rest] = text === "" ? [] : text.split(/\s+/);
    const verb = word.toLowerCase();
    const arg = rest.join(" ");
    if (verb === "save" || verb === "unsave" || verb === "notforme" || verb === "read") {
      let paperId: string;
      try {
        if (arg === "") throw new UserError("missing_id", `Which paper? Type ${verb} and its id, like ${verb} 2511.07327`);
        paperId = parsePaperRef(arg).id;
      } catch (err) {
        return show(errorReply(err));
      }
      const kind = verb === "notforme" ? "dismiss" : verb;
      return show(await core.runAction({ caller: CALLER, action: { kind, paperId } }), undefined, true);
    }
    if (verb === "next" || verb === "prev") return show(await page(verb));
    let reply = await core.runCommand({ caller: CALLER, name: verb, input: { kind: "text", text: arg } });
    const typo = reply.failure === "unknown_command" ? closestName(verb, CONSOLE_VERBS) : undefined;
    if (typo) reply = errorReply(new UserError("unknown_command", `I don't know "${verb.slice(0, 40)}". Did you mean ${typo}?`));
    if (verb === "search" || verb === "trending") remember(reply);
    const note = verb === "help" && !reply.failure ? config.helpNote : undefined;
    show(reply, note);
  }

  return {
    platform: "console",
    finished,
    failures: () => failed,
    isReady: () => true,
    async start() {
      for (const line of config.greeting ?? []) await handle(line);
      const rl = createInterface({ input: config.input, output: interactive ? output : undefined, terminal: interactive });
      rl.setPrompt("paperboy> ");
      const prompt = () => interactive && rl.prompt();
      let queue = Promise.resolve();
      prompt();
      rl.on("line", (line) => {
        queue = queue.then(async () => {
          if (/^\s*(\/?paper\s+)?(exit|quit)\s*$/i.test(line)) return void rl.close();
          try {
            await handle(line);
          } catch (err) {
            show(errorReply(err));
          }
          prompt();
        });
      });
      // Ctrl-C at the prompt quits like `exit` (readline would otherwise only pause the input).
      rl.on("SIGINT", () => rl.close());
      rl.on("close", () => void queue.then(() => resolveFinished()));
    },
    async stop() {
      resolveFinished();
    },
    async post(channelId: string, message: OutgoingMessage): Promise<PostedRef> {
      write(renderForTerminal(message, width));
      posted += 1;
      return { platform: "console", channelId, messageId: String(posted) };
    },
    /** The terminal has no inbox: a direct message (a follow alert) is shown inline, labelled as one. */
    async sendDirect(userId: string, message: OutgoingMessage): Promise<void> {
      write(`Direct message to ${userId}:\n`);
      write(renderForTerminal(message, width));
    },
  };
}
