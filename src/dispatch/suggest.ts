// "Did you mean …?" for mistyped subcommands (`serach` → search). Optimal string alignment distance: a swap of
// two neighbouring letters counts as one edit, the commonest typo at a keyboard.

/** Edits (insert, delete, substitute, swap neighbours) between two short words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest known name, when it is close enough to be a typo (≤ 1 edit for short words, ≤ 2 otherwise). */
export function closestName(word: string, names: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  if (typed.length > 40) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = name.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  const allowed = typed.length <= 4 ? 1 : 2;
  return best && best.distance <= allowed ? best.name : undefined;
}
