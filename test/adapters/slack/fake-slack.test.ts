// The fake Slack must be as strict as Slack, or the other tests prove nothing: driven with the real WebClient,
// it refuses over-limit payloads with Slack's own error codes, enforces response_url's five uses, auth and
// channel membership, and counts the mentions a message would fire.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeSlack, FAKE_BOT_TOKEN, type FakeSlack } from "../../fakes/fake-slack.js";
import { countPings } from "../../fakes/fake-slack-validate.js";

let fake: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await createFakeSlack();
  client = new webApi.WebClient(FAKE_BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
});
afterAll(() => fake?.close());

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (text: string, action_id: string, value = "v") => ({ type: "button", text: { type: "plain_text", text }, action_id, value });

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "accepted";
  } catch (err) {
    return (err as { data?: { error?: string } }).data?.error ?? String(err);
  }
}

const post = (args: Record<string, unknown>) => client.chat.postMessage({ channel: "C0TEST", ...args } as never);

describe("fake Slack rejects what Slack rejects", () => {
  it.each([
    ["51 blocks", { text: "t", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }],
    ["section text of 3,001", { text: "t", blocks: [section("x".repeat(3001))] }],
    ["empty section text", { text: "t", blocks: [section("")] }],
    ["11 fields", { text: "t", blocks: [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }] }],
    ["a field of 2,001", { text: "t", blocks: [{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2001) }] }] }],
    ["header of 151", { text: "t", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] }],
    ["mrkdwn header", { text: "t", blocks: [{ type: "header", text: { type: "mrkdwn", text: "h" } }] }],
    ["11 context elements", { text: "t", blocks: [{ type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "c" })) }] }],
    ["button text of 76", { text: "t", blocks: [{ type: "actions", elements: [button("b".repeat(76), "a")] }] }],
    ["duplicate action_id", { text: "t", blocks: [{ type: "actions", elements: [button("a", "same"), button("b", "same")] }] }],
    ["action_id of 256", { text: "t", blocks: [{ type: "actions", elements: [button("a", "i".repeat(256))] }] }],
    ["button value of 2,001", { text: "t", blocks: [{ type: "actions", elements: [button("a", "a", "v".repeat(2001))] }] }],
  ])("invalid_blocks: %s", async (_name, args) => {
    expect(await slackError(post(args))).toBe("invalid_blocks");
  });

  it("msg_too_long above 40,000 characters of text; no_text without text or blocks", async () => {
    expect(await slackError(post({ text: "x".repeat(40_001) }))).toBe("msg_too_long");
    expect(await slackError(post({ text: "" }))).toBe("no_text");
    expect(await slackError(post({ text: "x".repeat(40_000) }))).toBe("accepted");
  });

  it("records every rejection for assertions", () => {
    expect(fake.state.rejections.length).toBeGreaterThanOrEqual(14);
    expect(fake.state.rejections[0]?.errors[0]).toMatch(/json-pointer/);
  });

  it("channel and auth errors", async () => {
    fake.state.channel("C0NOTIN").member = false;
    fake.state.channel("C0OLD").archived = true;
    expect(await slackError(client.chat.postMessage({ channel: "C0NOTIN", text: "t" }))).toBe("not_in_channel");
    expect(await slackError(client.chat.postMessage({ channel: "C0OLD", text: "t" }))).toBe("is_archived");
    expect(await slackError(client.chat.postMessage({ channel: "nope", text: "t" }))).toBe("channel_not_found");
    const stranger = new webApi.WebClient("xoxb-wrong", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
    expect(await slackError(stranger.auth.test())).toBe("invalid_auth");
  });

  it("injected 429s carry Retry-After", async () => {
    fake.inject("chat.postMessage", { status: 429, retryAfterSec: 7 });
    const limited = new webApi.WebClient(FAKE_BOT_TOKEN, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
    const err = await limited.chat.postMessage({ channel: "C0TEST", text: "t" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 7 });
  });
});

describe("response_url", () => {
  it("takes five uses, then refuses like Slack", async () => {
    const url = fake.createResponseUrl("U0X", "C0TEST");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `reply ${i}` }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(fake.visibleTo("U0X")).toHaveLength(5);
  });

  it("validates bodies the same way", async () => {
    const url = fake.createResponseUrl("U0Y", "C0TEST");
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "t", blocks: [section("")] }) });
    expect(res.status).toBe(400);
  });
});

describe("ping counting", () => {
  it("counts special and user mentions, but not escaped ones", () => {
    expect(countPings({ text: "<!channel> <!here|here> <@U123> <!subteam^S1>", blocks: [section("<!everyone>")] })).toBe(5);
    expect(countPings({ text: "&lt;!channel&gt; @here", blocks: [section("&lt;@U123&gt;")] })).toBe(0);
    expect(countPings({ text: "@here", link_names: true })).toBe(1);
  });
});

describe("fake Slack threads", () => {
  it("files replies under their parent: out of the channel history, in conversations.replies", async () => {
    const parent = await post({ text: "header" });
    const reply = await post({ text: "paper", thread_ts: parent.ts });
    await post({ text: "reply to a reply", thread_ts: reply.ts });
    const history = await client.conversations.history({ channel: "C0TEST" });
    expect(history.messages?.some((m) => m.ts === reply.ts)).toBe(false);
    const replies = await client.conversations.replies({ channel: "C0TEST", ts: String(parent.ts) });
    expect(replies.messages?.map((m) => m.text)).toEqual(["header", "paper", "reply to a reply"]);
    expect(replies.messages?.[1]).toMatchObject({ thread_ts: parent.ts });
    expect(await slackError(post({ text: "x", thread_ts: "1.000" }))).toBe("thread_not_found");
  });
});
