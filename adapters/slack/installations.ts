// Slack distribution's installations, persisted in paperboy's store (namespace "slack-installations"): Bolt's
// InstallationStore (one record per workspace, or per org for org-wide installs) plus a small directory of which
// workspace a channel or user belongs to, learned from every request, so daily posts, "Post to channel" and DMs
// use that workspace's bot token. Records hold tokens: they are secrets and are never logged.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Keyv } from "keyv";
import { z } from "zod";
import type { Logger } from "../../src/log.js";

export const INSTALLATIONS_NAMESPACE = "slack-installations";
/** Keeps per-request token lookups off the store; short so another process's uninstall is seen soon. */
const CACHE_TTL_MS = 60 * 1000;

/** What paperboy needs from a stored installation; the rest of Bolt's record is kept as it is. */
const installationSchema = z
  .object({
    team: z.object({ id: z.string() }).passthrough().optional(),
    enterprise: z.object({ id: z.string() }).passthrough().optional(),
    isEnterpriseInstall: z.boolean().optional(),
    bot: z.object({ token: z.string().min(1), id: z.string().optional(), userId: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export interface WorkspaceBot {
  teamId: string;
  token: string;
  botId?: string;
  botUserId?: string;
}

export interface InstallationRepo extends InstallationStore {
  /** The bot of a workspace, or undefined when paperboy is not installed there. */
  bot(teamId: string): Promise<WorkspaceBot | undefined>;
  /** Forgets a workspace's installation (uninstalled or tokens revoked); true when there was one. */
  remove(teamId: string): Promise<boolean>;
  /** Remembers which workspace a channel or user belongs to. */
  learn(kind: "channel" | "user", id: string, teamId: string): Promise<void>;
  /** The workspace a channel or user was last seen in. */
  workspaceOf(kind: "channel" | "user", id: string): Promise<string | undefined>;
}

const keyOf = (q: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }) =>
  q.isEnterpriseInstall && q.enterpriseId ? `org:${q.enterpriseId}` : `team:${q.teamId ?? ""}`;

export function createInstallationRepo(kv: Keyv, log: Logger): InstallationRepo {
  const cache = new Map<string, { value: Installation | undefined; until: number }>();
  const learned = new Map<string, string>();

  async function read(key: string): Promise<Installation | undefined> {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const raw: unknown = await kv.get(key);
    let value: Installation | undefined;
    if (raw !== undefined) {
      const parsed = installationSchema.safeParse(raw);
      if (parsed.success) value = parsed.data as unknown as Installation;
      else log.warn({ key, problem: parsed.error.issues[0]?.path.join(".") }, "skipped a stored Slack installation of the wrong shape");
    }
    cache.set(key, { value, until: Date.now() + CACHE_TTL_MS });
    return value;
  }

  return {
    async storeInstallation(installation) {
      const key = keyOf({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      await kv.set(key, installation);
      cache.delete(key);
      log.info({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id }, "slack workspace installed");
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await read(keyOf(query));
      if (!found) throw new Error(`paperboy is not installed in Slack workspace ${query.teamId ?? query.enterpriseId ?? "?"}`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query);
      await kv.delete(key);
      cache.delete(key);
    },
    async bot(teamId) {
      const found = await read(keyOf({ teamId }));
      if (!found?.bot?.token) return undefined;
      const { token, id, userId } = found.bot;
      return { teamId, token, ...(id ? { botId: id } : {}), ...(userId ? { botUserId: userId } : {}) };
    },
    async remove(teamId) {
      const key = keyOf({ teamId });
      const had = (await kv.get(key)) !== undefined;
      await kv.delete(key);
      cache.delete(key);
      return had;
    },
    async learn(kind, id, teamId) {
      const key = `${kind}:${id}`;
      if (learned.get(key) === teamId) return;
      await kv.set(key, teamId);
      learned.set(key, teamId);
    },
    async workspaceOf(kind, id) {
      const key = `${kind}:${id}`;
      const known = learned.get(key);
      if (known) return known;
      const raw: unknown = await kv.get(key);
      if (typeof raw !== "string") return undefined;
      learned.set(key, raw);
      return raw;
    },
  };
}
