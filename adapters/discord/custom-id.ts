// Button actions ↔ Discord custom_id (1–100 chars). Paper actions fit inline (`pb1:save:2401.01234`); a trending
// page button is `pb1:page:N:2:t`; a search page button carries its query inline when it fits, else a 16-char hash of it kept in a bounded in-memory
// map, so any query still pages. After a restart a hashed query is gone and the user is asked to search again.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Action } from "../../src/message.js";

export const MAX_CUSTOM_ID = 100;
const PREFIX = "pb1";
const MAX_REMEMBERED_QUERIES = 2000;

// arXiv ids only (new style or archive/NNNNNNN): nothing else ever reaches the core from a button.
const paperId = z.string().regex(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z-]{2,})?\/\d{7})$/i);
const actionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("save"), paperId }),
  z.object({ kind: z.literal("unsave"), paperId }),
  z.object({ kind: z.literal("post"), paperId }),
  z.object({ kind: z.literal("dismiss"), paperId }),
  z.object({ kind: z.literal("read"), paperId }),
  z.object({
    kind: z.literal("page"),
    query: z.string().min(1).max(500),
    page: z.coerce.number().int().min(1).max(10_000),
    label: z.enum(["Next", "Previous"]),
  }),
]);
// A trending page button carries no query (`pb1:page:N:2:t`).
const trendingPageSchema = z.object({
  kind: z.literal("page"),
  query: z.literal(""),
  list: z.literal("trending"),
  page: z.coerce.number().int().min(1).max(10_000),
  label: z.enum(["Next", "Previous"]),
});

/** What a pressed button means: an action, a page whose hashed query was forgotten, or not ours at all. */
export type Decoded = { kind: "action"; action: Action } | { kind: "expired" } | { kind: "foreign" };

export interface ActionCodec {
  encode(action: Action): string;
  decode(customId: string): Decoded;
}

export function createActionCodec(): ActionCodec {
  const queries = new Map<string, string>();

  const remember = (query: string): string => {
    const hash = createHash("sha256").update(query).digest("base64url").slice(0, 16);
    queries.delete(hash);
    queries.set(hash, query);
    if (queries.size > MAX_REMEMBERED_QUERIES) queries.delete(queries.keys().next().value ?? "");
    return hash;
  };

  return {
    encode(action) {
      if (action.kind !== "page") return `${PREFIX}:${action.kind}:${action.paperId}`.slice(0, MAX_CUSTOM_ID);
      const head = `${PREFIX}:page:${action.label === "Next" ? "N" : "P"}:${action.page}`;
      if (action.list === "trending") return `${head}:t`;
      const inline = `${head}:q:${action.query}`;
      return inline.length <= MAX_CUSTOM_ID ? inline : `${head}:h:${remember(action.query)}`;
    },
    decode(customId) {
      const parts = customId.split(":");
      if (parts[0] !== PREFIX) return { kind: "foreign" };
      const [, kind, a, b, c] = parts;
      let raw: unknown;
      if (kind === "page" && c === "t" && parts.length === 5) {
        const parsed = trendingPageSchema.safeParse({ kind, page: b, label: a === "N" ? "Next" : "Previous", query: "", list: "trending" });
        return parsed.success ? { kind: "action", action: parsed.data } : { kind: "foreign" };
      }
      if (kind === "page") {
        const rest = parts.slice(5).join(":");
        const query = c === "q" ? rest : c === "h" ? queries.get(rest) : undefined;
        if (query === undefined) return c === "h" ? { kind: "expired" } : { kind: "foreign" };
        raw = { kind, page: b, label: a === "N" ? "Next" : "Previous", query };
      } else {
        raw = { kind, paperId: parts.slice(2).join(":") };
      }
      const parsed = actionSchema.safeParse(raw);
      return parsed.success ? { kind: "action", action: parsed.data } : { kind: "foreign" };
    },
  };
}
