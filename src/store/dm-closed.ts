// "Your DMs are closed" notices: when an alert DM is refused because the person does not accept direct messages
// from paperboy, a flag is stored; the next command that person runs gets one private line about it, and the flag
// clears. Taking the flag is one atomic delete, so with several bot processes exactly one reply carries the line.
import { z } from "zod";
import type { Reply } from "../message.js";
import type { Store } from "./types.js";
import type { Follower } from "./follows.js";

export const ALERTS_NAMESPACE = "alerts";

export const DM_CLOSED_TEXT =
  "Heads-up: paperboy couldn't send you a follow alert because your direct messages are closed to it. " +
  "Allow direct messages from paperboy (on Discord: the server's privacy settings; on Slack: the app's Messages tab) to get your alerts.";

const flagSchema = z.object({ since: z.string(), date: z.string() });

export interface DmClosedNotices {
  /** Remembers that an alert for the list of `date` could not be delivered to `who`. */
  flag(who: Follower, date: string): Promise<void>;
  /** True once after a flag: the caller then tells the person. */
  take(who: Follower): Promise<boolean>;
}

const flagKey = (who: Follower) => `dm-closed:${who.platform}:${who.userId}`;

export function createDmClosedNotices(store: Store, now: () => Date = () => new Date()): DmClosedNotices {
  const keyv = store.namespace(ALERTS_NAMESPACE);
  return {
    async flag(who, date) {
      await keyv.set(flagKey(who), { since: now().toISOString(), date });
    },
    async take(who) {
      const key = flagKey(who);
      if (!flagSchema.safeParse(await keyv.get(key)).success) return false;
      return keyv.delete(key);
    },
  };
}

/** `reply` with the DMs-closed line first, as its own private message (never cut by a block limit; public replies are left alone). */
export function withDmClosedNotice(reply: Reply): Reply {
  if (reply.visibility !== "ephemeral") return reply;
  const notice = { blocks: [{ kind: "context" as const, spans: [{ text: DM_CLOSED_TEXT }] }], fallbackText: DM_CLOSED_TEXT };
  return { ...reply, messages: [notice, ...reply.messages] };
}
