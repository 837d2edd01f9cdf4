import type { Engine } from '@assay/engine';
import { AssayError, type Batch, type BatchListQuery, type Budget, type SetBudgetBody, type WorkflowDefinition } from '@assay/schema';
import type { BatchRecord, BatchSource, Store } from '@assay/store';
import { addDatasetRow, BatchRows, datasetMapping, InvalidRowsError, readCsvRows, rowPath } from './batch-input';
import { resultColumns, resultsStream, type ResultsFormat } from './batch-results';
import { pinnedVersion } from './workflow-version';

/** Where a batch's rows come from. */
export type BatchInput =
  | { kind: 'json'; inputs: unknown[] }
  | { kind: 'csv'; stream: ReadableStream<Uint8Array> }
  | { kind: 'dataset'; datasetId: string; mapping?: Record<string, string> };

export interface BatchOptions {
  concurrency?: number;
  priority?: number;
  skipInvalid?: boolean;
  /** `?cache=bypass`: the runs' cached steps execute instead of reusing earlier outputs. */
  cache?: 'bypass';
  /** The batch's budget over all its runs. */
  budget?: Budget;
  /** The workflow version its runs run (default: the current one). */
  version?: number;
  /** Each row's replay source run (an evaluation replaying an earlier one); rows must all be valid. */
  replayOf?: ReadonlyArray<string | null>;
}

