// Regression: chat.postMessage answering 500/502/503 (or losing its answer) AFTER Slack stored the message made
// the WebClient's default retry policy post it again behind the delivery ledger's back (9 duplicates). Posts
// now go through a client that never retries; only a 429 (nothing stored) is waited out and sent again.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackWeb } from "../../../adapters/slack/web.js";
import type { OutgoingMessage } from "../../../src/message.js";
import { createFakeSlack, FAKE_BOT_TOKEN, type FakeSlack } from "../../fakes/fake-slack.js";

let fake: FakeSlack;
beforeAll(async () => {
  fake = await createFakeSlack();
});
afterAll(() => fake?.close());

const message: OutgoingMessage = { blocks: [{ kind: "text", spans: [{ text: "A paper" }] }], fallbackText: "A paper", ref: { paperId: "2506.10001" } };

/** The web layer over a client with the SDK's DEFAULT retry policy, as the Bolt app builds it. */
function web() {
  const client = new webApi.WebClient(FAKE_BOT_TOKEN, { slackApiUrl: fake.apiUrl, logLevel: webApi.LogLevel.ERROR });
  return createSlackWeb({ client, identity: () => ({}) });
}
const stored = (channel: string) => fake.state.messages.filter((m) => m.channel === channel).length;

describe("posting is never retried by the SDK", () => {
  it.each([500, 502, 503] as const)("a %s after the write fails the post once and leaves one message", async (status) => {
    const channel = `C0RETRY${status}`;
    fake.faultAfterWrite({ match: (r) => r.route === "chat.postMessage" && r.body.channel === channel, fault: status });
    const err = await web().post(channel, message).catch((e: unknown) => e);
    expect(err).toMatchObject({ service: "slack", status });
    expect(stored(channel)).toBe(1);
    expect(fake.calls("chat.postMessage").filter((c) => c.body.channel === channel)).toHaveLength(1);
  });

  it("a lost answer (socket closed after the write) fails the post with status 0 and leaves one message", async () => {
    const channel = "C0RETRYLOST";
    fake.faultAfterWrite({ match: (r) => r.route === "chat.postMessage" && r.body.channel === channel, fault: "drop" });
    const err = await web().post(channel, message).catch((e: unknown) => e);
    expect(err).toMatchObject({ service: "slack", status: 0 });
    expect(stored(channel)).toBe(1);
  });

  it("a 429 (nothing stored) is waited out and sent again", { timeout: 10_000 }, async () => {
    const channel = "C0RETRY429";
    fake.inject("chat.postMessage", { status: 429, retryAfterSec: 1 });
    const ref = await web().post(channel, message);
    expect(stored(channel)).toBe(1);
    expect(ref.messageId).toBe(fake.state.messages.find((m) => m.channel === channel)?.ts);
  });
});
