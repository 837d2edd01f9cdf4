import type { SelectQueryBuilder } from 'kysely';

/**
 * Row locks for claiming, on PostgreSQL only. With many processes on one PostgreSQL database, a claim
 * skips rows another transaction is claiming right now (`FOR UPDATE SKIP LOCKED`) instead of
 * waiting for it or claiming the same row; a cursor is read `FOR UPDATE` so one process advances it
 * at a time. SQLite has a single writer, and no such clauses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function skipLocked<Q extends SelectQueryBuilder<any, any, any>>(query: Q, postgres: boolean): Q {
  return postgres ? (query.forUpdate().skipLocked() as Q) : query;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lockedForUpdate<Q extends SelectQueryBuilder<any, any, any>>(query: Q, postgres: boolean): Q {
  return postgres ? (query.forUpdate() as Q) : query;
}
