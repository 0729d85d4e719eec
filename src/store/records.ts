// Helpers shared by the repositories for reading stored records back safely: a value that fails its zod
// schema is reported once (key and zod issue paths, never the content) and treated as absent by readers.
import type { Keyv } from "keyv";
import type { z } from "zod";
import type { Store } from "./types.js";

/** A stored value that could not be parsed at all; `raw` is the text as found, kept so nothing is lost. */
export class UnreadableValue {
  constructor(readonly raw: string) {}
  toJSON(): { unreadable: string } {
    return { unreadable: this.raw };
  }
}

/** Logs a stored value that does not match its schema. */
export function reportBadRecord(store: Store, namespace: string, key: string, problem: string): void {
  store.log.warn({ namespace, key, problem }, "skipped a stored record that does not have the expected shape");
}

/** A short description of why `value` failed `schema`: the paths and messages of the first few issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Why a stored value was rejected, for a report: unparseable text, or the zod issues. */
export function problemOf(value: unknown, error?: z.ZodError): string {
  if (value instanceof UnreadableValue) return "not valid JSON";
  return error ? describeIssues(error) : `unexpected ${Array.isArray(value) ? "array" : typeof value}`;
}

/** The JSON-safe form of a stored value, for keeping it aside. */
export function preservable(value: unknown): unknown {
  return value instanceof UnreadableValue ? { unreadable: value.raw } : value;
}

/**
 * A reader for one namespace's records: the value at `key` parsed by `schema`, or undefined when it is absent or does
 * not match (then reported once through reportBadRecord, and the stored value is left untouched).
 */
export function recordReader(store: Store, namespace: string, keyv: Pick<Keyv, "get"> = store.namespace(namespace)) {
  return async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const value: unknown = await keyv.get(key);
    if (value === undefined || value === null) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    reportBadRecord(store, namespace, key, problemOf(value, parsed.error));
    return undefined;
  };
}
