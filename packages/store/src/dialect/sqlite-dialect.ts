import { sql } from 'kysely';
import type { LockableSelect, StoreDialect } from './dialect';

/** Shared by every lock that has nothing to wait for. */
const DONE: Promise<void> = Promise.resolve();

/**
 * SQLite: one process owns the file and transactions take turns at its single writer, so there is
 * nothing to lock against and nobody else to notify.
 */
export class SqliteStoreDialect implements StoreDialect {
  readonly name = 'sqlite';
  readonly exclusive = true;
  readonly binaryType = sql`blob`;
  // An alias of the rowid: assigned in insert order.
  readonly serialKeyType = 'integer';
  readonly notifyOnCommit = null;
  readonly arrayRows = null;

  skipLocked<Q extends LockableSelect>(query: Q): Q {
    return query;
  }

  forUpdate<Q extends LockableSelect>(query: Q): Q {
    return query;
  }

  lockTransaction(): Promise<void> {
    return DONE;
  }

  lockTransactionAndNotify(): Promise<void> {
    return DONE;
  }

  listen(): null {
    return null;
  }
}
