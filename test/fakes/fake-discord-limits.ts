// What the fake Discord refuses, the way Discord refuses it: message and application-command payloads are
// checked against the documented limits (platforms.md A5) and answered with 400 / 50035 "Invalid Form Body"
// and Discord's nested `errors` tree. discord.js checks almost none of this client-side, so the fake must.

export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Discord's error body: `{code, message, errors: {a: {0: {b: {_errors: [...]}}}}}`. */
export function invalidFormBody(errors: FieldError[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code: e.code, message: e.message });
  }
  return { code: 50035, message: "Invalid Form Body", errors: tree };
}

/** The 400 body for a rejected message: 50006 when it is merely empty, else 50035 with the field tree. */
export function messageRejection(errors: FieldError[]): Record<string, unknown> {
  if (errors.length === 1 && errors[0]?.code === "MESSAGE_EMPTY") return { code: 50006, message: "Cannot send an empty message" };
  return invalidFormBody(errors);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function maxLen(errors: FieldError[], path: FieldError["path"], value: unknown, max: number, required = false): number {
  const s = str(value);
  if (required && s.length === 0) {
    errors.push({ path, code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else if (s.length > max) {
    errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` });
  }
  return s.length;
}

function checkUrl(errors: FieldError[], path: FieldError["path"], value: unknown): void {
  if (value === undefined) return;
  const s = str(value);
  if (!/^(https?|attachment):\/\/\S+$/.test(s) || !URL.canParse(s) || s.length > 2048) {
    errors.push({ path, code: "URL_TYPE_INVALID_URL", message: "Not a well formed URL." });
  }
}

function checkEmbeds(errors: FieldError[], embeds: unknown[]): void {
  if (embeds.length > 10) errors.push({ path: ["embeds"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 10 or fewer in length." });
  let total = 0;
  embeds.forEach((raw, i) => {
    const e = isObj(raw) ? raw : {};
    const p = ["embeds", i];
    total += maxLen(errors, [...p, "title"], e.title, 256);
    total += maxLen(errors, [...p, "description"], e.description, 4096);
    checkUrl(errors, [...p, "url"], e.url);
    if (isObj(e.thumbnail)) checkUrl(errors, [...p, "thumbnail", "url"], e.thumbnail.url);
    if (isObj(e.image)) checkUrl(errors, [...p, "image", "url"], e.image.url);
    if (isObj(e.footer)) total += maxLen(errors, [...p, "footer", "text"], e.footer.text, 2048, true);
    if (isObj(e.author)) total += maxLen(errors, [...p, "author", "name"], e.author.name, 256, true);
    const fields = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > 25) errors.push({ path: [...p, "fields"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
    fields.forEach((f, j) => {
      const field = isObj(f) ? f : {};
      total += maxLen(errors, [...p, "fields", j, "name"], field.name, 256, true);
      total += maxLen(errors, [...p, "fields", j, "value"], field.value, 1024, true);
    });
  });
  if (total > 6000) errors.push({ path: ["embeds"], code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" });
}

function checkComponents(errors: FieldError[], rows: unknown[]): void {
  if (rows.length > 5) errors.push({ path: ["components"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 5 or fewer in length." });
  const ids = new Set<string>();
  rows.forEach((raw, i) => {
    const row = isObj(raw) ? raw : {};
    const items = Array.isArray(row.components) ? row.components : [];
    if (row.type !== 1 || items.length === 0 || items.length > 5) {
      errors.push({ path: ["components", i], code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED", message: "An action row needs 1 to 5 components." });
    }
    items.forEach((b, j) => {
      const button = isObj(b) ? b : {};
      const p = ["components", i, "components", j];
      maxLen(errors, [...p, "label"], button.label, 80);
      if (button.style === 5) {
        checkUrl(errors, [...p, "url"], button.url);
        return;
      }
      const id = str(button.custom_id);
      maxLen(errors, [...p, "custom_id"], id, 100, true);
      if (ids.has(id)) errors.push({ path: [...p, "custom_id"], code: "COMPONENT_CUSTOM_ID_DUPLICATED", message: "Component custom id cannot be duplicated" });
      ids.add(id);
    });
  });
}

/**
 * Checks a message create/edit body. `hasFiles` counts uploaded files as content. Returns the problems,
 * empty when Discord would accept it.
 */
export function checkMessage(body: Obj, options: { hasFiles?: boolean; edit?: boolean } = {}): FieldError[] {
  const errors: FieldError[] = [];
  maxLen(errors, ["content"], body.content, 2000);
  if (body.nonce !== undefined) maxLen(errors, ["nonce"], String(body.nonce), 25);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  const components = Array.isArray(body.components) ? body.components : [];
  checkEmbeds(errors, embeds);
  checkComponents(errors, components);
  const empty = str(body.content) === "" && embeds.length === 0 && components.length === 0 && !options.hasFiles;
  if (empty && !options.edit) errors.push({ path: [], code: "MESSAGE_EMPTY", message: "Cannot send an empty message" });
  return errors;
}

const NAME = /^[-_\p{Ll}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const OPTION_TYPES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

function checkOptions(errors: FieldError[], path: FieldError["path"], options: unknown[]): void {
  if (options.length > 25) errors.push({ path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
  let seenOptional = false;
  options.forEach((raw, i) => {
    const o = isObj(raw) ? raw : {};
    const p = [...path, i];
    if (!NAME.test(str(o.name))) errors.push({ path: [...p, "name"], code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
    maxLen(errors, [...p, "description"], o.description, 100, true);
    if (typeof o.type !== "number" || !OPTION_TYPES.has(o.type)) errors.push({ path: [...p, "type"], code: "BASE_TYPE_CHOICES", message: "Value must be one of the option types." });
    if (o.type === 1 || o.type === 2) {
      checkOptions(errors, [...p, "options"], Array.isArray(o.options) ? o.options : []);
      return;
    }
    if (o.required === true && seenOptional) {
      errors.push({ path: [...p, "required"], code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", message: "Required options must be placed before non-required options" });
    }
    if (o.required !== true) seenOptional = true;
    const choices = Array.isArray(o.choices) ? o.choices : [];
    if (choices.length > 25) errors.push({ path: [...p, "choices"], code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." });
    if (choices.length > 0 && o.autocomplete === true) errors.push({ path: [...p, "autocomplete"], code: "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", message: "Autocomplete cannot be set with choices" });
    choices.forEach((c, j) => maxLen(errors, [...p, "choices", j, "name"], isObj(c) ? c.name : "", 100, true));
  });
}

/** Checks a bulk-overwrite body (an array of application commands). */
export function checkCommands(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(body)) return [{ path: [], code: "BASE_TYPE_ARRAY", message: "Must be an array." }];
  body.forEach((raw, i) => {
    const c = isObj(raw) ? raw : {};
    if (!NAME.test(str(c.name))) errors.push({ path: [i, "name"], code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
    maxLen(errors, [i, "description"], c.description, 100, true);
    checkOptions(errors, [i, "options"], Array.isArray(c.options) ? c.options : []);
  });
  return errors;
}

/** True when `@everyone`/`@here` in the body would ping under its allowed_mentions (platforms.md A6). */
export function wouldPingEveryone(body: Obj): boolean {
  const text = JSON.stringify([body.content ?? "", body.embeds ?? []]);
  if (!/@(everyone|here)/.test(text)) return false;
  const am = isObj(body.allowed_mentions) ? body.allowed_mentions : undefined;
  if (!am) return true;
  return Array.isArray(am.parse) && am.parse.includes("everyone");
}

/** Every message paperboy sends must opt out of all mention parsing (CONTRACT.md "Posting model"). */
export function hasEmptyAllowedMentions(body: Obj): boolean {
  const am = isObj(body.allowed_mentions) ? body.allowed_mentions : undefined;
  return Boolean(am && Array.isArray(am.parse) && am.parse.length === 0 && !am.users && !am.roles);
}
