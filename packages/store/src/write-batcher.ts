import type { Transaction } from 'kysely';
import type { Database, Db } from './database';

/**
 * One statement that does the same write for many callers at once (a multi-row upsert): given the
 * rows of every write in a group transaction that uses it, it answers one result per row, in order.
 * A row it refuses (a checkpoint whose lease was lost) gets its own answer; the others still land.
 */
export interface GroupedStatement<Row, Result> {
  execute(trx: Transaction<Database>, rows: readonly Row[]): Promise<Result[]>;
  /**
   * The statement takes one row at a time anyway (SQLite): each write executes its own row within its
   * work, in the order of the writes, with no grouping pass (which measurably slows SQLite's hot path).
   */
  perRow?: boolean;
}

type Work<T> = (trx: Transaction<Database>, grouped?: unknown) => Promise<T>;

/** What else happens around each group transaction (the event log buffers its inserts). */
export interface TransactionHooks {
  /** At the start of the transaction. */
  begin?(trx: Transaction<Database>): void;
  /** After the last write, before the commit. */
  beforeCommit?(trx: Transaction<Database>): Promise<void>;
  /** After the commit, before callers are answered. */
  committed?(trx: Transaction<Database>): void;
  /** The transaction was rolled back. */
  rolledBack?(trx: Transaction<Database> | undefined): void;
}

interface Pending {
  work: Work<unknown>;
  key?: string;
  /** The run this write is about: writes about one run apply in call order (see `write`). */
  run?: string;
  carry?: unknown[];
  grouped?: { statement: GroupedStatement<unknown, unknown>; row: unknown };
  settle: Array<{ resolve(value: unknown): void; reject(error: unknown): void }>;
}

export interface WriteBatcherOptions {
  /**
   * Group transactions in flight at once (default 1). SQLite has one writer: one at a time. On
   * PostgreSQL a batch forms while others are in flight on other connections of the pool, so the
   * process's work and the database's overlap instead of taking turns.
   */
  parallel?: number;
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
 *
 * A write may name a `GroupedStatement` and its row: the rows of every write in the transaction
 * that names the same statement go to the database in one statement, before the transaction's
 * other work, and each write's work then gets its own row's result (and does the rest: its events).
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private byKey = new Map<string, Pending>();
  private scheduled = false;
  private inFlight = 0;
  /** Runs with a write in a group transaction in flight, and how many such writes. */
  private readonly runsInFlight = new Map<string, number>();
  private readonly parallel: number;

  constructor(
    private readonly db: Db,
    private readonly hooks: TransactionHooks = {},
    options: WriteBatcherOptions = {},
  ) {
    this.parallel = Math.max(1, options.parallel ?? 1);
  }

  /**
   * Executes `work` in the next group transaction; resolves after it commits. Writes about the same
   * `run` apply in call order even with several transactions in flight: one waits for the
   * transaction holding an earlier write about its run to end (a step's start marker, not awaited,
   * is never overtaken by its result or by the run's end).
   */
  write<T>(work: Work<T>, key?: string, carry?: unknown[], run?: string): Promise<T> {
    return this.enqueue(work as Work<unknown>, key, carry, undefined, run) as Promise<T>;
  }

  /**
   * Like `write`, with `row` executed by `statement` together with the rows of the other writes in
   * the same transaction; `work` then gets this row's result.
   */
  writeGrouped<Row, Result, T>(
    statement: GroupedStatement<Row, Result>,
    row: Row,
    work: (trx: Transaction<Database>, result: Result) => Promise<T>,
    key?: string,
    carry?: unknown[],
    run?: string,
  ): Promise<T> {
    if (statement.perRow) {
      const alone: Work<unknown> = async (trx) => work(trx, (await statement.execute(trx, [row]))[0] as Result);
      return this.enqueue(alone, key, carry, undefined, run) as Promise<T>;
    }
    const grouped = { statement: statement as GroupedStatement<unknown, unknown>, row };
    return this.enqueue(work as Work<unknown>, key, carry, grouped, run) as Promise<T>;
  }

