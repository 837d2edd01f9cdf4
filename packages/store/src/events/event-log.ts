import { EventEmitter } from 'node:events';
import type { EventType, RunError, StepStatus } from '@assay/schema';
import { CompiledQuery, type Insertable } from 'kysely';
import type { Db, EventsTable } from '../database';
import type { CommitListener, StoreDialect } from '../dialect/dialect';
import { randomBytes } from 'node:crypto';
import { param, prepareQuery, registerHotStatement, type QueryExecutor } from '../prepared-query';
import { prepareMultiRowInsert } from '../multi-row-insert';
import { toIso } from '../codec';

/** An event as written. Workspace, workflow and batch are taken from the run when `runId` is given. */
export interface NewEvent {
  workspaceId: string;
  type: EventType;
  runId?: string | null;
  workflowId?: string | null;
  batchId?: string | null;
  stepId?: string | null;
  data: Record<string, unknown>;
}

type EventRow = Omit<Insertable<EventsTable>, 'seq'>;

const EVENT_COLUMNS = ['workspace_id', 'type', 'run_id', 'workflow_id', 'batch_id', 'step_id', 'data', 'created_at'] as const;

/** The advisory lock key that orders event appends on PostgreSQL ("ASEV"). */
const EVENT_APPEND_LOCK = 0x41534556;

/** Rows per multi-row insert (8 parameters each; far below SQLite's limit). */
const INSERT_CHUNK = 500;

/** An event as read back. */
export interface StoredEvent {
  seq: number;
  workspaceId: string;
  type: EventType;
  runId: string | null;
  workflowId: string | null;
  batchId: string | null;
  stepId: string | null;
  data: Record<string, unknown>;
  createdAt: number;
}

export interface EventFilter {
  workspaceId: string;
  /** Only events after this position. */
  after: number;
  runId?: string;
  workflowId?: string;
  batchId?: string;
  types?: readonly string[];
  limit: number;
}

/** What a step's new checkpoint tells a watcher, or null when it tells nothing new. */
export function stepEvent(record: {
  stepId: string;
  type: string;
  status: StepStatus;
  attempts: number;
  startedAt: number | null;
  completedAt: number | null;
  error: RunError | null;
  wakeAt: number | null;
  suspended?: boolean;
}): { type: EventType; data: Record<string, unknown> } | null {
  const base = { stepId: record.stepId, stepType: record.type, status: record.status, attempt: record.attempts };
  switch (record.status) {
    case 'running':
      // A sleeping or suspended step is still the same attempt: only its start is news.
      if (record.wakeAt !== null || record.suspended) return null;
      return { type: 'step.started', data: { ...base, startedAt: toIso(record.startedAt) } };
    case 'pending':
      if (record.error === null) return null;
      return { type: 'step.retrying', data: { ...base, error: record.error, nextAttemptAt: toIso(record.wakeAt) } };
    case 'completed':
    case 'failed':
    case 'skipped':
    case 'cancelled': {
      const durationMs = record.startedAt !== null && record.completedAt !== null ? record.completedAt - record.startedAt : null;
      return {
        type: `step.${record.status}`,
        data: { ...base, startedAt: toIso(record.startedAt), completedAt: toIso(record.completedAt), durationMs, error: record.error },
      };
    }
  }
}

/**
 * The event log: appended in the same transaction as the state change it reports, read by live
 * streams (replay from a position, then follow) and by the delivery fan-out.
 */
export class EventLog {
  private readonly appended = new EventEmitter();
  /** Types appended since the last commit notice (a hint for who should wake, not an exact record). */
  private pendingTypes = new Set<string>();
  private listener: CommitListener | null = null;
  /** Tags this process's notifications, so it does not wake twice for its own commits. */
  private readonly tag = randomBytes(4).toString('hex');
  /** Events held per open group transaction (several may be open at once on PostgreSQL), and their types. */
  private readonly buffers = new Map<QueryExecutor, { rows: EventRow[]; types: Set<string> }>();
  private readonly sql: ReturnType<typeof prepareEventQueries>;

  constructor(
    private readonly db: Db,
    private readonly dialect: StoreDialect,
  ) {
    this.appended.setMaxListeners(0);
    this.sql = prepareEventQueries(db, dialect);
    // Each payload is "<process tag>,<type>,<type>…"; built only where another process can hear it.
    if (dialect.notifyOnCommit !== null)
      this.serialize = (trx, types) => dialect.lockTransactionAndNotify(trx, EVENT_APPEND_LOCK, [this.tag, ...types].join(','));
  }

  /**
   * On PostgreSQL a sequence hands out positions at insert time, not at commit: a later position
   * could become visible before an earlier one, and a reader resuming after it would skip the
   * earlier event for good. Appending transactions therefore take one transaction-scoped lock before
   * their first event (events are written last, just before commit), so positions commit in order.
   * SQLite has one writer at a time already. Where other processes listen, the same round trip
   * announces the types appended (a NOTIFY, delivered at commit; set in the constructor).
   */
  private serialize: (trx: QueryExecutor, types: ReadonlySet<string>) => Promise<void> = (trx) =>
    this.dialect.lockTransaction(trx, EVENT_APPEND_LOCK);

