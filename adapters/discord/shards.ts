// Gateway sharding for the Discord adapter: discord.js internal sharding (all of this process's shards in its
// one Client), configured by DISCORD_SHARDS / DISCORD_SHARD_IDS. Discord routes a guild's commands and reactions
// to the shard that owns it, `(guild_id >> 22) % shards`; this module applies the same rule to delivery, so a
// channel is served only by the process running its guild's shard, and only while that shard is connected.
import { DiscordAPIError, Events, Routes, ShardClientUtil, Status, type Client, type ClientOptions } from "discord.js";
import type { Config } from "../../src/config.js";
import type { Logger } from "../../src/log.js";

/** discord.js Client options for the configured shards ("auto" → the count `GET /gateway/bot` recommends). */
export function shardOptions(config: Pick<Config, "DISCORD_SHARDS" | "DISCORD_SHARD_IDS">): Pick<ClientOptions, "shards" | "shardCount"> {
  const count = config.DISCORD_SHARDS;
  if (count === "auto") return { shards: "auto" };
  // shardCount must be explicit: with a list of ids alone, discord.js takes the list's length as the total.
  return { shards: config.DISCORD_SHARD_IDS ?? Array.from({ length: count }, (_, i) => i), shardCount: count };
}

/** Close codes after which discord.js gives a shard up, in words an operator can act on. */
const FATAL_CLOSES: Record<number, string> = {
  4004: "Discord rejected DISCORD_TOKEN",
  4010: "Discord rejected the shard ids (check DISCORD_SHARDS and DISCORD_SHARD_IDS)",
  4011: "Discord requires more shards for this many servers (set DISCORD_SHARDS=auto or a larger number)",
  4013: "Discord rejected the gateway intents",
  4014: "Discord refused the gateway intents (privileged intents are not enabled for this bot)",
};

export interface ShardRouter {
  /** Shards in all, across every process (known once logged in). */
  count(): number;
  /** The shard ids this process runs. */
  local(): number[];
  /** True when every shard this process runs is connected and has its guilds (`/healthz`). */
  allReady(): boolean;
  /**
   * Whether this process should deliver to `channelId` now: its guild's shard is one of ours and is connected.
   * `guildHint` is the guild the channel was subscribed from. Unknown or deleted channels answer true, so the
   * post itself surfaces the real error.
   */
  canDeliver(channelId: string, guildHint?: string): Promise<boolean>;
  /** Rejects when a shard is closed for good (bad token, sharding required …), with the reason in plain words. */
  fatal: Promise<never>;
}

/** `stopping` tells a shutdown (every shard closes with 1000) from a shard dropping. */
export function createShardRouter(client: Client, log: Logger, stopping: () => boolean): ShardRouter {
  const guildOfChannel = new Map<string, string>();
  const count = () => client.options.shardCount ?? 1;
  const local = () => [...client.ws.shards.keys()];
  /** The shard that receives a guild's events; guild-less (DM) traffic belongs to shard 0. */
  const shardFor = (guildId: string | undefined) => (guildId ? ShardClientUtil.shardIdForGuildId(guildId, count()) : 0);
  const isReady = (id: number) => client.ws.shards.get(id)?.status === Status.Ready;
  const allLocal = () => client.ws.shards.size === count();

  /**
   * The channel's guild id from the cache, the hint, or (once per channel) Discord: "dm" when it has no guild,
   * "gone" when Discord does not know it, undefined when it can't be told right now.
   */
  async function guildOf(channelId: string, hint: string | undefined): Promise<string | undefined> {
    const cached = client.channels.cache.get(channelId);
    if (cached) return "guildId" in cached && cached.guildId ? cached.guildId : "dm";
    if (hint) return hint;
    const known = guildOfChannel.get(channelId);
    if (known) return known;
    if (allLocal()) return undefined;
    try {
      const data = (await client.rest.get(Routes.channel(channelId))) as { guild_id?: string };
      guildOfChannel.set(channelId, data.guild_id ?? "dm");
      return data.guild_id ?? "dm";
    } catch (err) {
      if (err instanceof DiscordAPIError && [403, 404].includes(err.status)) return "gone";
      log.warn({ channelId, error: err instanceof Error ? err.message : String(err) }, "discord: could not look up a channel's guild");
      return undefined;
    }
  }

  const fatal = new Promise<never>((_, reject) => {
    client.on(Events.ShardDisconnect, (event, shardId) => {
      const reason = FATAL_CLOSES[event.code] ?? `the gateway closed with code ${event.code}`;
      log.error({ shardId, code: event.code }, `discord: shard ${shardId} stopped: ${reason}`);
      reject(new Error(`discord: shard ${shardId} stopped: ${reason}`));
    });
  });
  fatal.catch(() => undefined);
  client.on(Events.ShardReady, (shardId) => log.info({ shardId, shards: count() }, "discord: shard ready"));
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopping()) log.warn({ shardId }, "discord: shard reconnecting");
  });
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, "discord: shard resumed"));

  return {
    count,
    local,
    allReady: () => client.isReady() && client.ws.shards.size > 0 && local().every(isReady),
    async canDeliver(channelId, guildHint) {
      if (!client.isReady()) return false;
      const guildId = await guildOf(channelId, guildHint);
      if (guildId === undefined) return allLocal();
      if (guildId === "gone") return true;
      const shard = shardFor(guildId === "dm" ? undefined : guildId);
      return client.ws.shards.has(shard) ? isReady(shard) : false;
    },
    fatal,
  };
}
