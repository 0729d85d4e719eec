// Posting modes' names and forum tags, pure. A thread or forum post name comes from our own label or from a paper
// title (untrusted): one line, ≤ 100 characters (Discord's limit), with `@` defused so a name that is shown as
// text somewhere can never read as a mention. A forum post's tags come from the paper's organisation and keywords:
// the forum's own tags, matched case-insensitively, and — only when the bot may edit the forum — new ones for the
// rest, within Discord's limits (≤ 20 tags per forum, names ≤ 20 characters, ≤ 5 applied per post).
export const MAX_THREAD_NAME = 100;
export const MAX_FORUM_TAGS = 20;
export const MAX_TAG_NAME = 20;
export const MAX_APPLIED_TAGS = 5;

/** One line of at most `max` characters, `@` followed by a zero-width space; never empty. */
export function threadNameOf(text: string, max = MAX_THREAD_NAME): string {
  const line = text.replace(/\s+/g, " ").trim().replace(/@/g, "@\u200b");
  const chars = [...line];
  const fitted = chars.length <= max ? line : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
  return fitted === "" ? "Untitled paper" : fitted;
}

export interface ForumTag {
  id: string;
  name: string;
}

/** The tag names a paper asks for, best first: its organisation, then its keywords (deduplicated, case-insensitive). */
export function wantedTags(paper: { organization?: string | undefined; keywords?: readonly string[] | undefined }): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [paper.organization ?? "", ...(paper.keywords ?? [])]) {
    const name = raw.replace(/\s+/g, " ").trim();
    const key = name.toLowerCase();
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export interface TagChoice {
  /** Existing tags to apply, by id. */
  apply: string[];
  /** Names to create first (then applied too), within the forum's room. */
  create: string[];
}

/** Which tags a post gets: existing matches first-come, new ones only when `canCreate`, ≤ 5 in all. */
export function chooseTags(wanted: readonly string[], existing: readonly ForumTag[], canCreate: boolean): TagChoice {
  const byName = new Map(existing.map((t) => [t.name.toLowerCase(), t.id]));
  const apply: string[] = [];
  const create: string[] = [];
  let room = MAX_FORUM_TAGS - existing.length;
  for (const name of wanted) {
    if (apply.length + create.length >= MAX_APPLIED_TAGS) break;
    const id = byName.get(name.toLowerCase());
    if (id !== undefined) {
      if (!apply.includes(id)) apply.push(id);
    } else if (canCreate && room > 0 && [...name].length <= MAX_TAG_NAME) {
      create.push(name);
      room -= 1;
    }
  }
  return { apply, create };
}

/**
 * The forum's tag list with `names` added: every tag already there is kept as it is (a person's included), names
 * already present (any case) are not added twice, and the total stays ≤ 20. Tags are passed through untouched.
 */
export function mergeTags<T extends { name: string }>(current: readonly T[], names: readonly string[]): (T | { name: string })[] {
  const present = new Set(current.map((t) => t.name.toLowerCase()));
  const merged: (T | { name: string })[] = [...current];
  for (const name of names) {
    if (merged.length >= MAX_FORUM_TAGS) break;
    if (present.has(name.toLowerCase())) continue;
    present.add(name.toLowerCase());
    merged.push({ name });
  }
  return merged;
}
