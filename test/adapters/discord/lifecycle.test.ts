// End to end: direct messages (admin notices) and shutdown. stop() lets an answer that is already being
// prepared reach the user, then disconnects — well inside the 8-second SIGTERM budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textReply } from "../../../src/message.js";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("Discord adapter: direct messages and shutdown", () => {
  it("sends a direct message without mentions, and reports a user who can't be messaged as permanent", async () => {
    const [notice] = textReply("Your subscription in #papers stopped: paperboy lost access. @everyone").messages;
    if (!notice) throw new Error("no message");
    await h.adapter.sendDirect?.(h.fake.world.users.mod.id, notice);
    const dm = [...h.fake.state.messages.values()].find((m) => h.fake.world.channels.get(m.channelId)?.type === 1);
    expect(dm?.body.content).toContain("Your subscription in #papers stopped");
    expect(dm?.body.allowed_mentions).toEqual({ parse: [] });
    h.fake.failNext("POST", /^\/channels\/\d+\/messages$/, 403, 50007, "Cannot send messages to this user");
    await expect(h.adapter.sendDirect?.(h.fake.world.users.alice.id, notice)).rejects.toMatchObject({ code: "50007", permanent: true });
  });

  it("finishes an answer in progress on stop, then disconnects within the SIGTERM budget", async () => {
    h.hf.setFault("/api/papers/search", { delayMs: 1500, times: 1 });
    const rec = h.fake.slash("search", { query: "diffusion" });
    await h.fake.waitFor(() => rec.ack);
    const started = Date.now();
    await h.stopBot();
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(8000);
    expect(h.adapter.isReady()).toBe(false);
    expect(h.fake.state.messages.get(rec.originalId ?? "")?.body.content).toMatch(/^Results 1–5 of/);
    await h.fake.waitFor(() => !h.fake.gateway.connected());
  });
});
