// Slack distribution: the receiver options that make Bolt's InstallProvider serve /slack/install (straight on
// to Slack's consent page, with a signed state cookie) and /slack/oauth_redirect (oauth.v2.access, then the
// installation saved in paperboy's store), and a middleware that learns which workspace each channel and user
// belongs to, so outgoing posts pick the right token.
import type { App, HTTPReceiverOptions, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Config } from "../../src/config.js";
import type { Logger } from "../../src/log.js";
import type { InstallationRepo } from "./installations.js";
import manifest from "./manifest.json" with { type: "json" };

export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

const page = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

export function oauthReceiverOptions(opts: {
  config: Config;
  installations: InstallationRepo;
  clientOptions: () => webApi.WebClientOptions;
  log: Logger;
}): Partial<HTTPReceiverOptions> {
  const { config, log } = opts;
  const scopes = config.SLACK_SCOPES.length > 0 ? config.SLACK_SCOPES : manifest.oauth_config.scopes.bot;
  return {
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    stateSecret: config.SLACK_STATE_SECRET,
    scopes,
    installationStore: opts.installations,
    ...(config.SLACK_REDIRECT_URI ? { redirectUri: config.SLACK_REDIRECT_URI } : {}),
    installerOptions: {
      directInstall: true,
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // oauth.v2.access and the auth.test after it go to SLACK_API_URL like every other call.
      clientOptions: opts.clientOptions(),
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          log.info({ teamId: installation.team?.id }, "slack install finished");
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(page("paperboy is installed", "Type <code>/paper help</code> in any channel to get started."));
        },
        failure: (error, _options, _req, res) => {
          // The error names what failed (state, code exchange); never a token or the client secret.
          log.warn({ code: (error as { code?: string }).code, message: error.message }, "slack install failed");
          res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
          res.end(page("paperboy was not installed", "Something went wrong. Please start again from the install link."));
        },
      },
    },
  };
}

const seenSchema = z.object({
  team_id: z.string().optional(),
  channel_id: z.string().optional(),
  user_id: z.string().optional(),
  channel: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }).nullish(),
  event: z
    .object({
      channel: z.unknown().optional(),
      user: z.unknown().optional(),
      item: z.object({ channel: z.string().optional() }).optional(),
    })
    .optional(),
});

/** Remembers the workspace of the channel and user in every request. */
export function learnWorkspaces(app: App, installations: InstallationRepo, log: Logger): void {
  async function learn(body: unknown, teamId: string | undefined): Promise<void> {
    const seen = seenSchema.safeParse(body);
    if (!teamId || !seen.success) return;
    const b = seen.data;
    const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    const channel = b.channel_id ?? b.channel?.id ?? text(b.event?.channel) ?? b.event?.item?.channel;
    const user = b.user_id ?? b.user?.id ?? text(b.event?.user);
    try {
      if (channel && !channel.startsWith("D")) await installations.learn("channel", channel, teamId);
      if (user) await installations.learn("user", user, teamId);
    } catch (err) {
      log.warn({ err, teamId, channelId: channel, userId: user }, "could not remember a slack channel's workspace");
    }
  }
  app.use(async ({ body, context, next }) => {
    // Started alongside the listener (which acks first), never in front of it.
    const learning = learn(body, context.teamId);
    await next();
    await learning;
  });
}
