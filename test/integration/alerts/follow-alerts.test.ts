// Follow alerts end to end on Discord and Slack fakes: one DM per closed list naming every match and why, never a
// second DM for the same list (a rerun, two instances on one store, a crash before or after the send), a 30-match
// DM that still fits, and "your DMs are closed" told once, privately, on the next command.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimKey } from "../../../src/alerts/send-alert.js";
import { followAlert } from "../../../src/format/follow-alert.js";
import { DM_CLOSED_TEXT } from "../../../src/store/dm-closed.js";
import { makeDailyItem } from "../../fakes/fake-hf.js";
import { createWorld, type World } from "../delivery/world.js";
import { discordDms, replyText, slackDms, startAlertBot } from "./setup.js";

const DAY = "2025-07-08"; // a Tuesday
const BEFORE_CLOSE = "2025-07-08T12:00:00.000Z";
const AFTER_CLOSE = "2025-07-09T07:00:00.000Z"; // the list of DAY closed at 01:30 UTC
const BIG_DAY = "2025-07-09";
const AFTER_BIG_CLOSE = "2025-07-10T07:00:00.000Z";

let world: World;
let dir: string;
beforeAll(async () => {
  world = await createWorld();
  dir = mkdtempSync(join(tmpdir(), "paperboy-alerts-"));
  world.hf.setDaily(DAY, [
    makeDailyItem({ id: "2507.00001", title: "Scaling laws for <@everyone> agents", authors: ["Jane Doe", "Max Roe"], upvotes: 50, listDate: DAY }),
    makeDailyItem({ id: "2507.00002", title: "Video world models", organization: { name: "nvidia", fullname: "NVIDIA" }, upvotes: 40, listDate: DAY }),
    makeDailyItem({ id: "2507.00003", title: "Latent diffusion for robots", authors: ["Jane Doe"], upvotes: 30, listDate: DAY }),
    makeDailyItem({ id: "2507.00004", title: "Unrelated tabular benchmark", upvotes: 20, listDate: DAY }),
  ]);
  world.hf.setDaily(
    BIG_DAY,
    Array.from({ length: 30 }, (_, i) =>
      makeDailyItem({ id: `2507.${String(10000 + i)}`, title: `Diffusion ${"very long title ".repeat(20)}${i}`, upvotes: 100 - i, listDate: BIG_DAY }),
    ),
  );
});
afterAll(async () => {
  await world?.close();
});

describe("follow alerts", { timeout: 60_000 }, () => {
  it("one DM per list on each platform, naming every match and why, and never a second one", async () => {
    const store = `sqlite://${join(dir, "a.sqlite")}`;
    const alice = world.discord.world.users.alice.id;
    const one = await startAlertBot(world, store, BEFORE_CLOSE);
    for (const [platform, user] of [["discord", alice], ["slack", "U0READER"]] as const) {
      for (const follow of ['author "Jane Doe"', "organization nvidia", "keyword diffusion"]) {
        expect(replyText(await one.command(platform, user, `follow ${follow}`))).toMatch(/^Following/);
      }
      expect(replyText(await one.command(platform, user, "follow keyword Diffusion"))).toMatch(/already follow/);
    }
    // A second instance on the same store; both run the pass at once, then again (a rerun).
    const two = await startAlertBot(world, store, BEFORE_CLOSE);
    for (const bot of [one, two]) bot.setNow(AFTER_CLOSE);
    const results = await Promise.all([one.app.alerts.run(), two.app.alerts.run()]);
    await Promise.all([one.app.alerts.run(), two.app.alerts.run()]);
    expect(results.reduce((n, r) => n + (r?.outcomes.sent ?? 0), 0)).toBe(2);

    for (const dms of [discordDms(world, alice), slackDms(world, "U0READER")]) {
      expect(dms).toHaveLength(1);
      const dm = dms[0]!;
      expect(dm).toContain("3 papers you follow");
      expect(dm).toMatch(/Scaling laws[^\n]*matched author Jane Doe/);
      expect(dm).toMatch(/Video world models[^\n]*matched organization nvidia/);
      expect(dm).toMatch(/Latent diffusion for robots[^\n]*matched author Jane Doe, keyword diffusion/);
      expect(dm).not.toContain("Unrelated tabular");
    }
    expect(world.discord.state.messages.size).toBeGreaterThan(0);
    await Promise.all([one.close(), two.close()]);

    // Restarted later: nothing is sent again for that list.
    const three = await startAlertBot(world, store, "2025-07-09T09:00:00.000Z");
    await three.app.alerts.run();
    expect(discordDms(world, alice)).toHaveLength(1);
    expect(slackDms(world, "U0READER")).toHaveLength(1);
    await three.close();
  });

  it("a list with 30 matches is still one DM that fits, with 'and N more'", async () => {
    const bot = await startAlertBot(world, `memory://big-${Date.now()}`, "2025-07-09T12:00:00.000Z");
    await bot.command("slack", "U0MANY", "follow keyword diffusion");
    await bot.command("discord", "900000000000000777", "follow keyword diffusion");
    bot.setNow(AFTER_BIG_CLOSE);
    const result = await bot.app.alerts.run();
    expect(result?.outcomes).toMatchObject({ sent: 2, failed: 0, unknown: 0 });
    for (const dms of [slackDms(world, "U0MANY"), discordDms(world, "900000000000000777")]) {
      expect(dms).toHaveLength(1);
      expect(dms[0]).toContain("30 papers you follow");
      expect(dms[0]).toContain("and 20 more papers");
    }
    await bot.close();
  });

  it("DMs closed: the next command says so once, privately, then never again", async () => {
    const bot = await startAlertBot(world, `memory://closed-${Date.now()}`, BEFORE_CLOSE);
    const bob = "800000000000000555"; // the fake names DM channels after all but the last 3 digits
    await bot.command("discord", bob, "follow keyword diffusion");
    await bot.command("slack", "U0GONE", "follow keyword diffusion");
    world.discord.world.dmsClosed.add(bob);
    world.slack.state.users.set("U0GONE", { deleted: true });
    bot.setNow(AFTER_CLOSE);
    const result = await bot.app.alerts.run();
    expect(result?.outcomes).toMatchObject({ sent: 0, dm_closed: 2 });
    expect(discordDms(world, bob)).toHaveLength(0);
    for (const [platform, user] of [["discord", bob], ["slack", "U0GONE"]] as const) {
      const first = await bot.command(platform, user, "following");
      expect(first.visibility).toBe("ephemeral");
      expect(replyText(first)).toContain(DM_CLOSED_TEXT);
      expect(replyText(first)).toContain('keyword "diffusion"');
      expect(replyText(await bot.command(platform, user, "following"))).not.toContain(DM_CLOSED_TEXT);
    }
    // Not retried: the list was handled.
    await bot.app.alerts.run();
    expect(discordDms(world, bob)).toHaveLength(0);
    await bot.close();
  });
});

