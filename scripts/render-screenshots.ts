// Renders the pictures in docs/: a daily post, a search result and a bookmark export on Discord and on Slack.
// The REAL adapters run against the project's fakes (scripts/screenshots/capture.ts); the payloads they recorded
// are drawn as HTML styled like each client and photographed with headless Chromium. Not run in CI.
// Usage: npx tsx scripts/render-screenshots.ts   (needs `chromium`; CHROMIUM=/path overrides; pngquant if present)
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { captureDiscord, captureSlack } from "./screenshots/capture.js";
import { discordPage, type DiscordMessageView } from "./screenshots/discord-html.js";
import { screenshot } from "./screenshots/page.js";
import { slackPage } from "./screenshots/slack-html.js";

const DOCS = join(import.meta.dirname, "..", "docs");
const WIDTH = 880;

function shrink(file: string): void {
  try {
    execFileSync("pngquant", ["--force", "--skip-if-larger", "--quality=70-95", "--output", file, file], { stdio: "ignore" });
  } catch {
    // pngquant missing or nothing to gain: keep Chromium's PNG.
  }
}

function shoot(name: string, html: string): void {
  const out = join(DOCS, `${name}.png`);
  screenshot(html, WIDTH, out);
  shrink(out);
  process.stdout.write(`${out}  ${Math.round(statSync(out).size / 1024)} KB\n`);
}

async function main(): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  const discord = await captureDiscord();
  const slack = await captureSlack();
  const topic = "Hugging Face Daily Papers, every morning";

  const daily: DiscordMessageView[] = discord.daily.map((m, i) => ({
    body: m.body,
    grouped: i > 0,
    reactions: m.botReactions.map((emoji) => ({ emoji, count: 1 })),
  }));
  shoot("discord-daily", discordPage("Discord: daily post", "papers", topic, daily));
  shoot("discord-search", discordPage("Discord: search", "papers", topic, [{ body: discord.search, interaction: { user: "Alice", command: "/paper search" } }]));
  shoot(
    "discord-bookmarks",
    discordPage("Discord: bookmark export", "papers", topic, [
      { body: discord.bookmarks.body, files: discord.bookmarks.files, interaction: { user: "Alice", command: "/paper bookmarks" } },
    ]),
  );

  shoot("slack-daily", slackPage("Slack: daily post", "papers", topic, slack.daily.map((m, i) => ({ message: m.body, grouped: i > 0 }))));
  shoot("slack-search", slackPage("Slack: search", "papers", topic, [{ message: slack.search, ephemeral: true }]));
  shoot("slack-bookmarks", slackPage("Slack: bookmark export", "papers", topic, [{ message: slack.bookmarks.body, ephemeral: true }]));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`render-screenshots failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
