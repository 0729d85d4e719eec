// Buttons ↔ neutral Actions. A button carries its Action twice: the kind in `action_id` (so Bolt can route on
// a prefix and ids stay unique within a message) and the whole Action as JSON in `value`, validated with zod
// when a click comes back — a click payload is input from the outside like any other.
import { z } from "zod";
import type { Action } from "../../src/message.js";

export const ACTION_ID_PREFIX = "paperboy:";
/** Bolt route for every paperboy button. */
export const ACTION_ID_PATTERN = /^paperboy:/;

const SLACK_MAX_ACTION_ID = 255;
const SLACK_MAX_BUTTON_VALUE = 2000;

const actionSchema: z.ZodType<Action> = z.union([
  z.object({ kind: z.literal("save"), paperId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("unsave"), paperId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("post"), paperId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("dismiss"), paperId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal("read"), paperId: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal("page"),
    query: z.string().max(1500),
    page: z.number().int().min(0).max(10_000),
    label: z.enum(["Next", "Previous"]),
    list: z.literal("trending").optional(),
  }),
]);

/** The label a user sees on the button (≤ 75 characters, Slack's limit for button text). */
export function buttonLabel(action: Action): string {
  switch (action.kind) {
    case "save":
      return "Save";
    case "unsave":
      return "Remove";
    case "post":
      return "Post to channel";
    case "dismiss":
      return "Not for me";
    case "read":
      return "Mark read";
    case "page":
      return action.label === "Next" ? "Next ›" : "‹ Previous";
  }
}

/**
 * `action_id` and `value` for one button; `slot` keeps ids unique within a message (Slack rejects duplicates).
 * Undefined when the Action cannot be encoded within Slack's limits (e.g. an absurdly long query).
 */
export function encodeAction(action: Action, slot: string): { actionId: string; value: string } | undefined {
  const actionId = `${ACTION_ID_PREFIX}${action.kind}:${slot}`;
  const value = JSON.stringify(action);
  if (actionId.length > SLACK_MAX_ACTION_ID || value.length > SLACK_MAX_BUTTON_VALUE) return undefined;
  return { actionId, value };
}

/** The Action a clicked button stands for, or undefined when the value is not one of ours. */
export function decodeAction(value: string | undefined): Action | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = actionSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