  /**
   * Appends events with all their fields known. Inside a group-commit transaction (see `buffer`)
   * they are held and written together, in order, by one multi-row insert just before it commits.
   */
  async append(trx: QueryExecutor, events: readonly NewEvent[], now: number): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
      workspace_id: event.workspaceId,
      type: event.type,
      run_id: event.runId ?? null,
      workflow_id: event.workflowId ?? null,
      batch_id: event.batchId ?? null,
      step_id: event.stepId ?? null,
      data: JSON.stringify(event.data),
      created_at: now,
    }));
    const held = this.buffers.get(trx);
    if (held) {
      held.rows.push(...rows);
      for (const event of events) held.types.add(event.type);
      return;
    }
    await this.insertRows(trx, rows);
    for (const event of events) this.pendingTypes.add(event.type);
  }

  /**
   * Appends the same event about each of `runIds` (new runs' `run.queued`): its data is serialized
   * once, and full chunks go through one statement compiled once, filled by position.
   */
  async appendForEachRun(
    trx: QueryExecutor,
    event: Omit<NewEvent, 'runId' | 'stepId'>,
    runIds: readonly string[],
    now: number,
  ): Promise<void> {
    if (runIds.length === 0) return;
    const shared = {
      workspace_id: event.workspaceId,
      type: event.type,
      workflow_id: event.workflowId ?? null,
      batch_id: event.batchId ?? null,
      step_id: null,
      data: JSON.stringify(event.data),
      created_at: now,
    };
    const row = (runId: string): EventRow => ({ ...shared, run_id: runId });
    const held = this.buffers.get(trx);
    if (held) {
      for (const runId of runIds) held.rows.push(row(runId));
      held.types.add(event.type);
      return;
    }
    await this.serialize(trx, new Set([event.type]));
    const full = runIds.length - (runIds.length % INSERT_CHUNK);
    for (let from = 0; from < full; from += INSERT_CHUNK) {
      await this.sql.insertChunk.execute(trx, (i, column) => (column === 'run_id' ? runIds[from + i] : shared[column]));
    }
    if (full < runIds.length) await this.writeRows(trx, runIds.slice(full).map(row));
    this.pendingTypes.add(event.type);
  }

  /** From now until `flush`, events appended in `trx` are held and written together. */
  buffer(trx: QueryExecutor): void {
    this.buffers.set(trx, { rows: [], types: new Set() });
  }

  /** Writes the events held for `trx` (call just before it commits). */
  async flush(trx: QueryExecutor): Promise<void> {
    const held = this.buffers.get(trx);
    if (!held) return;
    const rows = held.rows;
    held.rows = [];
    await this.insertRows(trx, rows);
  }

  /** The transaction failed: what it held is gone with it. */
  discard(trx?: QueryExecutor): void {
    if (trx) this.buffers.delete(trx);
  }

  private async insertRows(trx: QueryExecutor, rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.serialize(trx, new Set(rows.map((row) => row.type)));
    await this.writeRows(trx, rows);
  }

  private async writeRows(trx: QueryExecutor, rows: EventRow[]): Promise<void> {
    const arrays = this.sql.insertArrays;
    if (arrays !== null && rows.length > 1) {
      // One statement of a fixed text for any number of rows (a named prepared statement).
      await trx.executeQuery(
        CompiledQuery.raw(
          arrays,
          EVENT_COLUMNS.map((column) => rows.map((row) => row[column] ?? null)),
        ),
      );
      return;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      if (chunk.length === 1) await this.sql.insert.execute(trx, chunk[0] as EventRow);
      else await trx.executeQuery(this.db.insertInto('events').values(chunk).compile());
    }
  }

  /**
   * Appends an event about a run whose workspace, workflow and batch the caller knows (a lease
   * carries them); otherwise copies them from the run row (see `appendForRun`).
   */
  async appendForLease(
    trx: QueryExecutor,
    lease: { runId: string; workspaceId?: string; workflowId?: string; batchId?: string | null },
    event: { type: EventType; stepId?: string | null; data: Record<string, unknown> },
    now: number,
  ): Promise<void> {
    if (lease.workspaceId === undefined) {
      await this.appendForRun(trx, { runId: lease.runId, ...event }, now);
      return;
    }
    await this.append(
      trx,
      [
        {
          workspaceId: lease.workspaceId,
          runId: lease.runId,
          workflowId: lease.workflowId ?? null,
          batchId: lease.batchId ?? null,
          ...event,
        },
      ],
      now,
    );
  }

  /**
   * Appends an event about a run, copying its workspace, workflow and batch from the run row. With
   * `workerId`, only while that worker holds the run's lease (the same fence as its checkpoints).
   * Returns whether it was written.
   */
  async appendForRun(
    trx: QueryExecutor,
    event: { runId: string; type: EventType; stepId?: string | null; data: Record<string, unknown> },
    now: number,
    workerId?: string,
  ): Promise<boolean> {
    const args = { type: event.type, stepId: event.stepId ?? null, data: JSON.stringify(event.data), createdAt: now, runId: event.runId };
    await this.serialize(trx, new Set([event.type]));
    const result =
      workerId === undefined ? await this.sql.forRun.execute(trx, args) : await this.sql.forLeasedRun.execute(trx, { ...args, workerId });
    const written = Number(result.numAffectedRows ?? 0) > 0;
    if (written) this.noteAppended(trx, event.type);
    return written;
  }

  /**
   * What `trx` appended, to announce when it commits. A group transaction's types are its own: with
   * several in flight (PostgreSQL), one that commits first must not announce another's events
   * before they are visible — the follower would read too early, and hear nothing when they are.
   */
  private noteAppended(trx: QueryExecutor, type: string): void {
    const held = this.buffers.get(trx);
    if (held) held.types.add(type);
    else this.pendingTypes.add(type);
  }

  /**
   * Called after a commit that appended events: wakes followers. With the group transaction that
   * committed, announces what that transaction appended; without, what other transactions did.
   */
  committed(trx?: QueryExecutor): void {
    let types: Set<string>;
    if (trx !== undefined) {
      const held = this.buffers.get(trx);
      if (!held) return;
      this.buffers.delete(trx);
      types = held.types;
    } else {
      types = this.pendingTypes;
      this.pendingTypes = new Set();
    }
    if (types.size > 0) this.appended.emit('appended', types);
  }

  /**
   * Calls `listener` after events were committed: by this process, or (on PostgreSQL, once `listen`
   * was called) by any process. It gets the types appended, or null when they are unknown (the
   * listening connection was re-established: anything may have happened meanwhile).
   */
  onAppended(listener: (types: ReadonlySet<string> | null) => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }

  /** Like `onAppended`, for events committed by other processes only (PostgreSQL). */
  onAppendedElsewhere(listener: (types: ReadonlySet<string> | null) => void): () => void {
    this.appended.on('elsewhere', listener);
    return () => this.appended.off('elsewhere', listener);
  }

  /** PostgreSQL: also hear the events other processes commit (LISTEN on a connection of its own). */
  listen(url: string, onError?: (error: unknown) => void): void {
    if (this.listener) return;
    this.listener = this.dialect.listen(
      url,
      (message) => {
        // Each payload is "<process tag>,<type>,<type>…"; this process already heard its own commits.
        if (message?.has(this.tag)) return;
        this.appended.emit('appended', message);
        this.appended.emit('elsewhere', message);
      },
      onError,
    );
  }

  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }

  async read(filter: EventFilter): Promise<StoredEvent[]> {
    let query = this.db.selectFrom('events').selectAll().where('workspace_id', '=', filter.workspaceId).where('seq', '>', filter.after);
    if (filter.runId) query = query.where('run_id', '=', filter.runId);
    if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
    if (filter.batchId) query = query.where('batch_id', '=', filter.batchId);
    if (filter.types?.length) query = query.where('type', 'in', filter.types);
    const rows = await query.orderBy('seq').limit(filter.limit).execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      workspaceId: row.workspace_id,
      type: row.type as EventType,
      runId: row.run_id,
      workflowId: row.workflow_id,
      batchId: row.batch_id,
      stepId: row.step_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
      createdAt: Number(row.created_at),
    }));
  }

  /** The position of the latest event (0 when the log is empty): a stream without Last-Event-ID starts here. */
  async latestSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }
}

