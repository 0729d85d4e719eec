// A store written by the version before feeds (its earliest layout: an `index` list plus `sub:`/`state:`
// records, no feed kind) opens as daily channel feeds with nothing lost: the settings, the delivery state (so a
// list already posted is not posted again), and room for a weekly feed next to it in the same channel.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPaperboy } from "../delivery/in-process.js";
import { createWorld, LIST_DATE, subscription, type World } from "../delivery/world.js";
import { writeLegacyStore } from "../store/legacy-layout.js";

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => {
  await world?.close();
});

describe("migrating subscriptions to feeds", () => {
  it("an old subscription is a daily feed that keeps its state; a weekly feed joins it", async () => {
    const url = `sqlite://${join(mkdtempSync(join(tmpdir(), "paperboy-feeds-migrate-")), "s.sqlite")}`;
    const channel = world.slackChannel();
    const old = subscription("slack", channel);
    // As the previous version stored it: no kind, no weekday; Thursday's list already posted on Friday.
    await writeLegacyStore(url, {
      subscriptions: {
        index: [`slack:${channel}`],
        [`sub:slack:${channel}`]: old,
        [`state:slack:${channel}`]: { lastDate: LIST_DATE, lastSlot: "2025-06-13T07:00:00.000Z", lastPostedDate: LIST_DATE },
      },
    });
    // Monday's slot: no newer list than Thursday's, so the daily feed posts nothing; the new weekly feed posts.
    const pb = await startPaperboy(world, url, "2025-06-16T07:00:30.000Z");
    const repo = pb.stack.subscriptions;
    const feeds = await repo.feedsOf("slack", channel);
    expect(feeds).toHaveLength(1);
    expect(feeds[0]).toMatchObject({ time: "09:00", timezone: "Europe/Berlin", top: old.top });
    expect(feeds[0]?.kind ?? "daily").toBe("daily");
    expect(await repo.getState({ platform: "slack", channelId: channel, kind: "daily" })).toMatchObject({ lastDate: LIST_DATE });

    await repo.save(subscription("slack", channel, { kind: "weekly", weekday: 1, top: 3 }));
    // The daily feed has nothing new; the weekly one posts (on the next tick if the daily held the channel's lease).
    const statuses = (await pb.stack.engine.runDue()).map((r) => r.outcome.status);
    if (statuses.includes("skipped")) statuses.push(...(await pb.stack.engine.runDue()).map((r) => r.outcome.status));
    expect(statuses.filter((s) => s !== "skipped").sort()).toEqual(["nothing", "posted"]);
    const got = world.slack.state.messages.filter((m) => m.channel === channel);
    expect(got).toHaveLength(4);
    expect(got[0]?.metadata).toMatchObject({ event_type: "paperboy_header", event_payload: { date: "2025-W24" } });
    expect((await repo.feedsOf("slack", channel)).map((f) => f.kind ?? "daily")).toEqual(["daily", "weekly"]);
    await pb.close();
  });
});
