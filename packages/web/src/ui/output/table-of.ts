/** A list of records found in an output, ready to draw as a table. Pure, so it is unit tested. */
export interface OutputTable {
  /** Where the list is in the output (`` for the output itself, `rows`, `items.results`). */
  path: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /** How many records the list holds (more than `rows` when capped). */
  total: number;
}

const MAX_ROWS = 200;
const MAX_COLUMNS = 40;
/** Columns are gathered from this many records (a later record's extra field is rare and costly to find). */
const SAMPLED = 50;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isRecordList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.length > 0 && value.slice(0, SAMPLED).every(isRecord);

/**
 * The output itself when it is a list of records, else the first such list one or two levels down
 * (a lookup's `rows`, a search's `results`): what a person would want as a table. Null when none.
 */
export function tableOf(output: unknown): OutputTable | null {
  const found = findList(output, '', 2);
  if (!found) return null;
  const columns: string[] = [];
  for (const record of found.list.slice(0, SAMPLED))
    for (const key of Object.keys(record)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
  return { path: found.path, columns, rows: found.list.slice(0, MAX_ROWS), total: found.list.length };
}

function findList(value: unknown, path: string, depth: number): { list: Record<string, unknown>[]; path: string } | null {
  if (isRecordList(value)) return { list: value, path };
  if (!isRecord(value) || depth === 0) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findList(item, path ? `${path}.${key}` : key, depth - 1);
    if (found) return found;
  }
  return null;
}

/** A cell's text: scalars as they are, anything else as compact JSON, cut at `max` characters. */
export function cellText(value: unknown, max = 120): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
