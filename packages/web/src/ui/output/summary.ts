import { tableOf } from './table-of';

/**
 * One line for a node about its latest output: how much came out (a table's records, a list's items,
 * an object's fields, a text's length) or that it failed. Pure, so it is unit tested.
 */
export function outputSummary(latest: { status: 'completed' | 'failed'; output: unknown }): string {
  if (latest.status === 'failed') return '✗ failed';
  const value = latest.output;
  const table = tableOf(value);
  if (table)
    return `✓ ${table.total.toLocaleString('en-US')} ${table.total === 1 ? 'record' : 'records'}${table.path ? ` in ${table.path}` : ''}`;
  if (Array.isArray(value)) return `✓ ${value.length.toLocaleString('en-US')} ${value.length === 1 ? 'item' : 'items'}`;
  if (value === null || value === undefined) return '✓ no output';
  if (typeof value === 'string') return `✓ text, ${value.length.toLocaleString('en-US')} characters`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 3).join(', ');
    return `✓ ${shown}${keys.length > 3 ? `, +${keys.length - 3}` : ''}`;
  }
  return `✓ ${String(value).slice(0, 40)}`;
}
