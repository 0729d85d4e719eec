// Both manifests (manifest.json for HTTP mode, manifest-socket-mode.json for Socket Mode) must grant what the
// adapter actually does: every Web API method called in adapters/slack has its scope, every event listened to
// is subscribed, the command and unfurl domains match the code, and the usage hint names every subcommand.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SLACK_REDIRECT_PATH } from "../../../adapters/slack/oauth.js";
import { SLASH_COMMAND } from "../../../adapters/slack/slash.js";
import { UNFURL_DOMAINS } from "../../../adapters/slack/unfurl.js";
import { commands } from "../../../commands/index.js";

const dir = join(import.meta.dirname, "../../../adapters/slack");
type Manifest = {
  features: {
    slash_commands: { command: string; url?: string; should_escape: boolean; usage_hint: string }[];
    unfurl_domains: string[];
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
};
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as Manifest;
const http = read("manifest.json");
const socket = read("manifest-socket-mode.json");
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => readFileSync(join(dir, f), "utf8"))
  .join("\n");

/** The bot scope each Web API method needs (Slack's method reference pages). */
const SCOPE_OF: Record<string, string | undefined> = {
  "auth.test": undefined,
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.unfurl": "links:write",
  "views.publish": undefined,
  "users.info": "users:read",
  "conversations.open": "im:write",
  "conversations.history": "channels:history",
  "conversations.replies": "channels:history",
  filesUploadV2: "files:write",
};
/** The bot scope each event needs. */
const EVENT_SCOPE: Record<string, string | undefined> = {
  reaction_added: "reactions:read",
  reaction_removed: "reactions:read",
  link_shared: "links:read",
  app_home_opened: undefined,
  app_uninstalled: undefined,
  tokens_revoked: undefined,
  channel_deleted: "channels:read",
  channel_archive: "channels:read",
  group_deleted: "groups:read",
  group_archive: "groups:read",
};

describe.each([
  ["manifest.json (HTTP)", http],
  ["manifest-socket-mode.json", socket],
])("%s", (_name, manifest) => {
  it("grants a scope for every Web API method the adapter calls", () => {
    const called = new Set([...sources.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`));
    if (sources.includes("filesUploadV2(")) called.add("filesUploadV2");
    expect(called.size).toBeGreaterThan(4);
    for (const method of called) {
      expect(Object.keys(SCOPE_OF), `unknown method ${method}: add its scope`).toContain(method);
      const scope = SCOPE_OF[method];
      if (scope) expect(manifest.oauth_config.scopes.bot, method).toContain(scope);
    }
    expect(manifest.oauth_config.scopes.bot).toContain("commands");
  });

  it("subscribes to every event the adapter listens to, with its scope", () => {
    const events = [...sources.matchAll(/app\.event\("(\w+)"/g)].map((m) => m[1] ?? "");
    events.push(...[...sources.matchAll(/\["(reaction_\w+)", (?:true|false)\]/g)].map((m) => m[1] ?? ""));
    expect(new Set(events)).toEqual(new Set(manifest.settings.event_subscriptions.bot_events));
    for (const e of events) {
      const scope = EVENT_SCOPE[e];
      if (scope) expect(manifest.oauth_config.scopes.bot, e).toContain(scope);
    }
  });

  it("declares the command, unfurl domains, Home tab and one request URL for everything", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(false);
    expect(manifest.features.unfurl_domains).toEqual(UNFURL_DOMAINS);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("names every subcommand in the usage hint", () => {
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? "";
    const named = hint.split(" | ").map((part) => part.trim().split(" ")[0]);
    expect(named).toEqual(commands.map((c) => c.name));
  });
});

describe("the two manifests", () => {
  it("HTTP mode sends everything to one request URL", () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    const urls = new Set([http.settings.event_subscriptions.request_url, http.settings.interactivity.request_url, http.features.slash_commands[0]?.url]);
    expect([...urls]).toEqual(["https://YOUR-HOST/slack/events"]);
    expect(http.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${SLACK_REDIRECT_PATH}`]);
  });

  it("Socket Mode needs no public URL, and differs from HTTP mode in nothing else", () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain("YOUR-HOST");
    const withoutUrls = structuredClone(http);
    delete withoutUrls.features.slash_commands[0]!.url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    delete withoutUrls.oauth_config.redirect_urls;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(socket).toEqual(withoutUrls);
  });
});
