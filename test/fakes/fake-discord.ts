// A fake Discord on one 127.0.0.1 port — REST under /api/v10 and the gateway WebSocket — that the REAL
// discord.js Client runs against unchanged (platforms.md A, C). Tests inject slash commands, autocomplete,
// button clicks and reactions as a user would, then assert on the recorded state and journal.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { attachGateway, type FakeGateway } from "./fake-discord-gateway.js";
import { channelJson, createWorld, guildCreateJson, memberJson, snowflake, userJson, type FakeChannel, type FakeUser, type FakeWorld } from "./fake-discord-model.js";
import { createRateLimiter, DEFAULT_BUCKETS, type BucketLimit } from "./fake-discord-ratelimit.js";
import { createRestHandler } from "./fake-discord-rest.js";
import { addGuild, type AddedGuild } from "./fake-discord-shards.js";
import { addForum } from "./fake-discord-threads.js";
import { createState, type FakeDiscordState, type InteractionRecord, type StoredMessage } from "./fake-discord-state.js";
import type { WriteFault } from "./write-faults.js";

export type { FakeDiscordState, InteractionRecord, StoredMessage } from "./fake-discord-state.js";
export type { FakeChannel, FakeForumTag, FakeUser, FakeWorld } from "./fake-discord-model.js";

export interface FakeDiscordConfig {
  token?: string;
  /** Gateway heartbeat interval sent in HELLO (Discord: 41,250 ms). */
  heartbeatIntervalMs?: number;
  /** How long an interaction may go unacknowledged (Discord: 3,000 ms). */
  interactionDeadlineMs?: number;
  /** Global requests per second (Discord: 50). */
  globalPerSecond?: number;
  /** Per-route buckets, merged over DEFAULT_BUCKETS (keys like `POST /channels/:id/messages`). */
  buckets?: Record<string, BucketLimit>;
  /** How long an `enforce_nonce` nonce is remembered, ms (Discord: "a few minutes"; default 180,000). */
  nonceWindowMs?: number;
  /** Recommended shard count answered by `GET /gateway/bot` (default 1). */
  shards?: number;
  /** `session_start_limit.max_concurrency` (default: the shard count, so shards identify without the 5 s wait). */
  maxConcurrency?: number;
  /** Guilds one shard may hold before IDENTIFY is refused with 4011 (Discord: 2,500). */
  maxGuildsPerShard?: number;
}

interface Where {
  user?: FakeUser;
  channelId?: string;
  /** Sent from a DM with the bot: `user` instead of `member`, no guild. */
  dm?: boolean;
}

type OptionValue = string | number | boolean;

export interface FakeDiscord {
  /** The value for DISCORD_API_URL / discord.js `rest.api`. */
  apiUrl: string;
  token: string;
  world: FakeWorld;
  state: FakeDiscordState;
  gateway: FakeGateway;
  /** Injects `/paper <sub> …options` as INTERACTION_CREATE; returns its record (acks land on it). */
  slash(sub: string, options?: Record<string, OptionValue>, where?: Where): InteractionRecord;
  /** Injects an autocomplete interaction for `/paper <sub>` with `focused` being typed. */
  autocomplete(sub: string, focused: { name: string; value: string }, where?: Where): InteractionRecord;
  /** Injects a button click on a stored message. */
  click(customId: string, message: StoredMessage, where?: Where): InteractionRecord;
  /** Injects MESSAGE_REACTION_ADD/REMOVE from a user (🔖 by default). Returns false if withheld. */
  react(message: { id: string; channelId: string }, opts?: { user?: FakeUser; emoji?: string; added?: boolean }): boolean;
  /** Adds a guild with a #papers channel; `shard: [id, count]` makes it route to that shard. Sends GUILD_CREATE if connected. */
  addGuild(name: string, shard?: [number, number]): AddedGuild;
  /** Adds a forum channel (type 15) with these tags to the first guild; sends CHANNEL_CREATE if connected. */
  addForum(opts?: Parameters<typeof addForum>[1]): FakeChannel;
  /** Makes the next matching request fail with Discord's error body. */
  failNext(method: string, path: RegExp, status: number, code: number, message: string): void;
  /**
   * A fault AFTER the write was stored (5xx, lost response, held response), for requests whose route
   * (`POST /channels/ID/messages`) and JSON body match; see write-faults.ts.
   */
  faultAfterWrite(fault: WriteFault): void;
  /** Polls until `check` returns something truthy. */
  waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  /** Resolves when the interaction has a visible result: @original created/edited, or a follow-up. */
  settled(rec: InteractionRecord, timeoutMs?: number): Promise<{ original?: StoredMessage; followUps: StoredMessage[] }>;
  close(): Promise<void>;
}

