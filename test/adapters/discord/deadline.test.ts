// End to end: Discord's 3-second deadline. paperboy defers first, so even when Hugging Face takes 10 s the
// acknowledgement lands in time and the answer follows. An interaction that is already gone (10062) or was
// already acknowledged elsewhere (40060) is logged, not thrown, and the bot keeps serving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "./harness.js";

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ env: { HF_TIMEOUT_MS: "15000" } });
});
afterAll(async () => {
  await h?.close();
});

const warnings = (code: number) => h.logs.filter((l) => l.level === 40 && l.code === code && String(l.msg).includes("already gone"));

describe("Discord adapter: the 3-second deadline", () => {
  it("acknowledges within 3 s while Hugging Face takes 10 s, then answers", async () => {
    h.hf.setFault("/api/papers/search", { delayMs: 10_000, times: 1 });
    const rec = h.fake.slash("search", { query: "diffusion" });
    await h.fake.waitFor(() => rec.ack, 3000);
    const ackMs = (rec.ack?.at ?? Infinity) - rec.injectedAt;
    const { original } = await h.fake.settled(rec, 15_000);
    const answerMs = (original ? Date.now() : Infinity) - rec.injectedAt;
    console.log(`[discord deadline] defer acknowledged after ${ackMs} ms; answer after ${answerMs} ms (HF delay 10,000 ms)`);
    expect(ackMs).toBeLessThan(3000);
    expect(answerMs).toBeGreaterThanOrEqual(10_000);
    expect(original?.body.content).toMatch(/^Results 1–5 of/);
    expect(rec.errors).toEqual([]);
  }, 20_000);

  it("survives an interaction that is already gone (10062) and keeps serving", async () => {
    h.fake.state.interactionDeadlineMs = -1;
    const late = h.fake.slash("help");
    await h.fake.waitFor(() => late.errors.includes(10062));
    h.fake.state.interactionDeadlineMs = 3000;
    await h.fake.waitFor(() => warnings(10062).length === 1);
    expect(h.seen.commands.some((c) => c.name === "help")).toBe(false);
    const { original } = await h.fake.settled(h.fake.slash("help"));
    expect(original?.body.embeds).toBeDefined();
  });

  it("survives an interaction another instance already acknowledged (40060), for commands and buttons", async () => {
    const doubled = h.fake.slash("today");
    doubled.ack = { type: 5, at: Date.now(), data: { flags: 64 } };
    await h.fake.waitFor(() => doubled.errors.includes(40060));
    const { original } = await h.fake.settled(h.fake.slash("get", { id: "2509.04664" }));
    if (!original) throw new Error("no reply");
    const saveId = (original.body.components as { components: { custom_id: string }[] }[])[0]?.components[0]?.custom_id ?? "";
    const click = h.fake.click(saveId, original);
    click.ack = { type: 6, at: Date.now(), data: {} };
    await h.fake.waitFor(() => click.errors.includes(40060));
    await h.fake.waitFor(() => warnings(40060).length === 2);
    expect(h.seen.commands.some((c) => c.name === "today")).toBe(false);
    expect(h.seen.actions).toEqual([]);
    expect(h.adapter.isReady()).toBe(true);
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
