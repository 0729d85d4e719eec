// Plays Slack's side toward the bot: builds slash-command, block_actions and event_callback payloads exactly as
// Slack sends them and, in HTTP mode, POSTs them to the bot's /slack/events signed with the `v0:` HMAC
// (x-www-form-urlencoded for commands and interactivity, JSON for events). Socket Mode tests reuse the builders.
import { createHmac } from "node:crypto";
import type { FakeSlack } from "./fake-slack.js";
import { FAKE_APP_ID, FAKE_TEAM_ID, type EphemeralMessage, type StoredMessage } from "./fake-slack-state.js";

export interface SentRequest {
  status: number;
  body: string;
  /** Time from sending to the bot's HTTP answer (the ack), ms. */
  latencyMs: number;
}

/** What a button lives on: a private reply, a channel message, or a user's Home tab. */
export type ButtonHost =
  | { kind: "ephemeral"; message: EphemeralMessage }
  | { kind: "message"; message: StoredMessage }
  | { kind: "home"; user: string };

type Button = { action_id: string; value?: string; text: { text: string } };
type Json = Record<string, unknown>;

export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

function buttonsOf(blocks: unknown[] | undefined): { button: Button; blockId: string }[] {
  const out: { button: Button; blockId: string }[] = [];
  (blocks ?? []).forEach((b, i) => {
    const block = b as { type?: string; block_id?: string; elements?: Button[] };
    if (block.type !== "actions") return;
    for (const el of block.elements ?? []) out.push({ button: el, blockId: block.block_id ?? `b${i}` });
  });
  return out;
}

export function createPayloads(fake: FakeSlack) {
  let seq = 0;
  const trigger = () => `${Date.now()}.trigger.${++seq}`;
  return {
    slashCommand(text: string, o: { user?: string; channel?: string; command?: string } = {}): Record<string, string> {
      const user = o.user ?? "U0ALICE";
      const channel = o.channel ?? "C0PAPERS";
      return {
        token: "legacy-verification-token",
        team_id: FAKE_TEAM_ID,
        team_domain: "fake",
        channel_id: channel,
        channel_name: "papers",
        user_id: user,
        user_name: user.toLowerCase(),
        command: o.command ?? "/paper",
        text,
        api_app_id: FAKE_APP_ID,
        is_enterprise_install: "false",
        response_url: fake.createResponseUrl(user, channel),
        trigger_id: trigger(),
      };
    },

    /** A click on the `nth` button whose label matches `label` (or whose action_id starts with it). */
    blockActions(host: ButtonHost, label: string | RegExp, o: { user?: string; nth?: number } = {}): Json {
      const blocks =
        host.kind === "home" ? fake.state.homeViews.get(host.user)?.blocks : (host.message.blocks as unknown[] | undefined);
      const matches = buttonsOf(blocks).filter(({ button }) =>
        typeof label === "string" ? button.text.text === label || button.action_id.startsWith(label) : label.test(button.text.text),
      );
      const hit = matches[o.nth ?? 0];
      if (!hit) throw new Error(`no button ${String(label)} (#${o.nth ?? 0}) on that ${host.kind}`);
      const user = o.user ?? (host.kind === "home" ? host.user : host.kind === "ephemeral" ? host.message.user : "U0ALICE");
      const action = {
        type: "button",
        action_id: hit.button.action_id,
        block_id: hit.blockId,
        text: { type: "plain_text", text: hit.button.text.text, emoji: true },
        ...(hit.button.value !== undefined ? { value: hit.button.value } : {}),
        action_ts: `${Date.now() / 1000}`,
      };
      const common = {
        type: "block_actions",
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM_ID },
        api_app_id: FAKE_APP_ID,
        token: "legacy-verification-token",
        team: { id: FAKE_TEAM_ID, domain: "fake" },
        enterprise: null,
        is_enterprise_install: false,
        trigger_id: trigger(),
        actions: [action],
      };
      if (host.kind === "home") {
        const view = { id: `V${host.user}`, type: "home", blocks, team_id: FAKE_TEAM_ID, app_id: FAKE_APP_ID };
        return { ...common, container: { type: "view", view_id: view.id }, view };
      }
      const channel = host.message.channel;
      if (host.kind === "ephemeral") {
        return {
          ...common,
          container: { type: "message", message_ts: `${Date.now() / 1000}`, channel_id: channel, is_ephemeral: true },
          channel: { id: channel, name: "papers" },
          response_url: fake.createResponseUrl(user, channel, host.message),
        };
      }
      return {
        ...common,
        container: { type: "message", message_ts: host.message.ts, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: "papers" },
        message: { type: "message", ts: host.message.ts, text: host.message.text, blocks, bot_id: host.message.bot_id },
        response_url: fake.createResponseUrl(user, channel),
      };
    },

    eventCallback(event: Json, eventId?: string): Json {
      return {
        token: "legacy-verification-token",
        team_id: FAKE_TEAM_ID,
        api_app_id: FAKE_APP_ID,
        event: { event_ts: `${Date.now() / 1000}`, ...event },
        type: "event_callback",
        event_id: eventId ?? `Ev${Date.now()}${++seq}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM_ID, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      };
    },
  };
}

export interface SendOptions {
  /** Sign with a wrong secret. */
  badSignature?: boolean;
  /** Shift the request timestamp (e.g. -301 for "older than five minutes"). */
  timestampOffsetSec?: number;
  /** Redelivery headers, as Slack sends on retries. */
  retryNum?: number;
}

/** Sends Slack-shaped requests to the bot's events URL, signed like Slack signs them. */
export function createSlackSigner(opts: { fake: FakeSlack; eventsUrl: string; signingSecret: string }) {
  const payloads = createPayloads(opts.fake);

  async function post(body: string, contentType: string, o: SendOptions = {}): Promise<SentRequest> {
    const timestamp = Math.floor(Date.now() / 1000) + (o.timestampOffsetSec ?? 0);
    const secret = o.badSignature ? `${opts.signingSecret}-wrong` : opts.signingSecret;
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(secret, timestamp, body),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    };
    if (o.retryNum) Object.assign(headers, { "x-slack-retry-num": String(o.retryNum), "x-slack-retry-reason": "http_timeout" });
    const started = performance.now();
    const res = await fetch(opts.eventsUrl, { method: "POST", headers, body });
    const latencyMs = performance.now() - started;
    return { status: res.status, body: await res.text(), latencyMs };
  }

  return {
    payloads,
    post,
    async slash(text: string, o: { user?: string; channel?: string } & SendOptions = {}) {
      const form = payloads.slashCommand(text, o);
      const sent = await post(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded", o);
      return { ...sent, responseUrl: form.response_url ?? "" };
    },
    async click(host: ButtonHost, label: string | RegExp, o: { user?: string; nth?: number } & SendOptions = {}) {
      const payload = JSON.stringify(payloads.blockActions(host, label, o));
      return post(new URLSearchParams({ payload }).toString(), "application/x-www-form-urlencoded", o);
    },
    async event(event: Json, o: { eventId?: string } & SendOptions = {}) {
      const body = payloads.eventCallback(event, o.eventId);
      const sent = await post(JSON.stringify(body), "application/json", o);
      return { ...sent, eventId: String(body.event_id) };
    },
  };
}

export type SlackSigner = ReturnType<typeof createSlackSigner>;
