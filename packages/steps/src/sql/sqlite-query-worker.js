// Runs one SQLite query off the main thread, so a slow query can be stopped by terminating the worker.
// Plain JavaScript: worker threads start without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// Below the event loop's thread in the scheduler (Linux: per thread), like the isolate pool's threads:
// a runaway query takes only the CPU the API does not need. Optional: without it, normal priority.
await import('@napi-rs/nice').then(({ nice }) => nice(10)).catch(() => undefined);

const { file, sql, params, readOnly, maxRows } = workerData;
try {
  const db = new Database(file, { readonly: readOnly, fileMustExist: true });
  // prepare() refuses a string holding more than one statement.
  const statement = db.prepare(sql);
  // SQLite's own verdict: `readonly` is false for anything that may write a database file (VACUUM INTO
  // included), `reader` false for anything that returns no rows. The caller vetted the keyword.
  if (readOnly && !(statement.readonly && statement.reader)) {
    throw new Error('a read-only query may only read; set readOnly: false to allow writes');
  }
  if (statement.reader) {
    const rows = [];
    let truncated = false;
    for (const row of statement.iterate(...params)) {
      if (rows.length >= maxRows) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    parentPort?.postMessage({ rows, rowCount: rows.length, truncated });
  } else {
    const result = statement.run(...params);
    parentPort?.postMessage({ rows: [], rowCount: result.changes, truncated: false });
  }
  db.close();
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
