import type { BudgetLimits } from '@assay/engine';
import type { DraftOutputSource, DraftProvidedOutput, DraftRunMode, RunError, WorkflowDefinition } from '@assay/schema';
import { sql } from 'kysely';
import type { Db } from '../database';
import { fromJson, toJson, toMs } from '../codec';
import type { WriteBatcher } from '../write-batcher';
import { queuedRunRow, type RunEnqueuer } from '../runs/enqueue-runs';
import { toRunRecord, type RunRecord } from './run-store';

const UNFINISHED = ['queued', 'running', 'waiting'];

/** A dependency's output a `mode: "step"` draft run is given: its step is recorded completed, never executed. */
export interface ProvidedOutput extends DraftProvidedOutput {
  output: unknown;
  /** The step's type, as its record names it. */
  type: string;
}

/** A draft run to queue. */
export interface NewDraftRun {
  workspaceId: string;
  workflowId: string;
  /** The version the draft was edited from (templates' `workflow.version`). */
  workflowVersion: number;
  input: Record<string, unknown>;
  budget: BudgetLimits | null;
  definition: WorkflowDefinition;
  target: string;
  mode: DraftRunMode;
  /** The steps it executes, in order. */
  executes: string[];
  provided: Record<string, ProvidedOutput>;
  /** Refuse it when the workspace already has this many unfinished draft runs. */
  maxUnfinished: number;
}

/** What a draft run runs, as stored beside its run row. */
export interface DraftRecord {
  runId: string;
  definition: WorkflowDefinition;
  target: string;
  mode: DraftRunMode;
  executes: string[];
  provided: Record<string, DraftProvidedOutput>;
}

/** The newest finished record of a step among a workflow's recent runs. */
export interface LatestStepRecord {
  stepId: string;
  status: 'completed' | 'failed';
  output: unknown;
  error: RunError | null;
  runId: string;
  draft: boolean;
  finishedAt: number;
}

/** A workflow's pinned sample: the input draft runs default to, and pinned step outputs. */
export interface SampleRecord {
  input: Record<string, unknown>;
  outputs: Record<string, unknown>;
  updatedAt: number;
}

/**
 * Draft runs (rows of `runs` with `draft = 1`, created through the one run enqueuer, their draft
 * definition in `draft_runs`), the latest step outputs of a workflow's runs, and pinned samples.
 */