export async function createFakeDiscord(config: FakeDiscordConfig = {}): Promise<FakeDiscord> {
  const token = config.token ?? "fake.discord.bot-token";
  const world = createWorld();
  const state = createState(world, config.interactionDeadlineMs ?? 3000);
  if (config.nonceWindowMs !== undefined) state.nonceWindowMs = config.nonceWindowMs;
  const limiter = createRateLimiter({ globalPerSecond: config.globalPerSecond ?? 50, buckets: { ...DEFAULT_BUCKETS, ...config.buckets } });
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}`;
  const gatewayRef: { current?: FakeGateway } = {};
  const shards = config.shards ?? 1;
  const gatewayBot = { shards, maxConcurrency: config.maxConcurrency ?? shards };
  const rest = createRestHandler({ state, token, gatewayUrl, gatewayBot, limiter, dispatch: (t, d) => gatewayRef.current?.dispatch(t, d) });
  const server = createServer((req, res) => void rest(req, res));
  const gateway = attachGateway(server, {
    world,
    token,
    heartbeatIntervalMs: config.heartbeatIntervalMs ?? 41_250,
    url: gatewayUrl,
    journal: (entry) => state.frames.push({ at: Date.now(), ...entry }),
    ...(config.maxGuildsPerShard ? { maxGuildsPerShard: config.maxGuildsPerShard } : {}),
  });
  gatewayRef.current = gateway;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  const gw = gateway;

  function inject(type: number, data: Record<string, unknown>, where: Where, extra: Record<string, unknown> = {}): InteractionRecord {
    const user = where.user ?? world.users.alice;
    const channelId = where.channelId ?? world.channel.id;
    const channel = world.channels.get(channelId) ?? { id: channelId, name: "dm", type: 1 as const, botCanSend: true };
    const rec: InteractionRecord = {
      id: snowflake(),
      token: `itok-${randomBytes(24).toString("base64url")}`,
      type,
      userId: user.id,
      channelId,
      injectedAt: Date.now(),
      followUpIds: [],
      errors: [],
    };
    state.interactions.set(rec.id, rec);
    const guildId = channel.guildId ?? world.guildId;
    const guild = where.dm ? {} : { guild_id: guildId, member: memberJson(user), guild_locale: "en-US" };
    gw.dispatch("INTERACTION_CREATE", {
      id: rec.id,
      application_id: world.applicationId,
      type,
      token: rec.token,
      version: 1,
      data,
      channel_id: channelId,
      channel: channelJson(channel),
      ...(where.dm ? { user: userJson(user) } : guild),
      app_permissions: world.bot.permissions,
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: where.dm ? { "1": user.id } : { "0": guildId },
      context: where.dm ? 1 : 0,
      attachment_size_limit: 10_485_760,
      ...extra,
    });
    return rec;
  }

  const optionType = (v: OptionValue) => (typeof v === "boolean" ? 5 : typeof v === "number" ? (Number.isInteger(v) ? 4 : 10) : 3);
  const commandData = (sub: string, options: { name: string; value: OptionValue; focused?: boolean }[]) => ({
    id: (state.commands.guild.get(world.guildId) ?? state.commands.global)[0]?.id ?? snowflake(),
    name: "paper",
    type: 1,
    options: [{ name: sub, type: 1, options: options.map((o) => ({ ...o, type: optionType(o.value) })) }],
  });

  const waitFor: FakeDiscord["waitFor"] = async (check, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`fake-discord: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    world,
    state,
    gateway: gw,
    slash: (sub, options = {}, where = {}) =>
      inject(2, commandData(sub, Object.entries(options).map(([name, value]) => ({ name, value }))), where),
    autocomplete: (sub, focused, where = {}) => inject(4, commandData(sub, [{ ...focused, focused: true }]), where),
    click(customId, message, where = {}) {
      const rec = inject(3, { custom_id: customId, component_type: 2 }, { channelId: message.channelId, ...where }, { message: message.json });
      rec.sourceMessageId = message.id;
      rec.sourceEditsAtInjection = message.edits;
      return rec;
    },
    react(message, opts = {}) {
      const user = opts.user ?? world.users.alice;
      const added = opts.added ?? true;
      return gw.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", {
        user_id: user.id,
        channel_id: message.channelId,
        message_id: message.id,
        guild_id: world.channels.get(message.channelId)?.guildId ?? world.guildId,
        emoji: { id: null, name: opts.emoji ?? "🔖" },
        burst: false,
        type: 0,
        ...(added ? { member: memberJson(user), message_author_id: world.bot.id, burst_colors: [] } : {}),
      });
    },
    addGuild(name, shard) {
      const added = addGuild(world, name, shard);
      gw.dispatch("GUILD_CREATE", guildCreateJson(world, added.guildId));
      return added;
    },
    addForum(opts) {
      const forum = addForum(world, opts);
      gw.dispatch("CHANNEL_CREATE", channelJson(forum));
      return forum;
    },
    failNext(method, path, status, code, message) {
      state.failures.push({ method, path, status, code, message });
    },
    faultAfterWrite: (fault) => state.writeFaults.add(fault),
    waitFor,
    async settled(rec, timeoutMs) {
      return waitFor(() => {
        const followUps = rec.followUpIds.flatMap((id) => state.messages.get(id) ?? []);
        const original =
          rec.ack?.type === 6 || rec.ack?.type === 7 ? state.messages.get(rec.sourceMessageId ?? "") : state.messages.get(rec.originalId ?? "");
        const updated = rec.ack?.type === 6 ? (original?.edits ?? 0) > (rec.sourceEditsAtInjection ?? 0) : Boolean(original);
        const done = rec.ack?.type === 7 || followUps.length > 0 || (rec.ack?.type !== 5 && updated) || (rec.ack?.type === 5 && original);
        return done ? { ...(original ? { original } : {}), followUps } : undefined;
      }, timeoutMs);
    },
    async close() {
      state.writeFaults.releaseAll();
      await gw.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