function prepareEventQueries(db: Db, dialect: StoreDialect) {
  const columns = EVENT_COLUMNS;
  // Where rows can be given as arrays: one INSERT for any number of rows, in the arrays' order.
  const insertArrays =
    dialect.arrayRows === null
      ? null
      : registerHotStatement(
          `insert into events (${columns.join(', ')}) select ${columns.map((c) => `v.${c}`).join(', ')} from ${dialect.arrayRows(
            'v',
            columns.map((c) => [c, c === 'created_at' ? 'bigint' : 'text'] as const),
            1,
            'n',
          )} order by v.n`,
        );
  const insert = prepareQuery<EventRow, never>(
    db.insertInto('events').values(Object.fromEntries(columns.map((c) => [c, param(c)])) as never),
  );
  const fromRun = (fenced: boolean) =>
    prepareQuery<{ type: string; stepId: string | null; data: string; createdAt: number; runId: string; workerId?: string }, never>(
      db
        .insertInto('events')
        .columns([...columns])
        .expression(
          (() => {
            let select = db
              .selectFrom('runs')
              .select((eb) => [
                'workspace_id',
                eb.val(param<string>('type')).as('type'),
                'id',
                'workflow_id',
                'batch_id',
                eb.val(param<string | null>('stepId')).as('step_id'),
                eb.val(param<string>('data')).as('data'),
                eb.val(param<number>('createdAt')).as('created_at'),
              ])
              .where('id', '=', param<string>('runId'));
            if (fenced) select = select.where('lease_owner', '=', param<string>('workerId')).where('status', '=', 'running');
            return select;
          })(),
        ),
    );
  return {
    insert,
    insertArrays,
    insertChunk: prepareMultiRowInsert(db, 'events', EVENT_COLUMNS, INSERT_CHUNK),
    forRun: fromRun(false),
    forLeasedRun: fromRun(true),
  };
}
