// Word wrap for the terminal: lines fill up to the width and break only at spaces, so words and URLs are never
// split (a token longer than the width gets a line of its own, whole, and the terminal may fold it). Each
// wrapped line keeps its indentation; a "■ " headline or a "1. " list item continues under its text.

/** Columns used when the output is not a terminal, or the terminal does not say. */
export const DEFAULT_WIDTH = 80;

function wrapLine(line: string, width: number): string[] {
  const indent = /^(■ |\s*(\d+\. )?)/.exec(line)?.[0] ?? "";
  const hang = " ".repeat([...indent].length);
  const words = line.slice(indent.length).split(/ +/).filter((w) => w !== "");
  if (words.length === 0) return [line.trimEnd()];
  const out: string[] = [];
  let current = indent;
  let used = [...indent].length;
  let empty = true;
  for (const word of words) {
    const size = [...word].length;
    if (!empty && used + 1 + size > width) {
      out.push(current);
      current = hang;
      used = hang.length;
      empty = true;
    }
    current += empty ? word : ` ${word}`;
    used += empty ? size : size + 1;
    empty = false;
  }
  out.push(current);
  return out;
}

/** `text` wrapped at `width` columns (at least 20); existing line breaks are kept. */
export function wrapText(text: string, width: number = DEFAULT_WIDTH): string {
  const columns = Math.max(20, Math.floor(width));
  return text
    .split("\n")
    .flatMap((line) => ([...line].length <= columns ? [line] : wrapLine(line, columns)))
    .join("\n");
}
