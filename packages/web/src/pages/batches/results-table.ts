import type { Run } from '@assay/schema';

/** A run as batch run lists answer it (no steps, no artifacts). */
export type RunRow = Omit<Run, 'steps' | 'artifacts'>;

/** A column the results table sorts by: a fixed one, or `output:<field>`. */
export type SortKey = 'status' | 'createdAt' | 'duration' | `output:${string}`;
export type Direction = 'asc' | 'desc';

/** More output columns than this would not fit: the export has them all. */
export const MAX_OUTPUT_COLUMNS = 12;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A run's output as table cells, as the CSV export has it: nested objects spread into dotted
 * columns (`memo.url`) at any depth, arrays and empty objects stay one cell (shown as JSON), and an
 * output that is not an object is one `output` cell.
 */
export function flattenOutput(output: unknown): Record<string, unknown> {
  if (output === null || output === undefined) return {};
  if (!isPlainObject(output)) return { output };
  const cells: Record<string, unknown> = {};
  const spread = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, inner] of Object.entries(value)) {
      if (isPlainObject(inner) && Object.keys(inner).length > 0) spread(inner, `${prefix}${key}.`);
      else cells[`${prefix}${key}`] = inner;
    }
  };
  spread(output, '');
  return cells;
}

/** The output columns of a page of runs, in the order they first appear. */
export function outputColumns(rows: readonly RunRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(flattenOutput(row.output))) columns.add(key);
  return [...columns].slice(0, MAX_OUTPUT_COLUMNS);
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function durationOf(row: RunRow): number | null {
  return row.startedAt && row.completedAt ? Date.parse(row.completedAt) - Date.parse(row.startedAt) : null;
}

function sortValue(row: RunRow, key: SortKey): unknown {
  if (key === 'status') return row.status;
  if (key === 'createdAt') return row.createdAt;
  if (key === 'duration') return durationOf(row);
  return flattenOutput(row.output)[key.slice('output:'.length)];
}

/** Numbers by value, everything else by its text; empty cells last whichever the direction. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true });
}

export function sortRows(rows: readonly RunRow[], key: SortKey | null, direction: Direction): RunRow[] {
  if (!key) return rows.slice();
  const sign = direction === 'asc' ? 1 : -1;
  const empty = (value: unknown) => value === null || value === undefined || value === '';
  return rows.slice().sort((x, y) => {
    const a = sortValue(x, key);
    const b = sortValue(y, key);
    if (empty(a) || empty(b)) return Number(empty(a)) - Number(empty(b));
    return sign * compare(a, b);
  });
}
