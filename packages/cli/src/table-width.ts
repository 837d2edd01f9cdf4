import stringWidth from 'string-width';

/** Columns between two table cells. */
export const GAP = 2;
/** No column is cut narrower than this (two characters and the ellipsis), so each stays recognisable. */
const MIN_COLUMN = 3;

/**
 * How wide tables may be: the terminal's width on a terminal; else COLUMNS when set (a pager or a
 * script choosing a width); else unlimited, so piped output keeps every character for grep and awk.
 */
export function outputWidth(stdout: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stdout.isTTY && stdout.columns > 0) return stdout.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Infinity;
}

/**
 * Column widths that fit `limit`: every column keeps its natural width if that fits; else the widest
 * are narrowed to one shared cap (the largest that fits), so short columns such as statuses stay
 * whole and the long free-text ones give way. `keep` marks columns (ids: what people copy) narrowed
 * only when the others at their minimum still do not fit. When nothing fits, every column's minimum.
 */
export function fitWidths(natural: number[], limit: number, keep: boolean[] = []): number[] {
  if (total(natural) <= limit) return natural;
  if (keep.some(Boolean)) {
    const kept = capTo(natural, limit, (i) => !keep[i]);
    if (kept) return kept;
  }
  return capTo(natural, limit, () => true) ?? natural.map((w) => Math.min(w, MIN_COLUMN));
}

/** Columns plus the gaps between them. */
function total(widths: number[]): number {
  return widths.reduce((sum, w) => sum + w, 0) + GAP * Math.max(0, widths.length - 1);
}

/** The widths with the `narrowable` columns capped to fit `limit`, or undefined when even the minimum is too wide. */
function capTo(natural: number[], limit: number, narrowable: (column: number) => boolean): number[] | undefined {
  const capped = (cap: number) => natural.map((w, i) => (narrowable(i) ? Math.min(w, cap) : w));
  let low = MIN_COLUMN;
  let high = Math.max(...natural);
  if (total(capped(low)) > limit) return undefined;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(capped(mid)) <= limit) low = mid;
    else high = mid - 1;
  }
  // The columns at the cap share what is left, one character each, left to right.
  const widths = capped(low);
  let spare = limit - total(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if (narrowable(i) && natural[i]! > widths[i]!) {
      widths[i] = widths[i]! + 1;
      spare -= 1;
    }
  }
  return widths;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text cut to `width` terminal columns, its last column an ellipsis when anything was cut. */
export function cutToWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    kept += segment;
    used += w;
  }
  return `${kept}…`;
}

/** The text padded with spaces to `width` terminal columns (wide characters count double). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export { stringWidth };
