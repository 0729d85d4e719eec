// The ChatAdapter side the core and the delivery engine use (post, sendDirect, ownPosts), how Slack
// errors surface (UpstreamError with Slack's code, `permanent` when retrying cannot help), admin detection,
// link unfurls, and the adapter's lifecycle on paperboy's HTTP server.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../../src/errors.js";
import { silentLogger } from "../../../src/log.js";
import type { OutgoingMessage } from "../../../src/message.js";
import { createAdminCheck } from "../../../adapters/slack/admin.js";
import { FAKE_BOT_TOKEN } from "../../fakes/fake-slack.js";
import { CHANNEL, startSlackHarness, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

const card = (paperId: string, date?: string): OutgoingMessage => ({
  title: `Paper ${paperId}`,
  url: `https://huggingface.co/papers/${paperId}`,
  blocks: [{ kind: "text", spans: [{ text: "Summary." }] }],
  fallbackText: `Paper ${paperId}`,
  ref: { paperId, ...(date ? { date } : {}) },
});

describe("post", () => {
  it("posts with metadata when the message shows a paper, and returns the ts", async () => {
    const ref = await h.adapter.post(CHANNEL, card("2509.04664", "2025-09-08"));
    const stored = h.fake.state.messages.find((m) => m.ts === ref.messageId);
    expect(ref).toEqual({ platform: "slack", channelId: CHANNEL, messageId: stored?.ts });
    expect(stored?.metadata).toEqual({ event_type: "paperboy_paper", event_payload: { paper_id: "2509.04664", date: "2025-09-08" } });
    const header = await h.adapter.post(CHANNEL, { blocks: [{ kind: "text", spans: [{ text: "Daily papers" }] }], fallbackText: "Daily papers" });
    expect(h.fake.state.messages.find((m) => m.ts === header.messageId)?.metadata).toBeUndefined();
  });

  it.each([
    ["not_in_channel", "no_permission"],
    ["channel_not_found", "no_permission"],
    ["is_archived", "archived"],
    ["missing_scope", "no_permission"],
    ["account_inactive", "auth"],
    ["token_revoked", "auth"],
    ["ratelimited", "rate_limited"],
    ["fatal_error", "transient"],
  ])("a Slack %s error is an UpstreamError with the neutral reason %s", async (code, reason) => {
    h.fake.inject("chat.postMessage", { error: code });
    const err = await h.adapter.post(CHANNEL, card("2509.04664")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ service: "slack", code, reason });
    expect(String((err as Error).message)).not.toContain(FAKE_BOT_TOKEN);
    // A refused token pauses the whole adapter until auth.test passes again (retried with backoff).
    if (reason === "auth") {
      expect(h.adapter.health?.()).toMatchObject({ state: "outage", reason: "auth" });
      await waitFor(() => h.adapter.isReady() || undefined);
    }
  });

  it("HTTP failures keep their status and are not permanent", async () => {
    h.fake.inject("chat.postMessage", { status: 503 });
    const err = await h.adapter.post(CHANNEL, card("2509.04664")).catch((e: unknown) => e);
    expect(err).toMatchObject({ service: "slack", status: 503, permanent: false });
  });
});

describe("sendDirect and ownPosts", () => {
  it("sends a DM through conversations.open", async () => {
    await h.adapter.sendDirect?.("U0ADMIN", { blocks: [{ kind: "text", spans: [{ text: "Subscription failing" }] }], fallbackText: "Subscription failing" });
    expect(h.fake.calls("conversations.open").at(-1)?.body.users).toBe("U0ADMIN");
    expect(h.fake.state.messages.at(-1)?.channel).toBe("D0ADMIN");
  });

  it("reads back only paperboy's own paper and header posts since a time, across pages", async () => {
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    const mine = await h.adapter.post("C0RECON", card("2603.90001", "2026-03-03"));
    const header = await h.adapter.post("C0RECON", { blocks: [], fallbackText: "header" }, { header: { date: "2026-03-03" } });
    await h.adapter.post("C0RECON", { blocks: [], fallbackText: "an unmarked message" });
    // Another app's message with the same metadata, and 250 ordinary messages to force paging.
    const other = h.fake.state.nextTs();
    h.fake.state.messages.push({ channel: "C0RECON", ts: other, text: "x", user: "U0OTHER", bot_id: "B0OTHER", metadata: { event_type: "paperboy_paper", event_payload: { paper_id: "9999.99999" } }, pings: 0, raw: {} });
    for (let i = 0; i < 250; i += 1) h.fake.state.messages.push({ channel: "C0RECON", ts: h.fake.state.nextTs(), text: `chat ${i}`, user: "U0CHAT", pings: 0, raw: {} });
    const found = await h.adapter.ownPosts?.("C0RECON", since);
    expect(found).toEqual([
      { messageId: mine.messageId, mark: { kind: "paper", paperId: "2603.90001", date: "2026-03-03" } },
      { messageId: header.messageId, mark: { kind: "header", date: "2026-03-03" } },
    ]);
    // The header has its own event type: never a paper event with a made-up id.
    expect(h.fake.state.messages.find((m) => m.ts === header.messageId)?.metadata).toEqual({ event_type: "paperboy_header", event_payload: { date: "2026-03-03" } });
    expect(h.fake.calls("conversations.history").length).toBeGreaterThanOrEqual(2);
    expect(h.fake.calls("conversations.history")[0]?.body.include_all_metadata).toBe("true");
    expect(await h.adapter.ownPosts?.("C0RECON", Date.now() + 1000)).toEqual([]);
  });
});