describe("follow alerts after a crash", { timeout: 60_000 }, () => {
  const RECONCILE_AT = "2025-07-09T07:05:00.000Z"; // well past the claims written at AFTER_CLOSE

  it("a DM that landed but was never recorded is found in the DM's history, not sent again (both platforms)", async () => {
    const bot = await startAlertBot(world, `memory://landed-${Date.now()}`, BEFORE_CLOSE);
    const carol = "700000000000000123";
    await bot.command("discord", carol, "follow keyword diffusion");
    await bot.command("slack", "U0CAROL", "follow keyword diffusion");
    bot.setNow(AFTER_CLOSE);
    // The crashed process: claimed, sent, died before recording "sent".
    for (const [platform, user] of [["discord", carol], ["slack", "U0CAROL"]] as const) {
      await bot.app.store.putIfAbsent("alerts", claimKey({ platform, userId: user }, DAY), { state: "intent", at: AFTER_CLOSE });
      await bot.app.adapters.get(platform)?.sendDirect?.(user, followAlert(DAY, []), { alert: { date: DAY } });
    }
    expect((await bot.app.alerts.run())?.outcomes).toMatchObject({ sent: 0, pending: 2 });
    bot.setNow(RECONCILE_AT);
    expect((await bot.app.alerts.run())?.outcomes).toMatchObject({ sent: 0, reconciled: 2 });
    expect(discordDms(world, carol)).toHaveLength(1);
    expect(slackDms(world, "U0CAROL")).toHaveLength(1);
    await bot.close();
  });

  it("a claim whose DM never went out is sent once the history shows it is missing", async () => {
    const bot = await startAlertBot(world, `memory://lost-${Date.now()}`, BEFORE_CLOSE);
    const dave = "600000000000000123";
    await bot.command("discord", dave, "follow keyword diffusion");
    await bot.command("slack", "U0DAVE", "follow keyword diffusion");
    bot.setNow(AFTER_CLOSE);
    for (const [platform, user] of [["discord", dave], ["slack", "U0DAVE"]] as const) {
      await bot.app.store.putIfAbsent("alerts", claimKey({ platform, userId: user }, DAY), { state: "intent", at: AFTER_CLOSE });
    }
    bot.setNow(RECONCILE_AT);
    expect((await bot.app.alerts.run())?.outcomes).toMatchObject({ sent: 2 });
    await bot.app.alerts.run();
    expect(discordDms(world, dave)).toHaveLength(1);
    expect(slackDms(world, "U0DAVE")).toHaveLength(1);
    expect(discordDms(world, dave)[0]).toContain("Latent diffusion for robots");
    await bot.close();
  });
});
