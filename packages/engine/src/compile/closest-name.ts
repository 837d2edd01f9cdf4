/**
 * The known name a mistyped one most probably meant: within a small edit distance (a swapped pair
 * of letters counts as one edit, as in `inptu`), or one the typed name begins (a half-typed `in`).
 * Null when nothing is close: a far-fetched suggestion misleads more than none. On a tie the first
 * of `known` wins.
 */
export function closestName(typed: string, known: Iterable<string>): string | null {
  const allowed = typed.length <= 3 ? 1 : 2;
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    if (name === typed) continue;
    // Typing stopped midway: the name it begins is the likeliest (nearer than any one edit).
    const begun = typed.length >= 2 && name.toLowerCase().startsWith(typed.toLowerCase());
    const distance = begun ? 0.5 : editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** ` (did you mean "x"?)`, or nothing when no known name is close. */
export function suggestion(typed: string, known: Iterable<string>, display: (name: string) => string = (name) => name): string {
  const name = closestName(typed, known);
  return name === null ? '' : ` (did you mean "${display(name)}"?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
