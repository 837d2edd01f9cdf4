import type { RawBuilder, SelectQueryBuilder } from 'kysely';
import type { QueryExecutor } from '../prepared-query';

/** Any select a lock clause may be added to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LockableSelect = SelectQueryBuilder<any, any, any>;

/** The SQL types `arrayRows` columns may have. */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'double precision';

/** A connection listening for what other processes announce (see `StoreDialect.listen`). */
export interface CommitListener {
  close(): Promise<void>;
}

/**
 * What differs between the store's two databases, in one place (after Kysely's own dialect
 * adapters). The store picks its dialect once when it opens; operations call these hooks instead
 * of asking which database they run on. SQLite is one process with a single writer, so its locks
 * and notifications do nothing; PostgreSQL is shared by many processes, which these hooks coordinate.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * One process owns the database (embedded SQLite): leases a previous process held can be released
   * at once, and a limit kept in this process holds for the whole installation.
   */
  readonly exclusive: boolean;
  /** The column type of binary data (artifacts' bytes). */
  readonly binaryType: RawBuilder<unknown>;
  /** The column type of an integer key the database assigns in insert order (the event log's `seq`). */
  readonly serialKeyType: 'integer' | 'bigserial';
  /**
   * A claim's candidate rows: rows another transaction is claiming right now are skipped, instead of
   * waited for or claimed twice.
   */
  skipLocked<Q extends LockableSelect>(query: Q): Q;
  /** The rows read stay locked until the transaction ends (a cursor one process advances at a time). */
  forUpdate<Q extends LockableSelect>(query: Q): Q;
  /**
   * Takes a lock held until the transaction ends: transactions taking the same key run one after
   * another. A text key names the lock; a number is the key itself.
   */
  lockTransaction(trx: QueryExecutor, key: number | string): Promise<void>;
  /**
   * `lockTransaction` by number and `notifyOnCommit` of `payload` in one round trip (the event log
   * takes its lock and announces its appends together).
   */
  lockTransactionAndNotify(trx: QueryExecutor, key: number, payload: string): Promise<void>;
  /**
   * Announces `payload` (comma-separated words) to every listening process when the transaction
   * commits; null where no other process can listen (callers then skip building the payload).
   */
  readonly notifyOnCommit: ((trx: QueryExecutor, payload: string) => Promise<void>) | null;
  /**
   * Hears what other processes announce, on a connection of its own: `onMessage` gets the payload's
   * words, or null after a reconnect (anything may have happened meanwhile). Null where none can.
   */
  /**
   * A FROM item giving rows as one array parameter per column (`columns` with their SQL types,
   * parameters numbered from `firstParam`), aliased `alias`: one statement of a fixed text writes any
   * number of rows (PostgreSQL's `unnest`). With `ordinal`, also a column of that name numbering the
   * rows from 1 in the arrays' order. Null where a statement per row costs no round trip (SQLite).
   */
  readonly arrayRows:
    ((alias: string, columns: ReadonlyArray<readonly [string, ColumnType]>, firstParam: number, ordinal?: string) => string) | null;
  listen(url: string, onMessage: (words: Set<string> | null) => void, onError?: (error: unknown) => void): CommitListener | null;
}
