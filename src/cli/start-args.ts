// `npm start` flags. Kept out of main.ts so the composition root stays about composition; --help and flag
// mistakes are answered before the configuration is read or anything connects.
import { parseCommandLine } from "./args.js";

export const START_USAGE = `usage: npm start [-- --sample] [--output FILE]
       node dist/src/main.js [--sample] [--output FILE]

Runs paperboy. With DISCORD_TOKEN and/or SLACK_BOT_TOKEN set (in the environment or in .env) it runs the
bot: the chat adapters, the daily scheduler and the HTTP server on PORT (/slack/events, /healthz, /metrics).
With no token it runs the console: the same /paper commands typed at a prompt, or piped on stdin.

options:
  --sample         console only: use the bundled sample papers instead of Hugging Face
  --output FILE    console only: write exports (/paper bookmarks bibtex, …) to FILE instead of printing them
  -h, --help       show this help

Other scripts: npm run deliver | deploy:discord | backup | restore (each takes --help).`;

export interface StartArgs {
  sample: boolean;
  /** Console only: where exports are written. */
  output?: string;
}

export function parseStartArgs(argv?: string[]): StartArgs {
  const { values } = parseCommandLine({ usage: START_USAGE, options: { sample: { type: "boolean" }, output: { type: "string" } } }, argv);
  return { sample: values.sample === true, ...(typeof values.output === "string" ? { output: values.output } : {}) };
}
