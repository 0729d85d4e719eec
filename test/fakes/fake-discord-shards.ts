// Sharding facts for the fake Discord (platforms.md A9): the routing formula `(guild_id >> 22) % num_shards`,
// guild ids chosen to land on a given shard, and extra guilds (each with one text channel the bot can post in)
// so a test can put one community on each shard.
import { snowflake, type FakeChannel, type FakeWorld } from "./fake-discord-model.js";

/** Discord's routing formula: which of `count` shards receives a guild's events. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A fresh snowflake whose guild routes to `shard` of `count` (the timestamp bits are nudged back). */
export function guildIdOnShard(shard: number, count: number): string {
  let id = BigInt(snowflake());
  while (shardOf(id.toString(), count) !== shard) id -= 1n << 22n;
  return id.toString();
}

export interface AddedGuild {
  guildId: string;
  name: string;
  /** #papers in that guild: the bot can post. */
  channel: FakeChannel;
}

/** Adds a guild with one sendable text channel to the world; `shard: [id, count]` picks where it routes. */
export function addGuild(world: FakeWorld, name: string, shard?: [number, number]): AddedGuild {
  const guildId = shard ? guildIdOnShard(shard[0], shard[1]) : snowflake();
  const channel: FakeChannel = { id: snowflake(), name: "papers", type: 0, guildId, botCanSend: true };
  world.guilds.set(guildId, { id: guildId, name });
  world.channels.set(channel.id, channel);
  return { guildId, name, channel };
}
