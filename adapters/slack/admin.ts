// Who counts as a channel admin on Slack (CONTRACT.md "Admins"): workspace admins and owners, from users.info,
// plus the user ids in SLACK_ADMIN_USER_IDS. Answers are cached briefly so a burst of commands costs one
// lookup; a failed lookup means "not an admin" (never cached), which only ever withholds a privilege.
import type { Logger } from "../../src/log.js";
import type { SlackClient } from "./web.js";

const CACHE_TTL_MS = 5 * 60 * 1000;

export interface AdminCheck {
  isAdmin(userId: string): Promise<boolean>;
}

export function createAdminCheck(opts: {
  client: SlackClient;
  adminUserIds: readonly string[];
  log: Logger;
  now?: () => number;
}): AdminCheck {
  const now = opts.now ?? Date.now;
  const configured = new Set(opts.adminUserIds);
  const cache = new Map<string, { value: boolean; until: number }>();
  return {
    async isAdmin(userId) {
      if (configured.has(userId)) return true;
      const hit = cache.get(userId);
      if (hit && hit.until > now()) return hit.value;
      try {
        const res = await opts.client.users.info({ user: userId });
        const u = res.user;
        const value = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
        cache.set(userId, { value, until: now() + CACHE_TTL_MS });
        return value;
      } catch (err) {
        opts.log.warn({ err, userId }, "slack users.info failed; treating the user as a non-admin");
        return false;
      }
    },
  };
}
