// arXiv paper ids and the links people paste: one parser for every form CONTRACT.md lists (bare ids, arXiv,
// ar5iv, Hugging Face, hf.co and alphaXiv links, Slack's <url|label> wrapping), plus a scanner that finds
// them inside longer messages (link unfurls). Pure string work: nothing here ever fetches anything.
import { UserError } from "./errors.js";

export interface PaperRef {
  /** Canonical arXiv id without version: `2401.01234`, or old style `hep-th/9901001` (subject class dropped). */
  id: string;
  version?: number;
}

// Archives of the old (1991–2007) scheme; checking the name keeps `foo/1234567` from passing as a paper.
const OLD_ARCHIVES = new Set(
  (
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat cs " +
    "dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th patt-sol " +
    "physics plasm-ph q-alg q-bio quant-ph solv-int supr-con"
  ).split(" "),
);

const ID_SOURCE = String.raw`(\d{4})\.(\d{4,5})|([a-z-]+)(?:\.[a-z-]{2,})?\/(\d{7})`;
const BARE_ID = new RegExp(String.raw`^(?:arxiv:\s*)?(?:${ID_SOURCE})(?:v(\d+))?$`, "i");

/** True for new-style ids (`YYMM.NNNN[N]`), the only ones Hugging Face knows. */
export function isNewStyleId(id: string): boolean {
  return /^\d{4}\.\d{4,5}$/.test(id);
}

/** Validates the pieces of a bare-id match; undefined when they cannot name a real arXiv paper. */
function refFromMatch(m: RegExpMatchArray): PaperRef | undefined {
  const [, yymm, seq, archive, oldNumber, version] = m;
  const ref = yymm !== undefined && seq !== undefined ? newStyle(yymm, seq) : oldStyle(archive, oldNumber);
  if (!ref) return undefined;
  if (version === undefined) return ref;
  const v = Number(version);
  return v >= 1 && v <= 999 ? { ...ref, version: v } : undefined;
}

function newStyle(yymm: string, seq: string): PaperRef | undefined {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2));
  if (mm < 1 || mm > 12 || Number(yymm) < 704) return undefined;
  // 0704–1412 used 4-digit sequence numbers, 1501 onwards 5 (arXiv identifier docs).
  if ((yy <= 14 ? 4 : 5) !== seq.length) return undefined;
  return { id: `${yymm}.${seq}` };
}

function oldStyle(archive: string | undefined, num: string | undefined): PaperRef | undefined {
  if (archive === undefined || num === undefined) return undefined;
  const name = archive.toLowerCase();
  if (!OLD_ARCHIVES.has(name)) return undefined;
  const yy = Number(num.slice(0, 2));
  const mm = Number(num.slice(2, 4));
  const yymm = (yy >= 91 ? 1900 + yy : 2000 + yy) * 100 + mm;
  if (mm < 1 || mm > 12 || yymm < 199107 || yymm > 200703) return undefined;
  return { id: `${name}/${num}` };
}

function parseBareId(text: string): PaperRef | undefined {
  const m = BARE_ID.exec(text);
  return m ? refFromMatch(m) : undefined;
}

// host (without www.) → path prefixes that are followed by an id.
const URL_FORMS: Record<string, string[]> = {
  "arxiv.org": ["abs", "pdf", "html", "ps", "src", "tb", "format"],
  "export.arxiv.org": ["abs", "pdf", "html", "ps", "src", "tb", "format"],
  "browse.arxiv.org": ["abs", "pdf", "html"],
  "ar5iv.labs.arxiv.org": ["html", "abs"],
  "ar5iv.org": ["abs", "html"],
  "huggingface.co": ["papers"],
  "hf.co": ["papers"],
  "alphaxiv.org": ["abs", "overview", "pdf"],
};

function parseUrl(text: string): PaperRef | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const prefixes = URL_FORMS[host];
  if (!prefixes) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const [, first, ...rest] = path.split("/");
  if (first === undefined || !prefixes.includes(first.toLowerCase())) return undefined;
  // The id is the rest of the path, minus a trailing slash and a .pdf/.md suffix.
  const idPart = rest
    .join("/")
    .replace(/\/+$/, "")
    .replace(/\.(pdf|md)$/i, "");
  return parseBareId(idPart);
}

/** Removes surrounding whitespace, `<…>` and Slack's `|label`, and control characters. */
function unwrap(input: string): string {
  // eslint-disable-next-line no-control-regex
  let text = input.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, " ").trim();
  const angled = /^<([^<>]*)>$/.exec(text);
  if (angled?.[1] !== undefined) text = angled[1].trim();
  const bar = text.indexOf("|");
  if (bar >= 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = text.slice(0, bar);
  // Sentence punctuation pasted along with a link: "see arxiv.org/abs/2401.01234."
  return text.replace(/[.,;:!?)\]]+$/, "").trim();
}

function quoteForError(input: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = input.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "").trim();
  const chars = Array.from(clean);
  return chars.length > 60 ? `${chars.slice(0, 59).join("")}…` : clean;
}

/**
 * Reads a paper id or link in any accepted form. Throws UserError("bad_paper_ref") with an example of what
 * works when it cannot. Never fetches anything.
 */
export function parsePaperRef(input: string): PaperRef {
  const text = unwrap(input);
  const ref = text === "" ? undefined : (parseBareId(text) ?? parseUrl(text));
  if (ref) return ref;
  const quoted = quoteForError(input);
  const what = quoted === "" ? "that" : `"${quoted}"`;
  throw new UserError(
    "bad_paper_ref",
    `I can't read ${what} as an arXiv paper. Try an id like 2511.07327 or a link like https://arxiv.org/abs/2511.07327.`,
  );
}

/** Like parsePaperRef, but undefined instead of an error. */
export function tryParsePaperRef(input: string): PaperRef | undefined {
  try {
    return parsePaperRef(input);
  } catch {
    return undefined;
  }
}

const LINK_IN_TEXT = /<[^<>\s]+>|(?<![\w.-])(?:https?:\/\/)?(?:[a-z0-9-]+\.){0,3}(?:arxiv\.org|ar5iv\.org|huggingface\.co|hf\.co|alphaxiv\.org)\/[^\s<>"'|]+/gi;
const ID_IN_TEXT = new RegExp(String.raw`(?<![\w./-])(?:arxiv:\s*)?(?:${ID_SOURCE})(?:v(\d+))?(?![\w/-]|\.\d)`, "gi");

/**
 * Every paper named in a longer message — links first found by position, bare ids too — as canonical ids,
 * each once, in order of appearance. Callers that need the link itself (Slack unfurls are keyed by URL) run
 * parsePaperRef over each link they were given instead.
 */
export function extractPaperRefs(text: string): string[] {
  const found: { at: number; id: string }[] = [];
  const masked = text.replace(LINK_IN_TEXT, (link: string, at: number) => {
    const ref = tryParsePaperRef(link);
    if (ref) found.push({ at, id: ref.id });
    return " ".repeat(link.length);
  });
  for (const m of masked.matchAll(ID_IN_TEXT)) {
    const ref = refFromMatch(m);
    if (ref) found.push({ at: m.index, id: ref.id });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.id))];
}
