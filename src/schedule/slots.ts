// When a subscription posts: its slots are the instants its channel's wall clock shows HH:MM, in its own IANA
// zone (DST included: see zoned-time.ts). With the "monday" weekend policy Saturday and Sunday have no slot.
// A weekly feed has a slot on its weekday only; a monthly feed on the first three days of each month (its post
// goes out at the first of them after the month's last list closed; the others find nothing new).
// A subscription is due when its latest slot is at or after its first slot (the first one after it was made)
// and has not been handled yet. nextDueAt is the same rule as an instant, for the store's due index:
// dueSlot(sub, state, now) is defined exactly when nextDueAt(sub, state) <= now (test/unit/schedule/next-due.test.ts).
import type { DeliveryState, Subscription } from "../store/subscriptions.js";
import { addDays, weekday } from "../time/dates.js";
import { localParts, parseClock, zonedInstant } from "../time/zoned-time.js";

type SlotRule = Pick<Subscription, "time" | "timezone" | "weekend" | "kind" | "weekday">;

/** Days a monthly feed has a slot on (day of month). */
const MONTHLY_SLOT_DAYS = 3;

/** The slot on local calendar day `date`, or undefined when the policy has no post that day. */
export function slotOn(date: string, rule: SlotRule): number | undefined {
  const day = weekday(date);
  const kind = rule.kind ?? "daily";
  if (kind === "weekly" && day !== (rule.weekday ?? 1)) return undefined;
  if (kind === "monthly" && Number(date.slice(8, 10)) > MONTHLY_SLOT_DAYS) return undefined;
  if (kind === "daily" && rule.weekend === "monday" && (day === 0 || day === 6)) return undefined;
  return zonedInstant(date, parseClock(rule.time), rule.timezone);
}

/** The latest slot at or before `atMs` (looks back past days without a slot: weekends, a week, a month). */
export function lastSlotAtOrBefore(atMs: number, rule: SlotRule): number | undefined {
  const today = localParts(atMs, rule.timezone).date;
  const lookback = rule.kind === "monthly" ? 31 : rule.kind === "weekly" ? 7 : 4;
  for (let back = 0; back <= lookback; back++) {
    const slot = slotOn(addDays(today, -back), rule);
    if (slot !== undefined && slot <= atMs) return slot;
  }
  return undefined;
}

/** The first slot strictly after `afterMs`. */
export function nextSlotAfter(afterMs: number, rule: SlotRule): number {
  const today = localParts(afterMs, rule.timezone).date;
  for (let ahead = 0; ; ahead++) {
    const slot = slotOn(addDays(today, ahead), rule);
    if (slot !== undefined && slot > afterMs) return slot;
  }
}

/**
 * The slot this subscription should act on at `nowMs`, or undefined when nothing is due: before its first
 * slot, already handled, given up, or waiting for a retry time.
 */
export function dueSlot(sub: Subscription, state: DeliveryState, nowMs: number): number | undefined {
  if (state.gaveUpAt && state.gaveUpAt >= sub.activeFrom) return undefined;
  const slot = lastSlotAtOrBefore(nowMs, sub);
  if (slot === undefined) return undefined;
  if (slot < nextSlotAfter(Date.parse(sub.activeFrom), sub)) return undefined;
  if (state.lastSlot && Date.parse(state.lastSlot) >= slot) return undefined;
  if (state.retry && Date.parse(state.retry.nextAt) > nowMs) return undefined;
  return slot;
}

/**
 * The instant from which dueSlot(sub, state, ·) is defined: the first slot not yet handled (and not before
 * the subscription's first slot), or the retry time if later; undefined when given up. Independent of "now",
 * so the store can index it; a value it cannot compute comes back as 0 ("check at the next tick").
 */
export function nextDueAt(sub: Subscription, state: DeliveryState): number | undefined {
  if (state.gaveUpAt && state.gaveUpAt >= sub.activeFrom) return undefined;
  const first = nextSlotAfter(Date.parse(sub.activeFrom), sub);
  const handled = state.lastSlot ? Date.parse(state.lastSlot) : undefined;
  const slot = handled !== undefined && handled >= first ? nextSlotAfter(handled, sub) : first;
  const at = Math.max(slot, state.retry ? Date.parse(state.retry.nextAt) : -Infinity);
  return Number.isFinite(at) ? at : 0;
}
