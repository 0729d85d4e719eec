// `npm start` with no chat token: a console session. Logs go to a file (a person at a prompt never sees JSON or
// a stack trace), Hugging Face being down is said once in plain words with the bundled sample offered, and the
// exit code tells a script whether every piped command worked. Answers go to stdout; when piped, everything
// that is not an answer (notes, failures) goes to stderr so `… | npm start > refs.bib` holds only the export.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import type { Readable, Writable } from "node:stream";
import { commands } from "../../commands/index.js";
import { createApp, type App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { UpstreamError } from "../../src/errors.js";
import { createSampleSource } from "../../src/hf/sample.js";
import { createLogger, logFilePath, type Logger } from "../../src/log.js";
import { latestClosedDateWithPapers } from "../../src/hf/latest-list.js";
import { createConsoleAdapter } from "./index.js";
import { rememberOutages } from "./outage-memory.js";

export interface ConsoleSessionConfig {
  config: Config;
  /** `--sample`: use the bundled sample without asking Hugging Face. */
  sample: boolean;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  /** `--output FILE`: exports are written to this file (each replaces the last) instead of printed. */
  outputFile?: string;
}

/** Sample list dates for people: "2026-04-30, 2026-05-01 and 2026-05-04". */
function listOf(dates: string[]): string {
  return dates.length < 2 ? (dates[0] ?? "") : `${dates.slice(0, -1).join(", ")} and ${dates.at(-1)}`;
}

/** Runs the session until EOF or `exit`; resolves to the process exit code. */
export async function runConsoleSession(session: ConsoleSessionConfig): Promise<number> {
  const { config, stdin, stdout, stderr } = session;
  const interactive = Boolean(stdin.isTTY);
  // Notes for people (not answers): on the screen at a prompt, on stderr when piped.
  const note = (text: string) => (interactive ? stdout : stderr).write(text);
  const logPath = logFilePath(config.STORE_URL);
  mkdirSync(dirname(logPath), { recursive: true });
  const logStream = createWriteStream(logPath, { flags: "a" });
  const log = createLogger(config.LOG_LEVEL, logStream);

  let app: App;
  let helpNote: string | undefined;
  const openSample = async () => {
    const sample = await sampleApp(config, log);
    helpNote = sample.helpNote;
    note(`Showing the bundled sample of real Hugging Face papers: the lists of ${listOf([...sample.dates].reverse())}.\n\n`);
    return sample.app;
  };
  if (session.sample) {
    app = await openSample();
  } else {
    app = await createApp(config, { log, commands, wrapPapers: (source) => rememberOutages(source) });
    try {
      await latestClosedDateWithPapers(app.deps.now(), app.deps.papers);
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      log.warn({ err }, "Hugging Face unreachable at start");
      note(`Hugging Face (${new URL(config.HF_API_URL).host}) can't be reached right now.`);
      if (interactive && (await askYesNo(stdin, stdout, " Use the bundled sample papers instead? [Y/n] "))) {
        await app.close();
        app = await openSample();
      } else if (interactive) {
        note("OK. Try again later, or run `npm start -- --sample` to explore the bundled sample.\n");
        await app.close();
        await closeLog(logStream);
        return 0;
      } else {
        note(" Try again later, or run `npm start -- --sample` to explore the bundled sample.\n");
      }
    }
  }

  const adapter = createConsoleAdapter({
    core: app.core,
    input: stdin,
    output: stdout,
    errors: stderr,
    interactive,
    width: interactive && stdout.isTTY && stdout.columns ? stdout.columns : undefined,
    // Piped input gets only the answers it asked for; a person at a prompt first sees the latest list.
    greeting: interactive ? ["/paper today"] : [],
    helpNote: helpNote ?? `Logs are in ${logPath}.`,
    ...(session.outputFile ? { outputFile: session.outputFile } : {}),
  });
  app.adapters.set("console", adapter);
  if (interactive) stdout.write("paperboy — type /paper help for commands, exit to quit.\n\n");
  await adapter.start();
  await adapter.finished;
  await app.close();
  await closeLog(logStream);
  return !interactive && adapter.failures() > 0 ? 1 : 0;
}

/** The bundled sample, with the clock set just after its newest list closed so "today" shows it. */
async function sampleApp(config: Config, log: Logger): Promise<{ app: App; dates: string[]; helpNote: string }> {
  const papers = createSampleSource();
  const dates = papers.listDates();
  const newest = dates[0] ?? "2026-05-05";
  const now = () => new Date(`${newest}T23:59:00-05:00`);
  const app = await createApp(config, { log, commands, papers, now });
  const helpNote =
    `This is the bundled sample (no network): the lists of ${listOf([...dates].reverse())} ` +
    `(try /paper today ${dates[1] ?? newest}) and their ${(await Promise.all(dates.map((d) => papers.daily(d)))).flat().length} papers.`;
  return { app, dates, helpNote };
}

function askYesNo(stdin: Readable, stdout: Writable, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    stdout.write(question);
    stdin.once("data", (chunk) => {
      stdin.pause();
      resolve(!/^\s*n/i.test(String(chunk)));
    });
    // Ctrl-D instead of an answer: no.
    stdin.once("end", () => resolve(false));
  });
}

function closeLog(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}
