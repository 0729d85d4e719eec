// A paperboy for follow-alert tests: createApp with the real commands and the real Discord and Slack adapters
// against the fakes of delivery/world.ts, a clock the test moves, and helpers that read the DMs each platform
// actually received.
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { commands } from "../../../commands/index.js";
import { createApp, type App } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer } from "../../../src/http-server.js";
import { silentLogger } from "../../../src/log.js";
import type { Caller, Platform } from "../../../src/ports.js";
import type { Reply } from "../../../src/message.js";
import type { World } from "../delivery/world.js";

export interface AlertBot {
  app: App;
  setNow(iso: string): void;
  /** Runs `/paper <text>` as `userId` on `platform` (the first word is the subcommand). */
  command(platform: Platform, userId: string, text: string): Promise<Reply>;
  close(): Promise<void>;
}

export async function startAlertBot(world: World, storeUrl: string, startAt: string): Promise<AlertBot> {
  let now = new Date(startAt);
  const config = loadConfig(world.env(storeUrl));
  const app = await createApp(config, { log: silentLogger, commands, now: () => now, delivery: { listRetries: { retries: 1, minRetryMs: 10 } } });
  app.adapters.set(
    "discord",
    createDiscordAdapter({ config, core: app.core, log: silentLogger, restOptions: { retries: 0 }, waitGuildTimeoutMs: 2_000 }),
  );
  app.adapters.set(
    "slack",
    createSlackAdapter({ config, core: app.core, http: createHttpServer({ isHealthy: () => true }), log: silentLogger, clientOptions: { retryConfig: { retries: 0 } } }),
  );
  await Promise.all([...app.adapters.values()].map((a) => a.start()));
  return {
    app,
    setNow(iso) {
      now = new Date(iso);
    },
    command(platform, userId, text) {
      const [name = "", ...rest] = text.split(" ");
      const caller: Caller = { platform, userId, channelId: platform === "slack" ? "CGENERAL" : "1", isAdmin: () => Promise.resolve(false) };
      return app.core.runCommand({ caller, name, input: { kind: "text", text: rest.join(" ") } });
    },
    async close() {
      await app.close();
    },
  };
}

/** The text of every DM a Discord user received (embed title + description, or content). */
export function discordDms(world: World, userId: string): string[] {
  const dm = `${userId.slice(0, -3)}999`;
  return [...world.discord.state.messages.values()]
    .filter((m) => m.channelId === dm)
    .map((m) => {
      const embeds = (m.body.embeds as { title?: string; description?: string }[] | undefined) ?? [];
      return [String(m.body.content ?? ""), ...embeds.flatMap((e) => [e.title ?? "", e.description ?? ""])].join("\n");
    });
}

/** The text of every DM a Slack user received (fallback text and block text). */
export function slackDms(world: World, userId: string): string[] {
  return world.slack.state.messages
    .filter((m) => world.slack.state.channels.get(m.channel)?.dmUser === userId)
    .map((m) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`);
}

/** All the text of a reply, for assertions. */
export const replyText = (reply: Reply) => reply.messages.map((m) => m.fallbackText).join("\n");