/** Dataset rows read per query while a batch is built from a dataset. */
const DATASET_PAGE = 1000;
/** Batch runs have the same default priority as single runs: a batch does not push other work aside. */
export const DEFAULT_BATCH_PRIORITY = 0;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Batches as the API sees them: creation from JSON, CSV or a dataset with up-front validation, progress, cancel, retry, export. */
export class BatchService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
  ) {}

  /**
   * Validates every row (as single runs are validated), then creates the batch and its runs. Invalid
   * rows refuse the whole batch (InvalidRowsError, a 400 listing them) unless `skipInvalid`, in which
   * case they are recorded on the batch.
   */
  async create(workspaceId: string, workflowId: string, input: BatchInput, options: BatchOptions): Promise<Batch> {
    const workflow = await this.store.workflows.get(workspaceId, workflowId);
    if (!workflow) throw new AssayError('not_found', `workflow ${workflowId} not found`);
    if (workflow.archivedAt !== null) throw new AssayError('invalid_state', `workflow ${workflowId} is archived`);
    const pinned = await pinnedVersion(this.store, workflow, options.version);
    const fields = pinned.definition.inputs;
    const rows = new BatchRows(fields);
    let source: BatchSource;
    if (input.kind === 'json') {
      source = 'json';
      for (const item of input.inputs) rows.add(item);
    } else if (input.kind === 'csv') {
      source = 'csv';
      await readCsvRows(input.stream, fields, rows);
    } else {
      source = 'dataset';
      const dataset = await this.store.datasets.get(workspaceId, input.datasetId);
      if (!dataset)
        throw new AssayError('not_found', `dataset ${input.datasetId} not found`, {
          details: [{ path: 'datasetId', message: 'not found' }],
        });
      const mapping = datasetMapping(fields, Object.keys(dataset.columns), input.mapping);
      for (let offset = 0; ; offset += DATASET_PAGE) {
        const page = await this.store.datasets.rows(dataset.id, { offset, limit: DATASET_PAGE });
        for (const row of page) addDatasetRow(row, fields, mapping, rows);
        if (page.length < DATASET_PAGE) break;
      }
    }
    if (rows.count === 0)
      throw new AssayError('invalid_input', 'the batch is empty: send at least one row', {
        details: [{ path: source === 'json' ? 'inputs' : source === 'csv' ? '(body)' : 'datasetId', message: 'no rows' }],
      });
    if (rows.invalidCount > 0 && !options.skipInvalid) throw new InvalidRowsError(rows.invalid, rows.invalidCount, rows.count);
    if (rows.inputs.length === 0)
      throw new AssayError('invalid_input', `all ${rows.count} rows are invalid; nothing to run`, {
        details: rows.invalid.map((r) => ({ path: rowPath(r), message: r.reason })),
      });
    if (options.replayOf && (rows.invalidCount > 0 || options.replayOf.length !== rows.inputs.length))
      throw new AssayError('internal', 'replay sources must match the rows one to one');
    const batch = await this.store.batches.create({
      workspaceId,
      workflowId: workflow.id,
      workflowVersion: pinned.version,
      source,
      inputs: rows.inputs,
      concurrency: options.concurrency ?? null,
      priority: options.priority ?? DEFAULT_BATCH_PRIORITY,
      cacheBypass: options.cache === 'bypass',
      budget: options.budget ?? null,
      runBudget: pinned.definition.budget ?? null,
      invalid: rows.invalid,
      invalidCount: rows.invalidCount,
      replayOf: options.replayOf,
    });
    this.engine.notify();
    return this.present(batch);
  }

  async require(workspaceId: string, batchId: string): Promise<BatchRecord> {
    const batch = await this.store.batches.get(workspaceId, batchId);
    if (!batch) throw new AssayError('not_found', `batch ${batchId} not found`);
    return batch;
  }

  async get(workspaceId: string, batchId: string): Promise<Batch> {
    return this.present(await this.require(workspaceId, batchId));
  }

  /** A page of batches plus one (see `page`), newest first by default. */
  async list(workspaceId: string, query: BatchListQuery): Promise<Batch[]> {
    const batches = await this.store.batches.list(workspaceId, {
      limit: query.limit + 1,
      lt: query.lt,
      gt: query.gt,
      direction: query.direction,
      workflowId: query.workflowId,
      status: query.status,
    });
    return Promise.all(batches.map((b) => this.present(b)));
  }

  /** Cancels the batch's queued and waiting runs (running ones finish); 409 if it already finished or was cancelled. */
  async cancel(workspaceId: string, batchId: string): Promise<Batch> {
    const { before, changed } = await this.store.batches.cancel(workspaceId, batchId);
    if (!before) throw new AssayError('not_found', `batch ${batchId} not found`);
    if (!changed)
      throw new AssayError('invalid_state', `batch ${batchId} is already ${before.status}; only a running batch can be cancelled`);
    return this.get(workspaceId, batchId);
  }

  /** Queues the batch's failed and cancelled runs again; 409 if there are none. */
  async retryFailed(workspaceId: string, batchId: string): Promise<Batch> {
    const { before, retried } = await this.store.batches.retryFailed(workspaceId, batchId);
    if (!before) throw new AssayError('not_found', `batch ${batchId} not found`);
    if (retried === 0) throw new AssayError('invalid_state', `batch ${batchId} has no failed or cancelled runs to retry`);
    this.engine.notify();
    return this.get(workspaceId, batchId);
  }

  /** Changes the batch's budget; a batch held by its budget and now within it releases its runs. */
  async setBudget(workspaceId: string, batchId: string, change: SetBudgetBody): Promise<Batch> {
    const { batch, released } = await this.store.batches.setBudget(workspaceId, batchId, change);
    if (!batch) throw new AssayError('not_found', `batch ${batchId} not found`);
    if (released) this.engine.notify();
    return this.present(batch);
  }

  /** The results export of a batch, streamed (see `resultsStream`). */
  async results(
    workspaceId: string,
    batchId: string,
    format: ResultsFormat,
  ): Promise<{ batch: BatchRecord; stream: ReadableStream<Uint8Array> }> {
    const batch = await this.require(workspaceId, batchId);
    const version = await this.store.workflows.getVersion(batch.workflowId, batch.workflowVersion);
    const definition: WorkflowDefinition = version?.definition ?? { name: '', inputs: {}, steps: [] };
    // Also with an output mapping: a mapped field that holds an object spreads into its own columns.
    const sample = await this.store.batches.firstCompletedOutput(batch.id);
    return { batch, stream: resultsStream(this.store, batch.id, resultColumns(definition, sample), format) };
  }

  /** The batch with its counts per status, progress and throughput. */
  async present(batch: BatchRecord): Promise<Batch> {
    const counts = {
      queued: 0,
      running: 0,
      waiting: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      ...(await this.store.batches.counts(batch.id)),
    };
    const finished = counts.completed + counts.failed + counts.cancelled;
    // Nothing started while every run is still queued: the start time is not looked for then.
    const startedAt = counts.queued === batch.total ? null : await this.store.batches.firstStartedAt(batch.id);
    const elapsedMs = startedAt === null ? 0 : (batch.completedAt ?? Date.now()) - startedAt;
    return {
      id: batch.id,
      workflowId: batch.workflowId,
      workflowVersion: batch.workflowVersion,
      status: batch.status,
      source: batch.source,
      total: batch.total,
      counts,
      progress: batch.total === 0 ? 1 : Math.round((finished / batch.total) * 10_000) / 10_000,
      invalid: batch.invalid,
      invalidCount: batch.invalidCount,
      concurrency: batch.concurrency,
      priority: batch.priority,
      createdAt: iso(batch.createdAt) as string,
      startedAt: iso(startedAt),
      completedAt: iso(batch.completedAt),
      throughput: elapsedMs > 0 ? Math.round((finished / elapsedMs) * 1000 * 100) / 100 : 0,
      budget: batch.budget,
      cost: batch.cost,
      budgetExceededAt: iso(batch.budgetExceededAt),
    };
  }
}
