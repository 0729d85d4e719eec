// /paper tag <id> <tag> — labels a saved paper (`-tag` takes the label off again). Tags are short lowercase
// words so they type the same on every platform and filter the list with /paper bookmarks tag=<tag>.
import { z } from "zod";
import { UserError } from "../src/errors.js";
import { defineCommand } from "../src/dispatch/define-command.js";
import { textReply } from "../src/message.js";
import { parsePaperRef } from "../src/ids.js";

export const MAX_TAG_CHARS = 32;
export const MAX_TAGS_PER_BOOKMARK = 20;
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/** A tag as stored (lowercase), or a UserError in plain words. */
export function parseTag(raw: string): string {
  const tag = raw.trim().normalize("NFC").toLowerCase();
  if (tag === "") throw new UserError("bad_tag", "Which tag? For example: /paper tag 2511.07327 robotics");
  if ([...tag].length > MAX_TAG_CHARS) throw new UserError("bad_tag", `Keep a tag to ${MAX_TAG_CHARS} characters or fewer.`);
  if (!TAG_PATTERN.test(tag)) {
    throw new UserError("bad_tag", "A tag is one word: letters and digits, and - _ . inside it (like vision-language or rl).");
  }
  return tag;
}

export const tagCommand = defineCommand({
  name: "tag",
  description: "Tag a paper you saved (-tag removes it); list them with /paper bookmarks tag=<tag>",
  schema: z.object({
    id: z.string({ error: "Which paper? For example: /paper tag 2511.07327 robotics" }).trim().min(1).describe("arXiv id of a paper you saved"),
    tag: z.string({ error: "Which tag? For example: /paper tag 2511.07327 robotics" }).describe("A one-word tag; -tag removes it"),
  }),
  examples: ["/paper tag 2511.07327 robotics", "/paper tag 2511.07327 -robotics"],
  async run({ id, tag: raw }, { caller, deps }) {
    const paperId = parsePaperRef(id).id;
    const removing = raw.trim().startsWith("-");
    const tag = parseTag(removing ? raw.trim().slice(1) : raw);
    const owner = { platform: caller.platform, userId: caller.userId };
    const current = (await deps.bookmarks.list(owner)).find((b) => b.paperId === paperId);
    if (!current) {
      throw new UserError("not_bookmarked", `${paperId} isn't in your bookmarks. Save it first, then tag it.`);
    }
    const had = (current.tags ?? []).includes(tag);
    if (removing && !had) return textReply(`“${current.paper.title}” has no tag ${tag}.`);
    if (!removing && had) return textReply(`“${current.paper.title}” is already tagged ${tag}.`);
    if (!removing && (current.tags ?? []).length >= MAX_TAGS_PER_BOOKMARK) {
      throw new UserError("too_many_tags", `A paper can have ${MAX_TAGS_PER_BOOKMARK} tags at most. Remove one first with /paper tag ${paperId} -name`);
    }
    const updated = await deps.bookmarks.update(owner, paperId, removing ? { kind: "tag", remove: tag } : { kind: "tag", add: tag });
    if (!updated) throw new UserError("not_bookmarked", `${paperId} isn't in your bookmarks. Save it first, then tag it.`);
    const tags = updated.tags ?? [];
    return textReply(
      `${removing ? `Removed the tag ${tag} from` : `Tagged`} “${updated.paper.title}”${removing ? "" : ` ${tag}`}. ` +
        (tags.length > 0 ? `Its tags: ${tags.join(", ")}.` : "It has no tags now."),
    );
  },
});
