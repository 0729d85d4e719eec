// A person at a real terminal (a pseudo-terminal): the latest list first, one prompt per command — a bare
// `/paper` shows help rather than nothing and a second prompt — and no log line ever on the screen.
import { describe, expect, it } from "vitest";
import { runInTerminal } from "./run.js";

describe("console at a terminal", { timeout: 120_000 }, () => {
  it("greets with the latest list, answers a bare /paper with help, and prompts once per command", async () => {
    const out = await runInTerminal(
      ["--sample"],
      [
        { when: /paperboy> $/, type: "/paper\n" },
        { when: /exit \(or Ctrl-D\) quits\.[^]*paperboy> $/, type: "\n" },
        { when: /paperboy> \npaperboy> $/, type: "exit\n" },
      ],
      { STORE_URL: "memory://" },
    );
    expect(out.code).toBe(0);
    expect(out.screen).toMatch(/paperboy — type \/paper help for commands, exit to quit\./);
    expect(out.screen).toMatch(/■ Hugging Face Daily Papers — Tue 5 May 2026/);
    // "/paper" → help, then exactly one prompt; an empty line → just a new prompt.
    expect(out.screen).toMatch(/paperboy> \/paper\n■ paperboy — Hugging Face Daily Papers in chat/);
    expect(out.screen.match(/paperboy> /g)).toHaveLength(3);
    expect(out.screen).not.toMatch(/paperboy> paperboy> /);
    expect(out.screen).not.toMatch(/\{"level"|^\s+at .+:\d+/m);
  });

  it("quits on Ctrl-C at the prompt", async () => {
    const out = await runInTerminal(["--sample"], [{ when: /paperboy> $/, type: "\u0003" }], { STORE_URL: "memory://" });
    expect(out.code).toBe(0);
    expect(out.screen).toMatch(/paperboy> /);
  });
});
