// Socket Mode (SLACK_APP_TOKEN set): the real Bolt SocketModeClient opens apps.connections.open on the fake,
// connects to its WebSocket, and acks every envelope — timed by the fake, since Bolt does not enforce the
// 3-second ack in Socket Mode. Commands, clicks and events then behave as in HTTP mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../adapters/slack/index.js";
import { createHttpServer } from "../../../src/http-server.js";
import { silentLogger } from "../../../src/log.js";
import { FAKE_APP_TOKEN } from "../../fakes/fake-slack.js";
import { createPayloads } from "../../fakes/fake-slack-signer.js";
import { CHANNEL, bookmarkIds, buttonsOf, startSlackHarness, textOf, waitFor, type SlackHarness } from "./harness.js";

let h: SlackHarness;
let payloads: ReturnType<typeof createPayloads>;
beforeAll(async () => {
  h = await startSlackHarness({ mode: "socket", env: { HF_TIMEOUT_MS: "8000" } });
  payloads = createPayloads(h.fake);
});
afterAll(() => h?.close());

describe("Socket Mode", () => {
  it("connects with the app token and opens no events endpoint", async () => {
    const open = h.fake.calls("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${FAKE_APP_TOKEN}`);
    expect(h.adapter.isReady()).toBe(true);
    const res = await fetch(h.eventsUrl, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });

  it("acks a slash command envelope at once and answers through response_url", async () => {
    h.hf.setFault("/api/papers/search", { delayMs: 3200, times: 1 });
    const ack = await h.fake.socket.send("slash_commands", payloads.slashCommand("search fixture copy", { user: "U0SOCK" }));
    expect(ack.latencyMs).toBeLessThan(3000);
    const reply = await waitFor(() => h.fake.visibleTo("U0SOCK")[0], 10_000, "search answer");
    expect(textOf(reply)).toMatch(/Results 1–5 of/);
    expect(buttonsOf(reply)).toContain("Next ›");
    console.log(`[slack socket] slash_commands ack ${ack.latencyMs.toFixed(1)} ms while HF took 3.2 s`);
  });

  it("acks interactive envelopes and pages in place", async () => {
    const page = h.fake.visibleTo("U0SOCK")[0];
    if (!page) throw new Error("no page");
    const ack = await h.fake.socket.send("interactive", payloads.blockActions({ kind: "ephemeral", message: page }, "Next ›"));
    expect(ack.latencyMs).toBeLessThan(3000);
    await waitFor(() => page.replacements === 1, 5000, "page 2");
    expect(textOf(page)).toMatch(/Results 6–10 of/);
  });

  it("acks events_api envelopes with an empty payload; a retried event is processed once", async () => {
    const ref = await h.app.deps.publish("slack", CHANNEL, {
      title: "Posted over Socket Mode",
      blocks: [],
      fallbackText: "Posted over Socket Mode",
      ref: { paperId: "2509.04664" },
    });
    const event = payloads.eventCallback(
      { type: "reaction_added", user: "U0SOCKR", reaction: "bookmark", item: { type: "message", channel: CHANNEL, ts: ref.messageId } },
      "Ev0SOCKET1",
    );
    const ack = await h.fake.socket.send("events_api", event);
    expect(ack.payload).toEqual({});
    expect(await bookmarkIds(h, "U0SOCKR", 1)).toEqual(["2509.04664"]);
    await h.app.deps.bookmarks.remove({ platform: "slack", userId: "U0SOCKR" }, "2509.04664");
    await h.fake.socket.send("events_api", event, { retryAttempt: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(await bookmarkIds(h, "U0SOCKR", 99, 0)).toEqual([]);
    const times = h.fake.socket.acks.map((a) => `${a.type}=${a.latencyMs.toFixed(1)}ms`).join(" ");
    console.log(`[slack socket] ack latencies: ${times}`);
    expect(h.fake.socket.acks.every((a) => a.latencyMs < 3000)).toBe(true);
  });

  it("reconnects when Slack asks it to", async () => {
    h.fake.socket.disconnect("refresh_requested");
    await waitFor(() => h.fake.socket.connectionCount() >= 2, 10_000, "reconnect");
    await h.fake.socket.connected();
    const ack = await h.fake.socket.send("slash_commands", payloads.slashCommand("help", { user: "U0AFTER" }));
    expect(ack.latencyMs).toBeLessThan(3000);
    await waitFor(() => h.fake.visibleTo("U0AFTER")[0], 5000, "help after reconnect");
  });

  it("a post-only adapter (npm run deliver) never opens a Socket Mode connection", async () => {
    const opened = h.fake.calls("apps.connections.open").length;
    const http = createHttpServer({ isHealthy: () => true });
    const poster = createSlackAdapter({ config: h.app.config, core: h.app.core, http, log: silentLogger, receiveEvents: false });
    await poster.start();
    const ref = await poster.post(CHANNEL, { blocks: [], fallbackText: "from deliver" });
    await poster.stop();
    expect(ref.messageId).toMatch(/^\d+\.\d{6}$/);
    expect(h.fake.calls("apps.connections.open")).toHaveLength(opened);
  });

  it("nothing was rejected and nobody was pinged", () => {
    expect(h.fake.state.rejections).toEqual([]);
    expect(h.fake.state.totalPings()).toBe(0);
  });
});