  private enqueue(
    work: Work<unknown>,
    key: string | undefined,
    carry: unknown[] | undefined,
    grouped: Pending['grouped'],
    run: string | undefined,
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const settle = { resolve, reject };
      const queued = key === undefined ? undefined : this.byKey.get(key);
      if (queued) {
        if (queued.carry?.length && carry) carry.unshift(...queued.carry);
        queued.work = work;
        queued.carry = carry;
        queued.grouped = grouped;
        queued.settle.push(settle);
        return;
      }
      const pending: Pending = { work, key, run, carry, grouped, settle: [settle] };
      this.queue.push(pending);
      if (key !== undefined) this.byKey.set(key, pending);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.parallel) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Starts a group transaction with what is queued (if a slot is free); another when it ends. Writes
   * about a run that has a write in flight stay queued (and may still be superseded there).
   */
  private flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0 || this.inFlight >= this.parallel) return;
    let batch = this.queue;
    this.queue = [];
    if (this.runsInFlight.size > 0) {
      const ready: Pending[] = [];
      for (const pending of batch) (pending.run !== undefined && this.runsInFlight.has(pending.run) ? this.queue : ready).push(pending);
      batch = ready;
    }
    this.byKey.clear();
    for (const pending of this.queue) if (pending.key !== undefined) this.byKey.set(pending.key, pending);
    if (batch.length === 0) return; // the transaction in flight schedules the next when it ends
    for (const pending of batch)
      if (pending.run !== undefined) this.runsInFlight.set(pending.run, (this.runsInFlight.get(pending.run) ?? 0) + 1);
    this.inFlight++;
    void this.commit(batch).finally(() => {
      this.inFlight--;
      for (const pending of batch) {
        if (pending.run === undefined) continue;
        const left = (this.runsInFlight.get(pending.run) ?? 1) - 1;
        if (left > 0) this.runsInFlight.set(pending.run, left);
        else this.runsInFlight.delete(pending.run);
      }
      // What queued during the commit goes at once, as one batch: waiting for another turn of the
      // event loop would add that turn to every checkpoint a run waits on.
      if (this.queue.length > 0) this.flush();
    });
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const results = await this.transaction((trx) => execute(trx, batch));
      batch.forEach((pending, i) => pending.settle.forEach((s) => s.resolve(results[i])));
    } catch (batchError) {
      if (batch.length === 1) {
        batch[0]?.settle.forEach((s) => s.reject(batchError));
        return;
      }
      for (const pending of batch) {
        try {
          const [result] = await this.transaction((trx) => execute(trx, [pending]));
          pending.settle.forEach((s) => s.resolve(result));
        } catch (error) {
          pending.settle.forEach((s) => s.reject(error));
        }
      }
    }
  }

  private async transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const { hooks } = this;
    let current: Transaction<Database> | undefined;
    try {
      const result = await this.db.transaction().execute(async (trx) => {
        current = trx;
        hooks.begin?.(trx);
        const out = await work(trx);
        await hooks.beforeCommit?.(trx);
        return out;
      });
      if (current) hooks.committed?.(current);
      return result;
    } catch (error) {
      hooks.rolledBack?.(current);
      throw error;
    }
  }
}

/** A batch's writes in one transaction: first each grouped statement over all its rows, then each write's work. */
async function execute(trx: Transaction<Database>, batch: readonly Pending[]): Promise<unknown[]> {
  const groups = new Map<GroupedStatement<unknown, unknown>, Pending[]>();
  for (const pending of batch) {
    if (!pending.grouped) continue;
    const members = groups.get(pending.grouped.statement);
    if (members) members.push(pending);
    else groups.set(pending.grouped.statement, [pending]);
  }
  const groupedResults = new Map<Pending, unknown>();
  for (const [statement, members] of groups) {
    const results = await statement.execute(
      trx,
      members.map((m) => m.grouped?.row),
    );
    members.forEach((member, i) => groupedResults.set(member, results[i]));
  }
  const out: unknown[] = [];
  for (const pending of batch) out.push(await pending.work(trx, groupedResults.get(pending)));
  return out;
}
