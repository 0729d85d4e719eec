// `npm run deliver -- --date YYYY-MM-DD [--channel discord:ID|slack:ID]`: the process entry of the one-pass
// delivery command (deliver-command.ts); it exits with the command's code.
import { runDeliverCommand } from "./deliver-command.js";

runDeliverCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`deliver stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
