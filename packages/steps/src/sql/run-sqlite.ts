import { Worker } from 'node:worker_threads';
import { onAbort } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { QueryRequest, QueryResult } from './query-types';
import { checkStatement } from './statement-policy';

const WORKER = new URL('./sqlite-query-worker.js', import.meta.url);

/**
 * Queries a SQLite file in a worker thread: a row cap, and a timeout that terminates the worker
 * (better-sqlite3 cannot interrupt a statement otherwise). A read-only query is one SELECT, WITH or
 * VALUES statement (`checkStatement`) that SQLite itself reports as reading only, on a connection
 * opened read-only; no query may ATTACH, DETACH, VACUUM (INTO a file anywhere) or run a PRAGMA.
 * better-sqlite3 exposes neither SQLite's authorizer nor its limits (SQLITE_LIMIT_ATTACHED), so the
 * statement is vetted here and in the worker instead.
 */
export function runSqlite(file: string, request: QueryRequest, signal: AbortSignal): Promise<QueryResult> {
  checkStatement(request.sql, { dialect: 'sqlite', readOnly: request.readOnly });
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { file, sql: request.sql, params: request.params, readOnly: request.readOnly, maxRows: request.maxRows },
    });
    const stop = (error: AssayError) => {
      clearTimeout(timer);
      stopWaiting();
      void worker.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => stop(new AssayError('step_timeout', `query exceeded its statement timeout of ${request.timeoutMs} ms`, { retryable: true })),
      request.timeoutMs,
    );
    const stopWaiting = onAbort(signal, () => stop(new AssayError('cancelled', 'query aborted')));
    worker.once('message', (message: QueryResult & { error?: string }) => {
      clearTimeout(timer);
      stopWaiting();
      void worker.terminate();
      if (message.error !== undefined) reject(new AssayError('step_failed', `SQLite: ${message.error}`));
      else resolve(message);
    });
    worker.once('error', (error) => stop(new AssayError('step_failed', `SQLite: ${error.message}`)));
  });
}
