// Block Kit validation the way Slack itself does it, for the fake Slack and for render tests. Written from
// Slack's published limits (shared/reference/platforms.md B6), deliberately NOT importing the adapter's own
// constants, so a wrong constant in adapters/slack/render.ts is caught here. Also counts real mentions.

export type SlackRejection = "invalid_blocks" | "msg_too_long" | "no_text";

const LIMITS = {
  blocks: 50,
  viewBlocks: 100,
  textObject: 3000,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  blockId: 255,
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function checkText(obj: unknown, where: string, max: number, problems: string[], plainOnly = false): void {
  if (!isObj(obj)) return void problems.push(`${where}: missing text object`);
  if (obj.type !== "plain_text" && obj.type !== "mrkdwn") problems.push(`${where}: bad text type ${String(obj.type)}`);
  if (plainOnly && obj.type !== "plain_text") problems.push(`${where}: must be plain_text`);
  if (typeof obj.text !== "string" || obj.text.length === 0) problems.push(`${where}: must be more than 0 characters`);
  else if (obj.text.length > max) problems.push(`${where}: must be less than ${max + 1} characters`);
}

function checkBlock(block: unknown, i: number, actionIds: Set<string>, problems: string[]): void {
  const at = `[json-pointer:/blocks/${i}]`;
  if (!isObj(block)) return void problems.push(`${at}: not an object`);
  if (block.block_id !== undefined && (typeof block.block_id !== "string" || block.block_id.length > LIMITS.blockId)) {
    problems.push(`${at}/block_id: too long`);
  }
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) problems.push(`${at}: text or fields required`);
      if (block.text !== undefined) checkText(block.text, `${at}/text`, LIMITS.sectionText, problems);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0) problems.push(`${at}/fields: must be non-empty`);
        else {
          if (block.fields.length > LIMITS.fields) problems.push(`${at}/fields: must be less than 11 items`);
          block.fields.forEach((f, j) => checkText(f, `${at}/fields/${j}`, LIMITS.field, problems));
        }
      }
      return;
    }
    case "header":
      return checkText(block.text, `${at}/text`, LIMITS.header, problems, true);
    case "divider":
      return;
    case "context": {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) return void problems.push(`${at}/elements: must be non-empty`);
      if (els.length > LIMITS.contextElements) problems.push(`${at}/elements: must be less than 11 items`);
      els.forEach((e, j) => checkText(e, `${at}/elements/${j}`, LIMITS.textObject, problems));
      return;
    }
    case "actions": {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) return void problems.push(`${at}/elements: must be non-empty`);
      if (els.length > LIMITS.actionsElements) problems.push(`${at}/elements: must be less than 26 items`);
      els.forEach((e, j) => checkButton(e, `${at}/elements/${j}`, actionIds, problems));
      return;
    }
    default:
      problems.push(`${at}: unsupported block type ${String(block.type)}`);
  }
}

function checkButton(el: unknown, at: string, actionIds: Set<string>, problems: string[]): void {
  if (!isObj(el) || el.type !== "button") return void problems.push(`${at}: only buttons are expected`);
  checkText(el.text, `${at}/text`, LIMITS.buttonText, problems, true);
  const id = el.action_id;
  if (typeof id !== "string" || id.length === 0 || id.length > LIMITS.actionId) problems.push(`${at}/action_id: invalid`);
  else if (actionIds.has(id)) problems.push(`${at}/action_id: duplicate ${id}`);
  else actionIds.add(id);
  if (el.value !== undefined && (typeof el.value !== "string" || el.value.length > LIMITS.buttonValue)) {
    problems.push(`${at}/value: must be less than 2001 characters`);
  }
  if (el.url !== undefined && (typeof el.url !== "string" || el.url.length > LIMITS.buttonUrl)) problems.push(`${at}/url: too long`);
  if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") problems.push(`${at}/style: invalid`);
}

/** Every problem Slack would report for this blocks array (empty when valid). */
export function blockProblems(blocks: unknown, maxBlocks: number = LIMITS.blocks): string[] {
  if (!Array.isArray(blocks)) return ["[json-pointer:/blocks]: must be an array"];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`[json-pointer:/blocks]: must be less than ${maxBlocks + 1} items`);
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(b, i, actionIds, problems));
  return problems;
}

/** What Slack answers for a message payload: undefined when accepted. */
export function rejectMessage(payload: { text?: unknown; blocks?: unknown }, maxBlocks: number = LIMITS.blocks):
  | { error: SlackRejection; errors: string[] }
  | undefined {
  const text = typeof payload.text === "string" ? payload.text : "";
  const hasBlocks = Array.isArray(payload.blocks) && payload.blocks.length > 0;
  if (text.trim() === "" && !hasBlocks) return { error: "no_text", errors: [] };
  if (text.length > LIMITS.messageText) return { error: "msg_too_long", errors: [] };
  if (payload.blocks !== undefined) {
    const errors = blockProblems(payload.blocks, maxBlocks);
    if (errors.length > 0) return { error: "invalid_blocks", errors };
  }
  return undefined;
}

/** Limits for a Home tab view (views.publish). */
export function rejectHomeView(view: unknown): string[] {
  if (!isObj(view) || view.type !== "home") return ["view.type must be home"];
  return blockProblems(view.blocks, LIMITS.viewBlocks);
}

/** Every mrkdwn/plain text string in a payload (top-level text and all text objects, recursively). */
export function allTexts(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === "string") {
      if (key === "text") out.push(v);
      return;
    }
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
    if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(payload);
  return out;
}

const MENTION = /<!(?:here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]+>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

/** How many notifications Slack would send for this payload: special mentions and user mentions. */
export function countPings(payload: { text?: unknown; blocks?: unknown; link_names?: unknown }): number {
  let n = 0;
  for (const t of allTexts(payload)) {
    n += t.match(MENTION)?.length ?? 0;
    // With link_names, plain @here / @channel / @name text would also notify.
    if (payload.link_names === true || payload.link_names === "true" || payload.link_names === 1) {
      n += t.match(/(^|\s)@(here|channel|everyone|[a-z0-9._-]+)/gi)?.length ?? 0;
    }
  }
  return n;
}

/** Test helper: throws with Slack's own complaint when a rendered message would be rejected. */
export function assertValidSlackMessage(message: { text?: unknown; blocks?: unknown }, maxBlocks?: number): void {
  const rejected = rejectMessage(message, maxBlocks);
  if (rejected) throw new Error(`Slack would answer ${rejected.error}: ${rejected.errors.join("; ")}`);
}
