import { runMetadataText, type RunMetadata, type RunTrigger } from '@assay/schema';
import type { Selectable } from 'kysely';
import type { Db, RunsTable } from '../database';
import type { EventLog } from '../events/event-log';
import { newId } from '../ids';
import { prepareMultiRowInsert } from '../multi-row-insert';
import { param, prepareQuery, type QueryExecutor } from '../prepared-query';

export type RunRow = Selectable<RunsTable>;

/** What runs queued together share: everything but their id and input. */
export interface RunTemplate {
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  trigger: RunTrigger;
  batchId?: string | null;
  parentRunId?: string | null;
  idempotencyKey?: string | null;
  /** Fingerprint of the request, to tell a replay from a different request reusing the key. */
  requestHash?: string | null;
  callbackUrl?: string | null;
  priority?: number;
  /** Held runs (a batch's, until the batch releases them) are not due: no claim sees them. */
  held?: boolean;
  /** `?cache=bypass`: the runs' cached steps execute (and refresh the cache) instead of reading it. */
  cacheBypass?: boolean;
  /** A replay's source run (its unchanged steps' outputs are reused). */
  replayOf?: string | null;
  /** The runs' spending limit on model calls (each run's own). */
  budget?: { usd?: number; tokens?: number } | null;
  /** The caller's metadata, each run's own copy (its pairs go into `run_metadata` too). */
  metadata?: RunMetadata | null;
  /** A webhook run's request (`trigger.*` in its templates). */
  triggerRequest?: { body: unknown; headers: Record<string, string>; query: Record<string, string | string[]> } | null;
  /** A draft run (the editor's test): kept out of every run list, metric and event delivery. */
  draft?: boolean;
}

/** The columns a queued run is written with; the others (output, error, lease, start and end times) start null. */
const QUEUED_RUN_COLUMNS = [
  'id',
  'workspace_id',
  'workflow_id',
  'workflow_version',
  'status',
  'input',
  'trigger',
  'batch_id',
  'parent_run_id',
  'idempotency_key',
  'request_hash',
  'callback_url',
  'priority',
  'due_at',
  'created_at',
  'updated_at',
  'poked',
  'cache_bypass',
  'replay_of',
  'budget_usd',
  'budget_tokens',
  'metadata',
  'trigger_request',
  'draft',
] as const;
type SharedColumns = Omit<Pick<RunRow, (typeof QUEUED_RUN_COLUMNS)[number]>, 'id' | 'input'>;

/** Rows per multi-row INSERT: 24 parameters a row stay far below SQLite's 32,766-parameter limit. */
const INSERT_CHUNK = 500;
/** `run_metadata` rows per INSERT (4 parameters a row). */
const METADATA_CHUNK = 1000;

function sharedColumns(template: RunTemplate, now: number): SharedColumns {
  return {
    workspace_id: template.workspaceId,
    workflow_id: template.workflowId,
    workflow_version: template.workflowVersion,
    status: 'queued',
    trigger: template.trigger,
    batch_id: template.batchId ?? null,
    parent_run_id: template.parentRunId ?? null,
    idempotency_key: template.idempotencyKey ?? null,
    request_hash: template.requestHash ?? null,
    callback_url: template.callbackUrl ?? null,
    priority: template.priority ?? 0,
    due_at: template.held ? null : now,
    created_at: now,
    updated_at: now,
    poked: 0,
    cache_bypass: template.cacheBypass ? 1 : 0,
    replay_of: template.replayOf ?? null,
    budget_usd: template.budget?.usd ?? null,
    budget_tokens: template.budget?.tokens ?? null,
    metadata: hasMetadata(template.metadata) ? JSON.stringify(template.metadata) : null,
    trigger_request: template.triggerRequest ? JSON.stringify(template.triggerRequest) : null,
    draft: template.draft ? 1 : 0,
  };
}

function hasMetadata(metadata: RunMetadata | null | undefined): metadata is RunMetadata {
  return metadata !== null && metadata !== undefined && Object.keys(metadata).length > 0;
}