export class DraftRunStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly enqueuer: RunEnqueuer,
  ) {}

  /**
   * Queues a draft run with its definition and, for the outputs it is given, completed step records
   * (attempts 0: never executed), in one transaction. Refused (`{ unfinished }`) when the workspace
   * already has `maxUnfinished` draft runs not finished.
   */
  create(draft: NewDraftRun): Promise<{ run: RunRecord } | { unfinished: number }> {
    const now = Date.now();
    const input = toJson(draft.input) as string;
    const template = {
      workspaceId: draft.workspaceId,
      workflowId: draft.workflowId,
      workflowVersion: draft.workflowVersion,
      trigger: 'draft' as const,
      budget: draft.budget,
      draft: true,
    };
    return this.writes.write(async (trx) => {
      const counted = await trx
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', draft.workspaceId)
        .where('status', 'in', UNFINISHED)
        .where('draft', '=', 1)
        .executeTakeFirst();
      const unfinished = Number(counted?.n ?? 0);
      if (unfinished >= draft.maxUnfinished) return { unfinished };
      const [id] = (await this.enqueuer.enqueue(trx, template, [input], now)) as [string];
      const provided = Object.fromEntries(
        Object.entries(draft.provided).map(([stepId, p]) => [stepId, { source: p.source, runId: p.runId }]),
      );
      await trx
        .insertInto('draft_runs')
        .values({
          run_id: id,
          workspace_id: draft.workspaceId,
          definition: JSON.stringify(draft.definition),
          target: draft.target,
          mode: draft.mode,
          executes: JSON.stringify(draft.executes),
          provided: JSON.stringify(provided),
        })
        .execute();
      const records = Object.entries(draft.provided).map(([stepId, p]) => ({
        run_id: id,
        step_id: stepId,
        type: p.type,
        status: 'completed',
        attempts: 0,
        config: null,
        output: toJson(p.output ?? null),
        error: null,
        usage: null,
        wake_at: null,
        started_at: now,
        completed_at: now,
        suspended: 0,
      }));
      if (records.length > 0) await trx.insertInto('step_runs').values(records).execute();
      return { run: toRunRecord(queuedRunRow(template, id, input, now)) };
    });
  }

  /** What a draft run of the workspace runs, or null (no such run, or not a draft). */
  async get(workspaceId: string, runId: string): Promise<DraftRecord | null> {
    const row = await this.db
      .selectFrom('draft_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      runId: row.run_id,
      definition: JSON.parse(row.definition) as WorkflowDefinition,
      target: row.target,
      mode: row.mode as DraftRunMode,
      executes: JSON.parse(row.executes) as string[],
      provided: JSON.parse(row.provided) as Record<string, { source: DraftOutputSource; runId: string | null }>,
    };
  }

  /**
   * Per step id, the newest record in one of `statuses` among the workflow's `runs` newest runs
   * (draft or production). Given outputs (attempts 0) are not outputs of the step. One statement:
   * the runs come from the (workflow_id, id) index, their steps by primary key, and a window keeps
   * the newest record of each step.
   */
  async latestOutputs(
    workspaceId: string,
    workflowId: string,
    runs: number,
    statuses: ReadonlyArray<LatestStepRecord['status']> = ['completed', 'failed'],
  ): Promise<LatestStepRecord[]> {
    const recent = this.db
      .selectFrom('runs')
      .select(['id', 'draft'])
      .where('workflow_id', '=', workflowId)
      .where('workspace_id', '=', workspaceId)
      .orderBy('id', 'desc')
      .limit(runs);
    const ranked = this.db
      .selectFrom(recent.as('r'))
      .innerJoin('step_runs as s', 's.run_id', 'r.id')
      .select([
        's.step_id',
        's.status',
        's.output',
        's.error',
        's.run_id',
        's.completed_at',
        'r.draft',
        sql<number>`row_number() over (partition by s.step_id order by s.completed_at desc, s.run_id desc)`.as('newest'),
      ])
      .where('s.status', 'in', statuses)
      .where('s.attempts', '>', 0)
      .where('s.completed_at', 'is not', null);
    const rows = await this.db.selectFrom(ranked.as('x')).selectAll().where('x.newest', '=', 1).orderBy('x.step_id').execute();
    return rows.map((row) => ({
      stepId: row.step_id,
      status: row.status as LatestStepRecord['status'],
      output: fromJson(row.output),
      error: fromJson<RunError>(row.error),
      runId: row.run_id,
      draft: Number(row.draft) === 1,
      finishedAt: toMs(row.completed_at) as number,
    }));
  }

  /** The workflow's pinned sample, or null when none was pinned. */
  async sample(workspaceId: string, workflowId: string): Promise<SampleRecord | null> {
    const row = await this.db
      .selectFrom('workflow_samples')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      input: JSON.parse(row.input) as Record<string, unknown>,
      outputs: JSON.parse(row.outputs) as Record<string, unknown>,
      updatedAt: Number(row.updated_at),
    };
  }

  /** Pins the workflow's sample (replacing the one before). */
  pinSample(workspaceId: string, workflowId: string, sample: Omit<SampleRecord, 'updatedAt'>): Promise<SampleRecord> {
    const now = Date.now();
    const values = {
      workflow_id: workflowId,
      workspace_id: workspaceId,
      input: JSON.stringify(sample.input),
      outputs: JSON.stringify(sample.outputs),
      updated_at: now,
    };
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('workflow_samples')
        .values(values)
        .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ input: values.input, outputs: values.outputs, updated_at: now }))
        .execute();
      return { ...sample, updatedAt: now };
    });
  }
}
