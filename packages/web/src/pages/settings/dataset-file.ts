/** How an uploaded file's rows reach the datasets API. */
export type DatasetFile = { kind: 'csv'; text: string } | { kind: 'rows'; rows: Array<Record<string, unknown>> };

/** A dataset name from a file name: the allowed characters only (`my data.csv` → `my-data`). */
export function datasetNameFromFile(fileName: string): string {
  return fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

/**
 * Reads a CSV, NDJSON or JSON file. CSV goes to the server as is (it parses and streams it);
 * NDJSON and JSON are parsed here so they can be sent as the JSON `rows` body, naming the bad line.
 */
export function readDatasetFile(fileName: string, text: string): DatasetFile {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'ndjson' || extension === 'jsonl') return { kind: 'rows', rows: ndjsonRows(text) };
  if (extension === 'json') return { kind: 'rows', rows: jsonRows(text) };
  return { kind: 'csv', text };
}

function ndjsonRows(text: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1}: not valid JSON`);
    }
    if (!isRow(value)) throw new Error(`line ${index + 1}: must be a JSON object`);
    rows.push(value);
  });
  return rows;
}

/** A JSON file holds a list of row objects, or `{ "rows": [...] }`. */
function jsonRows(text: string): Array<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows = Array.isArray(value) ? value : isRow(value) && Array.isArray(value.rows) ? value.rows : null;
  if (!rows) throw new Error('a JSON file must hold a list of rows (objects) or { "rows": [...] }');
  const bad = rows.findIndex((row) => !isRow(row));
  if (bad >= 0) throw new Error(`rows[${bad}]: must be an object`);
  return rows as Array<Record<string, unknown>>;
}

function isRow(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
