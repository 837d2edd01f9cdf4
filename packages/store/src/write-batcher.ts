import type { Transaction } from 'kysely';
import type { Database, Db } from './database';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

/** What else happens around each group transaction (the event log buffers its inserts). */
export interface TransactionHooks {
  /** At the start of the transaction. */
  begin?(trx: Transaction<Database>): void;
  /** After the last write, before the commit. */
  beforeCommit?(trx: Transaction<Database>): Promise<void>;
  /** After the commit, before callers are answered. */
  committed?(): void;
  /** The transaction was rolled back. */
  rolledBack?(): void;
}

interface Pending {
  work: Work<unknown>;
  carry?: unknown[];
  settle: Array<{ resolve(value: unknown): void; reject(error: unknown): void }>;
}

/**
 * Group commit: writes requested in the same turn of the event loop share one transaction, and each
 * caller is answered only after that transaction commits, so "checkpointed before the run advances"
 * holds while the database does one commit for many writes. A batch that fails is replayed one write
 * per transaction so one bad write cannot fail the others.
 *
 * Writes given the same `key` while the first is still queued are coalesced: only the latest is
 * executed (a step's "started" record superseded by its result before either reached the disk).
 * What the superseded write `carry`-ed (its events) is prepended to the new write's `carry`, which
 * its work reads when it executes: a coalesced "started" still reports that the step started.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private byKey = new Map<string, Pending>();
  private scheduled = false;
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly hooks: TransactionHooks = {},
  ) {}

  /** Executes `work` in the next group transaction; resolves after it commits. */
  write<T>(work: Work<T>, key?: string, carry?: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = { resolve: resolve as (value: unknown) => void, reject };
      const queued = key === undefined ? undefined : this.byKey.get(key);
      if (queued) {
        if (queued.carry?.length && carry) carry.unshift(...queued.carry);
        queued.work = work;
        queued.carry = carry;
        queued.settle.push(settle);
        return;
      }
      const pending: Pending = { work, carry, settle: [settle] };
      this.queue.push(pending);
      if (key !== undefined) this.byKey.set(key, pending);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        this.byKey.clear();
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const results = await this.transaction(async (trx) => {
        const out: unknown[] = [];
        for (const pending of batch) out.push(await pending.work(trx));
        return out;
      });
      batch.forEach((pending, i) => pending.settle.forEach((s) => s.resolve(results[i])));
    } catch (batchError) {
      if (batch.length === 1) {
        batch[0]?.settle.forEach((s) => s.reject(batchError));
        return;
      }
      for (const pending of batch) {
        try {
          const result = await this.transaction(pending.work);
          pending.settle.forEach((s) => s.resolve(result));
        } catch (error) {
          pending.settle.forEach((s) => s.reject(error));
        }
      }
    }
  }

  private async transaction<T>(work: Work<T>): Promise<T> {
    const { hooks } = this;
    try {
      const result = await this.db.transaction().execute(async (trx) => {
        hooks.begin?.(trx);
        const out = await work(trx);
        await hooks.beforeCommit?.(trx);
        return out;
      });
      hooks.committed?.();
      return result;
    } catch (error) {
      hooks.rolledBack?.();
      throw error;
    }
  }
}
