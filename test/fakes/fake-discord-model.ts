// The little world the fake Discord serves: one guild with text channels (more via fake-discord-shards.ts
// addGuild), roles, a few members, the bot user, plus builders for the JSON objects Discord sends (users,
// members, guilds, messages). Shapes follow the discord-api-docs fields discord.js 14.28 reads
// (platforms.md A3/A4); ids are real-looking snowflakes.

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A 18–19 digit snowflake for "now", unique within the process (platforms.md A1: buckets key on \d{17,19}). */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Permission bits paperboy cares about (discord-api-docs permissions.mdx). */
export const PERM = {
  AddReactions: 1n << 6n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
} as const;

const MEMBER_PERMS =
  PERM.ViewChannel | PERM.SendMessages | PERM.AddReactions | PERM.ReadMessageHistory | PERM.UseApplicationCommands;

export interface FakeUser {
  id: string;
  username: string;
  bot: boolean;
  /** Effective permissions in the guild's channels, as a decimal string. */
  permissions: string;
}

/** A forum tag (discord-api-docs "forum tag object"). */
export interface FakeForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: string | null;
  emoji_name: string | null;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 guild text, 1 DM, 11 public thread, 15 forum. */
  type: 0 | 1 | 11 | 15;
  guildId?: string;
  /** A thread's parent: the text channel it was started in, or its forum. */
  parentId?: string;
  /** A forum's tags (at most 20, like Discord). */
  availableTags?: FakeForumTag[];
  /** A forum post's tags (ids from its forum's availableTags, at most 5). */
  appliedTags?: string[];
  /** Whether the bot has Manage Channels here (needed to add a forum's tags; answers 403 / 50013 otherwise). */
  botCanManage?: boolean;
  /** False where the bot lacks Create Public Threads: starting a thread answers 403 / 50013 (default: allowed). */
  botCanCreateThreads?: boolean;
  /** False for a channel where the bot lacks Send Messages (answers 403 / 50013). */
  botCanSend: boolean;
  /** A DM channel's recipient. */
  recipientId?: string;
  /** A thread's archive time (ISO) once archived: out of the guild's active threads, listed as archived instead. */
  archivedAt?: string;
}

export interface FakeWorld {
  applicationId: string;
  bot: FakeUser;
  guildId: string;
  guildName: string;
  /** #papers: the bot can post here. */
  channel: FakeChannel;
  /** #announcements: read-only for the bot. */
  lockedChannel: FakeChannel;
  users: { alice: FakeUser; mod: FakeUser; otherBot: FakeUser };
  channels: Map<string, FakeChannel>;
  /** Users who do not accept DMs from the bot: a message to their DM channel answers 403 / 50007, like Discord. */
  dmsClosed: Set<string>;
  /** Every guild the bot is in (the first is `guildId`); the gateway routes them to shards. */
  guilds: Map<string, { id: string; name: string }>;
}

export function createWorld(): FakeWorld {
  const guildId = snowflake();
  const channel: FakeChannel = { id: snowflake(), name: "papers", type: 0, guildId, botCanSend: true };
  const lockedChannel: FakeChannel = { id: snowflake(), name: "announcements", type: 0, guildId, botCanSend: false };
  const user = (username: string, bot: boolean, perms: bigint): FakeUser => ({
    id: snowflake(),
    username,
    bot,
    permissions: perms.toString(),
  });
  const bot = user("paperboy", true, MEMBER_PERMS | PERM.EmbedLinks);
  return {
    applicationId: bot.id,
    bot,
    guildId,
    guildName: "Paper Club",
    channel,
    lockedChannel,
    users: {
      alice: user("alice", false, MEMBER_PERMS),
      mod: user("mod", false, MEMBER_PERMS | PERM.ManageChannels),
      otherBot: user("otherbot", true, MEMBER_PERMS),
    },
    dmsClosed: new Set(),
    channels: new Map([
      [channel.id, channel],
      [lockedChannel.id, lockedChannel],
    ]),
    guilds: new Map([[guildId, { id: guildId, name: "Paper Club" }]]),
  };
}

export function userJson(u: FakeUser): Record<string, unknown> {
  return { id: u.id, username: u.username, discriminator: "0", global_name: null, avatar: null, bot: u.bot };
}

export function memberJson(u: FakeUser): Record<string, unknown> {
  return {
    user: userJson(u),
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    permissions: u.permissions,
  };
}

export function channelJson(c: FakeChannel): Record<string, unknown> {
  if (c.type === 1) return { id: c.id, type: 1, recipients: [], last_message_id: null };
  if (c.type === 11) {
    return {
      id: c.id,
      type: 11,
      guild_id: c.guildId,
      parent_id: c.parentId,
      name: c.name,
      owner_id: null,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      applied_tags: c.appliedTags ?? [],
      total_message_sent: 0,
      thread_metadata: { archived: c.archivedAt !== undefined, auto_archive_duration: 1440, archive_timestamp: c.archivedAt ?? new Date().toISOString(), locked: false },
    };
  }
  const base = { id: c.id, type: c.type, guild_id: c.guildId, name: c.name, position: 0, permission_overwrites: [], nsfw: false };
  if (c.type === 0) return base;
  return {
    ...base,
    topic: null,
    flags: 0,
    available_tags: c.availableTags ?? [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
    default_thread_rate_limit_per_user: 0,
  };
}

export function guildCreateJson(world: FakeWorld, guildId = world.guildId): Record<string, unknown> {
  const everyone = {
    id: guildId,
    name: "@everyone",
    permissions: MEMBER_PERMS.toString(),
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  };
  const moderators = { ...everyone, id: snowflake(), name: "Moderators", permissions: PERM.ManageChannels.toString(), position: 1 };
  return {
    id: guildId,
    name: world.guilds.get(guildId)?.name ?? world.guildName,
    icon: null,
    owner_id: world.users.mod.id,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    features: [],
    system_channel_flags: 0,
    preferred_locale: "en-US",
    roles: [everyone, moderators],
    channels: [...world.channels.values()].filter((c) => (c.type === 0 || c.type === 15) && c.guildId === guildId).map(channelJson),
    members: [memberJson(world.bot)],
    emojis: [],
    stickers: [],
    threads: [...world.channels.values()].filter((c) => c.type === 11 && c.guildId === guildId).map(channelJson),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 4,
  };
}

/** A message object as Discord returns it from the channel and webhook routes (platforms.md A4). */
export function messageJson(
  world: FakeWorld,
  input: { id: string; channelId: string; body: Record<string, unknown>; webhookId?: string; attachments?: unknown[] },
): Record<string, unknown> {
  const channel = world.channels.get(input.channelId);
  const b = input.body;
  return {
    id: input.id,
    channel_id: input.channelId,
    ...(channel?.guildId ? { guild_id: channel.guildId } : {}),
    author: userJson(world.bot),
    content: typeof b.content === "string" ? b.content : "",
    timestamp: new Date(Number((BigInt(input.id) >> 22n) + DISCORD_EPOCH)).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: input.attachments ?? [],
    embeds: Array.isArray(b.embeds) ? b.embeds : [],
    components: Array.isArray(b.components) ? b.components : [],
    reactions: [],
    pinned: false,
    type: input.webhookId ? 20 : 0,
    flags: typeof b.flags === "number" ? b.flags : 0,
    ...(typeof b.nonce === "string" || typeof b.nonce === "number" ? { nonce: b.nonce } : {}),
    ...(input.webhookId ? { webhook_id: input.webhookId, application_id: input.webhookId } : {}),
  };
}
