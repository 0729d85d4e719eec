// The bare baseline for the memory benchmark: a discord.js Client and a Bolt App (HTTP receiver) doing the same
// connection work as paperboy with both adapters — gateway login with the same intents and partials, Bolt init
// + auth.test, one HTTP server answering /healthz and /slack/events — and nothing else. Compiled to plain
// JavaScript by bench/memory.ts before it runs, so neither side pays for a TypeScript loader.
import { createServer } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";

interface BareArgs {
  discordToken: string;
  discordApiUrl: string;
  slackToken: string;
  slackSigningSecret: string;
  slackApiUrl: string;
  port: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as BareArgs;
let healthy = false;

const receiver = new HTTPReceiver({ signingSecret: args.slackSigningSecret, logLevel: LogLevel.ERROR });
const slack = new App({
  token: args.slackToken,
  receiver,
  clientOptions: { slackApiUrl: args.slackApiUrl },
  deferInitialization: true,
  logLevel: LogLevel.ERROR,
});
slack.command("/paper", async ({ ack }) => ack());

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
    return void res.end(JSON.stringify({ ok: healthy }));
  }
  receiver.requestListener(req, res);
});
await new Promise<void>((resolve) => server.listen(args.port, "127.0.0.1", resolve));
await slack.init();
await slack.client.auth.test();

const discord = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
  partials: [Partials.Message, Partials.Reaction, Partials.User, Partials.Channel],
  allowedMentions: { parse: [] },
  rest: { api: args.discordApiUrl },
});
discord.on("interactionCreate", () => undefined);
discord.on("messageReactionAdd", () => undefined);
const ready = new Promise<void>((resolve) => discord.once(Events.ClientReady, () => resolve()));
await discord.login(args.discordToken);
await ready;
healthy = true;