/** A run as `RunEnqueuer.enqueue` wrote it (what a caller answers with). */
export function queuedRunRow(template: RunTemplate, id: string, input: string, now: number): RunRow {
  return {
    ...sharedColumns(template, now),
    id,
    input,
    output: null,
    error: null,
    lease_owner: null,
    lease_expires_at: null,
    started_at: null,
    completed_at: null,
    cost_usd: 0,
    cost_tokens: 0,
    wait_reason: null,
  };
}

/**
 * Creating runs, for every way they are created (the API, schedules, batches): the run rows and
 * their `run.queued` events are written here only. Its statements are prepared once per store.
 */
export class RunEnqueuer {
  private readonly insertOne;
  private readonly insertChunk;
  private readonly byKey;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
  ) {
    this.insertOne = prepareMultiRowInsert(db, 'runs', QUEUED_RUN_COLUMNS, 1);
    this.insertChunk = prepareMultiRowInsert(db, 'runs', QUEUED_RUN_COLUMNS, INSERT_CHUNK);
    this.byKey = prepareQuery<{ workspaceId: string; key: string }, RunRow>(
      db
        .selectFrom('runs')
        .selectAll()
        .where('workspace_id', '=', param<string>('workspaceId'))
        .where('idempotency_key', '=', param<string>('key')),
    );
  }

  /** The workspace's run created with this idempotency key, if any. */
  async findByIdempotencyKey(executor: QueryExecutor, workspaceId: string, key: string): Promise<RunRow | undefined> {
    return (await this.byKey.execute(executor, { workspaceId, key })).rows[0];
  }

  /**
   * Queues one run per input (JSON text), all sharing `template`, and appends a `run.queued` event
   * for each; returns their ids in input order. The runs go in multi-row inserts; their events
   * after them, in the event log's multi-row style (events are written last in a transaction, so
   * PostgreSQL's append lock is held briefly).
   */
  async enqueue(
    trx: QueryExecutor,
    template: RunTemplate,
    inputs: readonly string[],
    now: number,
    /** Each run's replay source, in input order (an evaluation replaying an earlier one), over the template's. */
    replayOf?: ReadonlyArray<string | null>,
  ): Promise<string[]> {
    const shared = sharedColumns(template, now);
    const ids = new Array<string>(inputs.length);
    for (let i = 0; i < inputs.length; i++) ids[i] = newId(now);
    for (let from = 0; from < inputs.length; from += INSERT_CHUNK) {
      const size = Math.min(INSERT_CHUNK, inputs.length - from);
      const insert =
        size === 1
          ? this.insertOne
          : size === INSERT_CHUNK
            ? this.insertChunk
            : prepareMultiRowInsert(this.db, 'runs', QUEUED_RUN_COLUMNS, size);
      await insert.execute(trx, (row, column) =>
        column === 'id'
          ? ids[from + row]
          : column === 'input'
            ? inputs[from + row]
            : column === 'replay_of' && replayOf
              ? (replayOf[from + row] ?? null)
              : shared[column],
      );
    }
    if (hasMetadata(template.metadata)) await this.insertMetadata(trx, template.workspaceId, template.metadata, ids);
    const event = {
      workspaceId: template.workspaceId,
      type: 'run.queued' as const,
      workflowId: template.workflowId,
      batchId: shared.batch_id,
      data: { status: 'queued', trigger: template.trigger },
    };
    await this.events.appendForEachRun(trx, event, ids, now);
    return ids;
  }

  /** Each run's metadata pairs (values in their string form), for the run lists' filters. */
  private async insertMetadata(trx: QueryExecutor, workspaceId: string, metadata: RunMetadata, ids: readonly string[]): Promise<void> {
    const pairs = Object.entries(metadata).map(([key, value]) => [key, runMetadataText(value)] as const);
    const rows = ids.flatMap((runId) => pairs.map(([key, value]) => ({ run_id: runId, workspace_id: workspaceId, key, value })));
    for (let from = 0; from < rows.length; from += METADATA_CHUNK)
      await trx.executeQuery(
        this.db
          .insertInto('run_metadata')
          .values(rows.slice(from, from + METADATA_CHUNK))
          .compile(),
      );
  }
}
