// A two-shard Discord for the sharding tests: the fake Discord recommending 2 shards, with one community guild
// routed to each shard (each with a #papers channel), the fake Hugging Face, and helpers to subscribe a
// channel as its moderator and to read back what a channel received.
import type { FakeDiscord } from "../../fakes/fake-discord.js";
import { createFakeDiscord } from "../../fakes/fake-discord.js";
import type { AddedGuild } from "../../fakes/fake-discord-shards.js";
import { createFakeHf, type FakeHf } from "../../fakes/fake-hf.js";

export const SHARDS = 2;
/** A fixture date with papers (the bundled sample's 2026-05-05). */
export const DATE = "2026-05-05";
export const SECOND_DATE = "2026-05-04";
/** Papers per subscription: a header plus this many messages per post. */
export const TOP = 2;

export interface ShardWorld {
  fake: FakeDiscord;
  hf: FakeHf;
  /** guilds[i] routes to shard i. */
  guilds: AddedGuild[];
  close(): Promise<void>;
}

export async function createShardWorld(): Promise<ShardWorld> {
  const fake = await createFakeDiscord({ shards: SHARDS });
  const hf = await createFakeHf();
  const guilds = [fake.addGuild("Shard Zero Readers", [0, SHARDS]), fake.addGuild("Shard One Readers", [1, SHARDS])];
  return { fake, hf, guilds, close: async () => void (await Promise.all([fake.close(), hf.close()])) };
}

/** Runs `/paper subscribe` as the moderator in the guild's channel and waits for the private confirmation. */
export async function subscribeAsMod(fake: FakeDiscord, guild: AddedGuild): Promise<string> {
  const rec = fake.slash("subscribe", { time: "09:00", top: TOP }, { user: fake.world.users.mod, channelId: guild.channel.id });
  return JSON.stringify(await fake.settled(rec, 10_000));
}

/** Public messages in the guild's channel, oldest first. */
export const channelMessages = (fake: FakeDiscord, guild: AddedGuild) => fake.state.channelMessages(guild.channel.id);

/** How many POST /channels/:id/messages the fake answered with 2xx for that channel (duplicates show here). */
export const createsIn = (fake: FakeDiscord, guild: AddedGuild) =>
  fake.state.requests.filter((r) => r.method === "POST" && r.path === `/channels/${guild.channel.id}/messages` && r.status < 300).length;
