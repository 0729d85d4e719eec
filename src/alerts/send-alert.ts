// One follow alert, exactly once: claim (person, list) with an atomic put-if-absent → send → record. A claim found
// without "sent" (a crash, or a send that never answered) is reconciled from the DM's history where the adapter
// can read it (ChatAdapter.ownDirectAlerts: alerts are marked, never recognised by paper text): found → recorded
// as sent; not there → sent again (at most MAX_ATTEMPTS). Without history it is never sent again (at most once).
import { z } from "zod";
import { failureReasonOf } from "../errors.js";
import type { Logger } from "../log.js";
import type { OutgoingMessage } from "../message.js";
import type { ChatAdapter } from "../ports.js";
import { ALERTS_NAMESPACE, type DmClosedNotices } from "../store/dm-closed.js";
import type { Follower } from "../store/follows.js";
import type { Store } from "../store/types.js";

/** A claim younger than this may still be in flight in another process: reconcile only after it. */
export const RECONCILE_AFTER_MS = 60_000;
export const MAX_ATTEMPTS = 3;
/** History is read from this long before the claim (clock skew between us and the platform). */
const CLOCK_SKEW_MS = 60_000;

export type AlertOutcome = "sent" | "reconciled" | "already" | "pending" | "dm_closed" | "unknown" | "failed" | "retry";

const claimSchema = z.object({
  state: z.enum(["intent", "sent", "unknown", "dm_closed", "failed"]),
  at: z.string(),
  attempts: z.number().int().positive().default(1),
});

export interface SendAlertDeps {
  store: Store;
  notices: DmClosedNotices;
  log: Logger;
  now: () => Date;
}

export const claimKey = (who: Follower, date: string) => `sent:${who.platform}:${who.userId}:${date}`;

export async function sendAlert(deps: SendAlertDeps, who: Follower, adapter: ChatAdapter, date: string, message: OutgoingMessage): Promise<AlertOutcome> {
  const keyv = deps.store.namespace(ALERTS_NAMESPACE);
  const key = claimKey(who, date);
  const record = (state: z.infer<typeof claimSchema>["state"], attempts: number) =>
    keyv.set(key, { state, at: deps.now().toISOString(), attempts });
  let attempts = 1;
  if (!(await deps.store.putIfAbsent(ALERTS_NAMESPACE, key, { state: "intent", at: deps.now().toISOString(), attempts }))) {
    const claim = claimSchema.safeParse(await keyv.get(key));
    // Handled, unreadable, or no history to look in: never risk a second DM.
    if (!claim.success || (claim.data.state !== "intent" && claim.data.state !== "unknown") || !adapter.ownDirectAlerts) return "already";
    const since = Date.parse(claim.data.at);
    if (deps.now().getTime() - since < RECONCILE_AFTER_MS) return "pending";
    const found = await adapter.ownDirectAlerts(who.userId, since - CLOCK_SKEW_MS).catch(() => undefined);
    if (!found) return "pending";
    if (found.some((alert) => alert.date === date)) {
      await record("sent", claim.data.attempts);
      deps.log.info({ ...who, date }, "follow alert found in the DM's history; recorded, not resent");
      return "reconciled";
    }
    if (claim.data.attempts >= MAX_ATTEMPTS) {
      await record("failed", claim.data.attempts);
      return "failed";
    }
    attempts = claim.data.attempts + 1;
    await record("intent", attempts);
  }
  try {
    await adapter.sendDirect?.(who.userId, message, { alert: { date } });
  } catch (err) {
    const reason = failureReasonOf(err);
    const fields = { ...who, date, reason, attempts, err: err instanceof Error ? err.message : String(err) };
    if (reason === "rate_limited" || reason === "auth") {
      // Refused before anything was stored: release the claim so a later pass sends it.
      await keyv.delete(key);
      deps.log.warn(fields, "follow alert refused for now; retrying on a later tick");
      return "retry";
    }
    if (reason === "dm_closed" || reason === "channel_gone") {
      await record("dm_closed", attempts);
      await deps.notices.flag(who, date);
      deps.log.info(fields, "follow alert not delivered: the user's DMs are closed");
      return "dm_closed";
    }
    if (reason !== "transient") {
      await record("failed", attempts);
      deps.log.warn(fields, "follow alert failed");
      return "failed";
    }
    // It may have landed: the DM's history decides on a later pass, or (without history) it is never resent.
    await record("unknown", attempts);
    deps.log.warn(fields, "follow alert outcome unknown");
    return adapter.ownDirectAlerts ? "pending" : "unknown";
  }
  await record("sent", attempts);
  deps.log.info({ ...who, date }, "follow alert sent");
  return "sent";
}
