// Who counts as a channel admin on Slack (CONTRACT.md "Admins"): workspace admins and owners, from users.info,
// plus the user ids in SLACK_ADMIN_USER_IDS. Asked lazily (only admin-only commands and help ask), one lookup
// per user at a time shared by every caller waiting on it, answers cached for minutes and failures for seconds
// (a failure means "not an admin", which only ever withholds a privilege) so a burst never multiplies calls.
import type { Logger } from "../../src/log.js";
import type { SlackClient } from "./web.js";

const CACHE_TTL_MS = 5 * 60 * 1000;
/** Long enough that a burst of commands during a users.info outage or 429 storm costs one failed call. */
const FAILURE_TTL_MS = 10 * 1000;
/** Entries kept before the oldest are dropped (a long-running bot sees many users). */
const MAX_ENTRIES = 10_000;

export interface AdminQuery {
  userId: string;
  /** The Slack team the user belongs to (user ids are only unique within a workspace). */
  teamId?: string | undefined;
  /** A client holding that workspace's bot token. */
  client: SlackClient;
}

export interface AdminCheck {
  isAdmin(query: AdminQuery): Promise<boolean>;
}

export function createAdminCheck(opts: { adminUserIds: readonly string[]; log: Logger; now?: () => number }): AdminCheck {
  const now = opts.now ?? Date.now;
  const configured = new Set(opts.adminUserIds);
  const cache = new Map<string, { value: boolean; until: number }>();
  const pending = new Map<string, Promise<boolean>>();

  async function lookUp({ userId, teamId, client }: AdminQuery, key: string): Promise<boolean> {
    let value = false;
    let ttl = CACHE_TTL_MS;
    try {
      const u = (await client.users.info({ user: userId })).user;
      value = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
    } catch (err) {
      ttl = FAILURE_TTL_MS;
      opts.log.warn({ err, userId, teamId }, "slack users.info failed; treating the user as a non-admin for now");
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, { value, until: now() + ttl });
    return value;
  }

  return {
    isAdmin(query) {
      if (configured.has(query.userId)) return Promise.resolve(true);
      const key = `${query.teamId ?? ""}:${query.userId}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return Promise.resolve(hit.value);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const run = lookUp(query, key).finally(() => pending.delete(key));
      pending.set(key, run);
      return run;
    },
  };
}
