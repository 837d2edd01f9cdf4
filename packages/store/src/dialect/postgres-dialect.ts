import { CompiledQuery, sql } from 'kysely';
import { registerHotStatement } from '../prepared-query';
import type { QueryExecutor } from '../prepared-query';
import { ChangeListener, CHANGES_CHANNEL } from '../postgres/change-listener';
import type { ColumnType, CommitListener, LockableSelect, StoreDialect } from './dialect';

const LOCK_BY_NUMBER = registerHotStatement('select pg_advisory_xact_lock($1)');
const LOCK_BY_NAME = 'select pg_advisory_xact_lock(hashtext($1))';
const NOTIFY = 'select pg_notify($1, $2)';
const LOCK_AND_NOTIFY = registerHotStatement('select pg_advisory_xact_lock($1), pg_notify($2, $3)');

/**
 * PostgreSQL: many processes share the database, so claims skip rows other transactions hold,
 * serialized work takes transaction-scoped advisory locks, and commits are announced with
 * NOTIFY to every process that LISTENs. The statements are plain SQL, compiled once here.
 */
export class PostgresStoreDialect implements StoreDialect {
  readonly name = 'postgres';
  readonly exclusive = false;
  readonly binaryType = sql`bytea`;
  // A sequence: positions are handed out at insert time (appends are serialized, see EventLog).
  readonly serialKeyType = 'bigserial';

  skipLocked<Q extends LockableSelect>(query: Q): Q {
    return query.forUpdate().skipLocked() as Q;
  }

  forUpdate<Q extends LockableSelect>(query: Q): Q {
    return query.forUpdate() as Q;
  }

  async lockTransaction(trx: QueryExecutor, key: number | string): Promise<void> {
    await trx.executeQuery(CompiledQuery.raw(typeof key === 'number' ? LOCK_BY_NUMBER : LOCK_BY_NAME, [key]));
  }

  async lockTransactionAndNotify(trx: QueryExecutor, key: number, payload: string): Promise<void> {
    await trx.executeQuery(CompiledQuery.raw(LOCK_AND_NOTIFY, [key, CHANGES_CHANNEL, payload]));
  }

  // Identical notifications within one transaction are delivered once.
  readonly notifyOnCommit = async (trx: QueryExecutor, payload: string): Promise<void> => {
    await trx.executeQuery(CompiledQuery.raw(NOTIFY, [CHANGES_CHANNEL, payload]));
  };

  readonly arrayRows = (
    alias: string,
    columns: ReadonlyArray<readonly [string, ColumnType]>,
    firstParam: number,
    ordinal?: string,
  ): string => {
    const arrays = columns.map(([, type], i) => `$${firstParam + i}::${type}[]`).join(', ');
    const names = columns.map(([name]) => name);
    if (ordinal === undefined) return `unnest(${arrays}) as ${alias}(${names.join(', ')})`;
    return `unnest(${arrays}) with ordinality as ${alias}(${[...names, ordinal].join(', ')})`;
  };

  listen(url: string, onMessage: (words: Set<string> | null) => void, onError?: (error: unknown) => void): CommitListener {
    const listener = new ChangeListener(url, onMessage, onError);
    listener.start();
    return listener;
  }
}
