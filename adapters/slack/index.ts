// The Slack adapter: the real Bolt App in HTTP mode (Bolt's HTTPReceiver mounted on paperboy's one HTTP server
// at /slack/events, never its own port) or in Socket Mode when SLACK_APP_TOKEN is set; with SLACK_CLIENT_ID it
// serves any number of workspaces installed through /slack/install (OAuth). Registers every listener explicitly
// and implements ChatAdapter for the core (daily posts, DMs, reconciliation). A refused token (at start or later)
// is an outage of this adapter only: reported by health(), retried with backoff.
import { App, HTTPReceiver } from "@slack/bolt";
import type { webApi } from "@slack/bolt";
import { slackDistribution, type Config } from "../../src/config.js";
import type { HttpServer } from "../../src/http-server.js";
import type { Logger } from "../../src/log.js";
import { createOutage } from "../../src/adapter-outage.js";
import { UpstreamError } from "../../src/errors.js";
import type { BotCore, ChatAdapter } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import { createAckGate } from "./ack-gate.js";
import { registerActions } from "./actions.js";
import { createAdminCheck } from "./admin.js";
import { createBoltLogger } from "./bolt-logger.js";
import type { SlackContext } from "./context.js";
import { registerHome } from "./home.js";
import { createInstallationRepo, INSTALLATIONS_NAMESPACE } from "./installations.js";
import { registerLifecycle } from "./lifecycle.js";
import { learnWorkspaces, oauthReceiverOptions, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from "./oauth.js";
import { registerReactions } from "./reactions.js";
import { registerSlashCommand } from "./slash.js";
import { registerUnfurls } from "./unfurl.js";
import { createSlackWeb, toUpstreamError, type SlackWeb } from "./web.js";
import { createWorkspaceWebs } from "./workspaces.js";

export const SLACK_EVENTS_PATH = "/slack/events";
/** Part of the 8-second SIGTERM budget: how long stop() waits for work already started. */
const STOP_DRAIN_MS = 5000;

export interface SlackAdapterConfig {
  /** SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL, SLACK_ADMIN_USER_IDS, SLACK_CLIENT_ID…. */
  config: Config;
  core: BotCore;
  http: HttpServer;
  log: Logger;
  /** Extra WebClient options (tests pass `retryConfig: { retries: 0 }`); slackApiUrl comes from config. */
  clientOptions?: webApi.WebClientOptions;
  /**
   * False for processes that only post (`npm run deliver`): no /slack/events route and no Socket Mode
   * connection, so Slack never hands that short-lived process an event. Default true.
   */
  receiveEvents?: boolean;
  /** Backoff while the token is refused (tests shrink it); defaults 5 s doubling to 5 min. */
  outageRetry?: { minDelayMs?: number; maxDelayMs?: number };
  /** Where Slack distribution keeps installations (required with SLACK_CLIENT_ID). */
  store?: Store;
  /** A channel's workspace from its subscription, for channels the installation directory has not seen. */
  workspaceOfChannel?: (channelId: string) => Promise<string | undefined>;
}

export function createSlackAdapter(opts: SlackAdapterConfig): ChatAdapter {
  const { config, core, http } = opts;
  const token = config.SLACK_BOT_TOKEN;
  const oauth = slackDistribution(config);
  if (!token && !oauth) throw new Error("createSlackAdapter needs SLACK_BOT_TOKEN or SLACK_CLIENT_ID");
  if (oauth && !opts.store) throw new Error("Slack distribution needs the store for installations");
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiveEvents = opts.receiveEvents ?? true;
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new Error("Slack HTTP mode needs SLACK_SIGNING_SECRET");
  const log = opts.log.child({ adapter: "slack", mode: socketMode ? "socket" : oauth ? "oauth" : "http" });
  const boltLogger = createBoltLogger(log);
  // Bolt's SocketModeClient mutates the options object it is given; every user gets its own copy.
  const clientOptions = (): webApi.WebClientOptions => ({ ...opts.clientOptions, slackApiUrl: config.SLACK_API_URL });

  const installations =
    oauth && opts.store ? createInstallationRepo(opts.store.namespace(INSTALLATIONS_NAMESPACE), log) : undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        logger: boltLogger,
        ...(installations ? oauthReceiverOptions({ config, installations, clientOptions, log }) : {}),
      });
  const app = new App({
    ...(token ? { token } : {}),
    logger: boltLogger,
    clientOptions: clientOptions(),
    // auth.test runs in start(), not in the constructor, so creating the adapter never touches the network.
    deferInitialization: true,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver }),
  });
  const client = app.client;
  let identity: { botId?: string; botUserId?: string } = {};
  const web = createSlackWeb({ client, identity: () => identity });
  const webs = installations
    ? createWorkspaceWebs({ installations, clientOptions, workspaceOfChannel: opts.workspaceOfChannel })
    : undefined;
  const webFor = (kind: "channel" | "user", id: string): Promise<SlackWeb> =>
    webs ? webs.forTarget(kind, id) : Promise.resolve(web);
  const inFlight = new Set<Promise<void>>();
  const gate = createAckGate();
  let ready = false;
  let stopping = false;
  let socketStarted = false;

  // auth.test (and the Socket Mode connection): run by start() and, during an outage, by its retry loop.
  async function connect(): Promise<void> {
    try {
      await app.init();
      // With many workspaces there is no one token to test; each workspace's is checked at install.
      if (!oauth) {
        const auth = await client.auth.test();
        identity = { ...(auth.bot_id ? { botId: auth.bot_id } : {}), ...(auth.user_id ? { botUserId: auth.user_id } : {}) };
      }
    } catch (err) {
      throw toUpstreamError(err, "auth.test");
    }
    if (socketMode && receiveEvents && !socketStarted) {
      await app.start();
      socketStarted = true;
    }
    ready = true;
  }
  const outage = createOutage({
    log,
    name: "slack",
    hint: "check SLACK_BOT_TOKEN (reinstalling the app issues a new one)",
    reconnect: connect,
    ...opts.outageRetry,
  });
  /** A refused token while running is the adapter's outage, not the channel's: pause and retry. */
  const watch = <T>(work: Promise<T>): Promise<T> =>
    work.catch((err: unknown) => {
      if (err instanceof UpstreamError && err.reason === "auth") {
        // With many workspaces a refused token is that workspace's (reinstall it), not an outage of every one.
        if (oauth) throw new UpstreamError("slack", err.status, { cause: err, ...(err.code ? { code: err.code } : {}), reason: "no_permission" });
        ready = false;
        outage.begin(err);
      }
      throw err;
    });

  const ctx: SlackContext = {
    core,
    client,
    web,
    log,
    botUserId: () => identity.botUserId,
    acksSent: () => gate.idle(),
    admins: createAdminCheck({ adminUserIds: config.SLACK_ADMIN_USER_IDS, log }),
    track(what, details, work) {
      const run = work().catch((err: unknown) => log.error({ err, ...details }, `${what} failed`));
      inFlight.add(run);
      return run.finally(() => inFlight.delete(run));
    },
  };
  if (installations) learnWorkspaces(app, installations, log);
  registerSlashCommand(app, ctx);
  registerActions(app, ctx);
  registerReactions(app, ctx);
  registerHome(app, ctx);
  registerUnfurls(app, ctx);
  registerLifecycle(app, ctx, installations);
  app.error(async (err) => {
    log.error({ err }, "slack listener error");
  });

  if (receiver && receiveEvents) {
    const paths = installations ? [SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH] : [SLACK_EVENTS_PATH];
    for (const path of paths) http.mount(path, (req, res) => {
      // Slack retries what we refuse with 503, so nothing is lost while starting or shutting down.
      if (!ready || stopping) {
        res.writeHead(503, { "content-type": "text/plain" });
        return void res.end("paperboy is not ready");
      }
      try {
        if (path === SLACK_EVENTS_PATH) gate.track(res);
        receiver.requestListener(req, res);
      } catch {
        // Bolt throws for paths and methods it does not serve (e.g. GET /slack/events).
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
    });
  }

  return {
    platform: "slack",
    isReady: () => ready && !stopping && !outage.active(),
    health: () => (stopping ? { state: "stopped" } : outage.health(ready)),
    async start() {
      try {
        await connect();
      } catch (err) {
        // Never fatal: a refused or unreachable Slack must not take the other platforms down with it.
        outage.begin(err);
        return;
      }
      log.info({ botUserId: identity.botUserId }, "slack adapter ready");
    },
    async stop() {
      stopping = true;
      outage.stop();
      if (socketStarted) {
        await app.stop().catch((err: unknown) => log.warn({ err }, "slack socket close failed"));
      }
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((r) => setTimeout(r, STOP_DRAIN_MS).unref())]);
      ready = false;
    },
    post: async (channelId, message, options) => watch((await webFor("channel", channelId)).post(channelId, message, options)),
    sendDirect: async (userId, message, options) => watch((await webFor("user", userId)).sendDirect(userId, message, options)),
    ownDirectAlerts: async (userId, sinceMs) => watch((await webFor("user", userId)).ownDirectAlerts(userId, sinceMs)),
    directChannel: async (userId) => watch((await webFor("user", userId)).openDm(userId)),
    ownPosts: async (channelId, sinceMs) => watch((await webFor("channel", channelId)).ownPosts(channelId, sinceMs)),
    // Thread mode: a Slack thread exists once something replies to the header, so there is nothing to open.
    startThread: async (_channelId, messageId) => ({ threadId: messageId }),
    ownReplies: async (channelId, messageId, sinceMs) => watch((await webFor("channel", channelId)).ownReplies(channelId, messageId, sinceMs)),
    openDiscussion: async (channelId, ts, message, options) =>
      watch((await webFor("channel", channelId)).openDiscussion(channelId, ts, message, options)),
    editPost: async (channelId, messageId, message) => watch((await webFor("channel", channelId)).editPost(channelId, messageId, message)),
  };
}