describe("admins", () => {
  const clientFor = () =>
    new webApi.WebClient(FAKE_BOT_TOKEN, { slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });

  it("workspace admins/owners from users.info, or SLACK_ADMIN_USER_IDS; cached; failures mean no", async () => {
    h.fake.state.users.set("U0ADM", { is_admin: true });
    h.fake.state.users.set("U0OWN", { is_primary_owner: true });
    h.fake.state.users.set("U0GONE", { deleted: true });
    const client = clientFor();
    const admins = createAdminCheck({ adminUserIds: ["U0CONF"], log: silentLogger });
    const isAdmin = (userId: string) => admins.isAdmin({ userId, teamId: "T0FAKE", client });
    expect(await isAdmin("U0ADM")).toBe(true);
    expect(await isAdmin("U0OWN")).toBe(true);
    expect(await isAdmin("U0CONF")).toBe(true);
    expect(await isAdmin("U0PLAIN")).toBe(false);
    expect(await isAdmin("U0GONE")).toBe(false);
    const lookups = h.fake.calls("users.info").length;
    expect(await isAdmin("U0ADM")).toBe(true);
    expect(h.fake.calls("users.info").length).toBe(lookups);
    expect(h.fake.calls("users.info").some((c) => c.body.user === "U0CONF")).toBe(false);
  });

  it("a burst for one user costs one users.info; a failure is cached for seconds, then asked again", async () => {
    h.fake.state.users.set("U0BURST", { is_admin: true });
    let clock = 1_000_000;
    const admins = createAdminCheck({ adminUserIds: [], log: silentLogger, now: () => clock });
    const client = clientFor();
    const answers = await Promise.all(Array.from({ length: 50 }, () => admins.isAdmin({ userId: "U0BURST", client })));
    expect(answers.every(Boolean)).toBe(true);
    expect(h.fake.calls("users.info").filter((c) => c.body.user === "U0BURST")).toHaveLength(1);

    h.fake.inject("users.info", { status: 429 });
    const failed = await Promise.all(Array.from({ length: 20 }, () => admins.isAdmin({ userId: "U0RATE", client })));
    expect(failed.some(Boolean)).toBe(false);
    expect(await admins.isAdmin({ userId: "U0RATE", client })).toBe(false);
    expect(h.fake.calls("users.info").filter((c) => c.body.user === "U0RATE")).toHaveLength(1);
    h.fake.state.users.set("U0RATE", { is_owner: true });
    clock += 11_000;
    expect(await admins.isAdmin({ userId: "U0RATE", client })).toBe(true);
    expect(h.fake.calls("users.info").filter((c) => c.body.user === "U0RATE")).toHaveLength(2);
  });
});

describe("link unfurls", () => {
  it("unfurls paper links with a card and leaves other links alone", async () => {
    await h.signer.event({
      type: "link_shared",
      user: "U0PASTE",
      channel: CHANNEL,
      message_ts: "1770000000.000200",
      source: "conversations_history",
      links: [
        { domain: "arxiv.org", url: "https://arxiv.org/abs/2509.04664v1" },
        { domain: "huggingface.co", url: "https://huggingface.co/models/gpt2" },
        { domain: "example.com", url: "https://example.com/2509.04664" },
      ],
    });
    const unfurl = await waitFor(() => h.fake.state.unfurls.find((u) => u.ts === "1770000000.000200"));
    expect(unfurl.channel).toBe(CHANNEL);
    expect(Object.keys(unfurl.unfurls)).toEqual(["https://arxiv.org/abs/2509.04664v1"]);
    expect(JSON.stringify(unfurl.unfurls)).toContain("Why Language Models Hallucinate");
    expect(JSON.stringify(unfurl.unfurls)).not.toContain('"actions"');
  });

  it("composer previews are answered by unfurl_id and source", async () => {
    await h.signer.event({ type: "link_shared", user: "U0PASTE", channel: "COMPOSER", message_ts: "0", unfurl_id: "Uf0COMPOSE", source: "composer", links: [{ domain: "hf.co", url: "https://hf.co/papers/2509.04664" }] });
    const unfurl = await waitFor(() => h.fake.state.unfurls.find((u) => u.unfurlId === "Uf0COMPOSE"));
    expect(unfurl.channel).toBeUndefined();
  });
});

describe("lifecycle", () => {
  it("healthz is green while running; after stop the endpoint refuses new work with 503", async () => {
    const health = h.eventsUrl.replace("/slack/events", "/healthz");
    expect((await fetch(health)).status).toBe(200);
    await h.adapter.stop();
    expect(h.adapter.isReady()).toBe(false);
    expect((await fetch(health)).status).toBe(503);
    expect((await h.signer.slash("help")).status).toBe(503);
  });

  it("nothing was rejected and nobody was pinged", () => {
    expect(h.fake.state.rejections).toEqual([]);
    expect(h.fake.state.totalPings()).toBe(0);
  });
});
