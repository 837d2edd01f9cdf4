import {
  AssayError,
  MAX_EVALUATION_ROWS,
  type CreateEvaluationBody,
  type Evaluation,
  type EvaluationListQuery,
  type EvaluationRow,
  type EvaluationRowsQuery,
  type EvaluationVersion,
  type FieldChange,
  type Scorer,
  type ScoreResult,
} from '@assay/schema';
import { scoreRow, scorerLabels, scorerProblem, type ScoringDeps } from '@assay/steps';
import type { EvaluationRecord, EvaluationRowRecord, FinishedRun, Store, WorkflowRecord } from '@assay/store';
import type { Principal } from '../http/app-env';
import type { BatchInput, BatchService } from './batch-service';
import { fieldDiff } from './field-diff';
import { spreadsheetCsv } from './spreadsheet-csv';
import { pinnedVersion } from './workflow-version';

/** What an evaluation keeps of its request. */
interface EvaluationSpec {
  versions: number[];
  mapping: Record<string, string>;
  expected: Record<string, string>;
  scorers: Scorer[];
  concurrency: number;
  budget: CreateEvaluationBody['budget'] | null;
  source: { datasetId: string } | { inputs: number };
  replayFrom: string | null;
}

/** One version's outcome on one row, as stored once scored. */
interface VersionResult {
  version: number;
  runId: string | null;
  status: string;
  output: unknown;
  error: string | null;
  score: number | null;
  passed: boolean | null;
  scores: ScoreResult[];
  latencyMs: number | null;
  cost: { usd: number; tokens: number };
  judgeCost: { usd: number; tokens: number };
  diff: FieldChange[];
}

/** Dataset rows read per query. */
const DATASET_PAGE = 1000;
/** Rows looked at per evaluation per scoring pass. */
const SCORING_PAGE = 100;
/** How long a worker holds a row it scores (a judge may take a while); a dead worker's claim lapses. */
const CLAIM_MS = 5 * 60_000;

/**
 * Evaluations: every row (a dataset's, or given inputs) runs on each chosen workflow version as one
 * batch per version; once a row's runs all finished, a worker scores each version's output against
 * what the row expected (`scorePending`, from the worker's loop) and the evaluation completes when
 * every row is scored. Versions are compared by mean score, pass rate, cost and latency; each row
 * shows every version's output with a field diff against the first version's.
 */
export class EvaluationService {
  constructor(
    private readonly store: Store,
    private readonly batches: BatchService,
    /** Models for AI judges (the worker's instance scores; the API's only creates and reads). */
    private readonly scoring?: Omit<ScoringDeps, 'signal'>,
  ) {}

  async create(by: Principal, body: CreateEvaluationBody): Promise<Evaluation> {
    const { workspaceId } = by;
    const workflow = await this.store.workflows.get(workspaceId, body.workflowId);
    if (!workflow)
      throw new AssayError('not_found', `workflow ${body.workflowId} not found`, {
        details: [{ path: 'workflowId', message: 'not found' }],
      });
    if (workflow.archivedAt !== null) throw new AssayError('invalid_state', `workflow ${workflow.id} is archived`);
    const pinned = await Promise.all(body.versions.map((v, i) => pinnedVersion(this.store, workflow, v, `versions[${i}]`)));
    const expectedPaths = Object.keys(body.expected);
    body.scorers.forEach((scorer, i) => {
      const problem = scorerProblem(scorer, expectedPaths);
      if (problem)
        throw new AssayError('invalid_input', `scorers[${i}]: ${problem}`, { details: [{ path: `scorers[${i}]`, message: problem }] });
    });
    const declared = new Set(pinned.flatMap(({ definition }) => Object.keys(definition.inputs)));
    const strangers = Object.keys(body.mapping ?? {}).filter((name) => !declared.has(name));
    if (strangers.length > 0)
      throw new AssayError('invalid_input', `mapping.${strangers[0]}: is not an input of the evaluated versions`, {
        details: strangers.map((name) => ({ path: `mapping.${name}`, message: 'is not an input of the evaluated versions' })),
      });
    const rows = await this.readRows(workspaceId, body);
    const columns = new Set(rows.flatMap((row) => Object.keys(row)));
    const missing = [
      ...Object.entries(body.mapping ?? {}).map(([input, column]) => [`mapping.${input}`, column] as const),
      ...Object.entries(body.expected).map(([path, column]) => [`expected.${path}`, column] as const),
    ].filter(([, column]) => !columns.has(column));
    if (missing.length > 0)
      throw new AssayError('invalid_input', `${missing[0]![0]}: the rows have no column "${missing[0]![1]}"`, {
        details: missing.map(([path, column]) => ({ path, message: `no column "${column}"` })),
      });

    const replaySources = body.replayFrom ? await this.replaySources(workspaceId, body.replayFrom, workflow.id, rows.length) : null;
    // One batch per version; a version whose batch is refused (rows that do not fit its inputs) cancels the others.
    const batches: Record<string, string> = {};
    try {
      for (const { version, definition } of pinned) {
        const declared = Object.keys(definition.inputs);
        const mapping = Object.fromEntries(
          declared.map((name) => [name, body.mapping?.[name] ?? name] as const).filter(([, column]) => columns.has(column)),
        );
        const input: BatchInput = body.datasetId
          ? { kind: 'dataset', datasetId: body.datasetId, mapping }
          : { kind: 'json', inputs: rows.map((row) => pick(row, mapping)) };
        const batch = await this.batches.create(workspaceId, workflow.id, input, {
          version,
          concurrency: body.concurrency,
          budget: body.budget,
          replayOf: replaySources?.(version),
        });
        batches[String(version)] = batch.id;
      }
    } catch (error) {
      for (const batchId of Object.values(batches)) await this.batches.cancel(workspaceId, batchId).catch(() => undefined);
      if (error instanceof AssayError && error.details)
        throw new AssayError(error.code, `a version's runs could not be created: ${error.message}`, { details: error.details });
      throw error;
    }
    // A row's input, as scorers and the results show it: the columns every version's inputs take.
    const inputNames = [...new Set(pinned.flatMap(({ definition }) => Object.keys(definition.inputs)))];
    const inputOf = (row: Record<string, unknown>) =>
      pick(
        row,
        Object.fromEntries(inputNames.map((name) => [name, body.mapping?.[name] ?? name] as const).filter(([, c]) => columns.has(c))),
      );
    const runIds = new Map<string, string[]>();
    for (const [version, batchId] of Object.entries(batches)) runIds.set(version, await this.batchRunIds(batchId));
    const spec: EvaluationSpec = {
      versions: body.versions,
      mapping: body.mapping ?? {},
      expected: body.expected,
      scorers: body.scorers,
      concurrency: body.concurrency,
      budget: body.budget ?? null,
      source: body.datasetId ? { datasetId: body.datasetId } : { inputs: rows.length },
      replayFrom: body.replayFrom ?? null,
    };
    const created = await this.store.evaluations.create({
      workspaceId,
      workflowId: workflow.id,
      name: body.name ?? `${workflow.name}: versions ${body.versions.join(', ')}`,
      spec: spec as unknown as Record<string, unknown>,
      batches,
      rows: rows.map((row, index) => ({
        input: inputOf(row),
        expected: Object.fromEntries(Object.entries(body.expected).map(([path, column]) => [path, row[column] ?? null])),
        runIds: Object.fromEntries([...runIds].map(([version, ids]) => [version, ids[index] ?? ''])),
      })),
    });
    return this.present(created, workflow);
  }

  async get(workspaceId: string, id: string): Promise<Evaluation> {
    return this.present(await this.require(workspaceId, id));
  }

  /** A page plus one (to know whether more follow). */
  async list(workspaceId: string, query: EvaluationListQuery): Promise<Evaluation[]> {
    const records = await this.store.evaluations.list(workspaceId, { ...query, limit: query.limit + 1 });
    return Promise.all(records.map((record) => this.present(record)));
  }

  /** Rows after `query.after` in index order, one more than the page (to know whether more follow). */
  async rows(workspaceId: string, id: string, query: EvaluationRowsQuery): Promise<EvaluationRow[]> {
    const evaluation = await this.require(workspaceId, id);
    const rows = await this.store.evaluations.rows(evaluation.id, {
      after: query.after,
      limit: query.limit + 1,
      failing: query.failing === 'true',
    });
    const pending = rows.filter((row) => row.results === null).flatMap((row) => Object.values(row.runIds));
    const statuses = new Map((await this.store.evaluations.finishedRuns(pending)).map((run) => [run.id, run.status]));
    return rows.map((row) => presentRow(evaluation, row, statuses));
  }

  /** Every row as CSV (one line per row, each version's status, score and scores side by side) or JSON Lines. */
  async results(workspaceId: string, id: string, format: 'csv' | 'jsonl'): Promise<string> {
    const evaluation = await this.require(workspaceId, id);
    const spec = evaluation.spec as unknown as EvaluationSpec;
    const rows: EvaluationRow[] = [];
    for await (const row of this.store.evaluations.allRows(evaluation.id)) rows.push(presentRow(evaluation, row, new Map()));
    if (format === 'jsonl') return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
    const inputs = [...new Set(rows.flatMap((row) => Object.keys(row.input)))];
    const expected = Object.keys(spec.expected);
    const labels = scorerLabels(spec.scorers);
    const header = [
      'index',
      ...inputs.map((name) => `input.${name}`),
      ...expected.map((path) => `expected.${path}`),
      ...spec.versions.flatMap((v) => [
        `v${v}.status`,
        `v${v}.score`,
        `v${v}.passed`,
        ...labels.map((l) => `v${v}.${l}`),
        `v${v}.output`,
        `v${v}.runId`,
      ]),
    ];
    const lines = rows.map((row) => [
      row.index,
      ...inputs.map((name) => row.input[name]),
      ...expected.map((path) => row.expected[path]),
      ...row.versions.flatMap((v) => [
        v.status,
        v.score,
        v.passed,
        ...labels.map((label) => v.scores.find((s) => s.scorer === label)?.score ?? null),
        v.output,
        v.runId,
      ]),
    ]);
    return spreadsheetCsv([header, ...lines]);
  }

  /** Stops the evaluation: its batches' queued runs are cancelled (running ones finish) and it ends `cancelled`. */
  async cancel(workspaceId: string, id: string): Promise<Evaluation> {
    const evaluation = await this.require(workspaceId, id);
    if (evaluation.status !== 'running') throw new AssayError('invalid_state', `evaluation ${id} is already ${evaluation.status}`);
    await this.store.evaluations.finish(evaluation, 'cancelled', null);
    for (const batchId of Object.values(evaluation.batches)) await this.batches.cancel(workspaceId, batchId).catch(() => undefined);
    return this.get(workspaceId, id);
  }

  /**
   * Scores the rows of running evaluations whose runs have all finished, and completes those with
   * every row scored. Called by the worker's loop; any number of workers may call it at once (rows
   * are claimed). Answers whether any evaluation is still running.
   */
  async scorePending(signal: AbortSignal): Promise<boolean> {
    if (!this.scoring) throw new AssayError('internal', 'this evaluation service does not score');
    const running = await this.store.evaluations.running(20);
    for (const evaluation of running) {
      signal.throwIfAborted();
      const now = Date.now();
      const rows = await this.store.evaluations.unscored(evaluation.id, now, SCORING_PAGE);
      const finished = new Map(
        (await this.store.evaluations.finishedRuns(rows.flatMap((row) => Object.values(row.runIds)))).map((run) => [run.id, run]),
      );
      for (const row of rows) {
        if (!Object.values(row.runIds).every((runId) => finished.has(runId))) continue;
        if (!(await this.store.evaluations.claim(evaluation.id, row.index, now, now + CLAIM_MS))) continue;
        const results = await this.scoreOne(evaluation, row, finished, signal);
        await this.store.evaluations.score(
          evaluation.id,
          row.index,
          results,
          results.every((r) => r.passed === true),
        );
      }
      if ((await this.store.evaluations.unscoredCount(evaluation.id)) === 0)
        await this.store.evaluations.complete(evaluation, { status: 'completed', versions: await this.summary(evaluation) });
    }
    return running.length > 0;
  }

  private async scoreOne(
    evaluation: EvaluationRecord,
    row: EvaluationRowRecord,
    finished: Map<string, FinishedRun>,
    signal: AbortSignal,
  ): Promise<VersionResult[]> {
    const spec = evaluation.spec as unknown as EvaluationSpec;
    const labels = scorerLabels(spec.scorers);
    const results: VersionResult[] = [];
    let first: unknown;
    for (const [i, version] of spec.versions.entries()) {
      const run = finished.get(row.runIds[String(version)] ?? '') as FinishedRun;
      const base = {
        version,
        runId: run.id,
        status: run.status,
        output: run.output ?? null,
        error: run.error ? `${run.error.code}: ${run.error.message}` : null,
        latencyMs: run.startedAt !== null && run.completedAt !== null ? run.completedAt - run.startedAt : null,
        cost: run.cost,
        diff: i === 0 ? [] : fieldDiff(first ?? null, run.output ?? null),
      };
      if (i === 0) first = run.output;
      if (run.status !== 'completed') {
        const reason = `the run ${run.status}${run.error ? `: ${run.error.message}` : ''}`;
        results.push({
          ...base,
          score: 0,
          passed: false,
          scores: labels.map((scorer) => ({ scorer, score: 0, passed: false, reason })),
          judgeCost: { usd: 0, tokens: 0 },
        });
        continue;
      }
      const scored = await scoreRow(
        spec.scorers,
        { output: run.output, expected: row.expected, input: row.input },
        { ...this.scoring!, signal },
      );
      results.push({ ...base, score: scored.score, passed: scored.passed, scores: scored.scores, judgeCost: scored.judgeCost });
    }
    return results;
  }

  private async require(workspaceId: string, id: string): Promise<EvaluationRecord> {
    const evaluation = await this.store.evaluations.get(workspaceId, id);
    if (!evaluation) throw new AssayError('not_found', `evaluation ${id} not found`);
    return evaluation;
  }

  /** The rows as objects: a dataset's (at most MAX_EVALUATION_ROWS) or the given inputs. */
  private async readRows(workspaceId: string, body: CreateEvaluationBody): Promise<Array<Record<string, unknown>>> {
    if (body.inputs) return body.inputs;
    const dataset = await this.store.datasets.get(workspaceId, body.datasetId as string);
    if (!dataset)
      throw new AssayError('not_found', `dataset ${body.datasetId} not found`, { details: [{ path: 'datasetId', message: 'not found' }] });
    if (dataset.rowCount > MAX_EVALUATION_ROWS)
      throw new AssayError(
        'invalid_input',
        `datasetId: the dataset has ${dataset.rowCount} rows; an evaluation takes at most ${MAX_EVALUATION_ROWS}`,
        {
          details: [{ path: 'datasetId', message: `more than ${MAX_EVALUATION_ROWS} rows` }],
        },
      );
    const rows: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += DATASET_PAGE) {
      const page = await this.store.datasets.rows(dataset.id, { offset, limit: DATASET_PAGE });
      rows.push(...(page as Array<Record<string, unknown>>));
      if (page.length < DATASET_PAGE) break;
    }
    if (rows.length === 0)
      throw new AssayError('invalid_input', 'datasetId: the dataset has no rows', { details: [{ path: 'datasetId', message: 'no rows' }] });
    return rows;
  }

  /**
   * For an evaluation replaying an earlier one: each version's replay source per row, that
   * evaluation's run of the row on the same version (or its first version).
   */
  private async replaySources(
    workspaceId: string,
    sourceId: string,
    workflowId: string,
    rowCount: number,
  ): Promise<(version: number) => Array<string | null>> {
    const refuse = (message: string) =>
      new AssayError('invalid_input', `replayFrom: ${message}`, { details: [{ path: 'replayFrom', message }] });
    const source = await this.store.evaluations.get(workspaceId, sourceId);
    if (!source)
      throw new AssayError('not_found', `evaluation ${sourceId} not found`, { details: [{ path: 'replayFrom', message: 'not found' }] });
    if (source.workflowId !== workflowId) throw refuse('that evaluation is of another workflow');
    if (source.rowCount !== rowCount)
      throw refuse(`that evaluation has ${source.rowCount} rows, this one ${rowCount}: the rows must be the same`);
    const runIds: Array<Record<string, string>> = [];
    for await (const row of this.store.evaluations.allRows(source.id)) runIds.push(row.runIds);
    const first = String((source.spec as unknown as EvaluationSpec).versions[0]);
    return (version) => runIds.map((ids) => ids[String(version)] || ids[first] || null);
  }

  /** The batch's run ids in input order. */
  private async batchRunIds(batchId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let after = ''; ;) {
      const page = await this.store.batches.resultsPage(batchId, after, 1000);
      ids.push(...page.map((run) => run.id));
      if (page.length < 1000) return ids;
      after = page[page.length - 1]!.id;
    }
  }

  private async present(evaluation: EvaluationRecord, workflow?: WorkflowRecord): Promise<Evaluation> {
    const spec = evaluation.spec as unknown as EvaluationSpec;
    const name = (workflow ?? (await this.store.workflows.get(evaluation.workspaceId, evaluation.workflowId)))?.name ?? '';
    return {
      id: evaluation.id,
      name: evaluation.name,
      workflowId: evaluation.workflowId,
      workflowName: name,
      status: evaluation.status,
      rows: evaluation.rowCount,
      versions: await this.summary(evaluation),
      scorers: spec.scorers,
      mapping: spec.mapping,
      expected: spec.expected,
      concurrency: spec.concurrency,
      replayFrom: spec.replayFrom ?? null,
      error: evaluation.error,
      createdAt: new Date(evaluation.createdAt).toISOString(),
      completedAt: evaluation.completedAt === null ? null : new Date(evaluation.completedAt).toISOString(),
    };
  }

  /** Each version's figures: its batch's progress and cost, and the scores of the rows scored so far. */
  private async summary(evaluation: EvaluationRecord): Promise<EvaluationVersion[]> {
    const spec = evaluation.spec as unknown as EvaluationSpec;
    const labels = scorerLabels(spec.scorers);
    const perVersion = spec.versions.map(() => ({
      scored: 0,
      scoreSum: 0,
      passed: 0,
      latencies: [] as number[],
      judgeCost: { usd: 0, tokens: 0 },
      scorers: labels.map(() => ({ sum: 0, passed: 0, n: 0 })),
    }));
    for await (const row of this.store.evaluations.allRows(evaluation.id)) {
      if (!row.results) continue;
      (row.results as VersionResult[]).forEach((result, i) => {
        const figures = perVersion[i];
        if (!figures) return;
        figures.scored++;
        figures.scoreSum += result.score ?? 0;
        if (result.passed) figures.passed++;
        if (result.latencyMs !== null) figures.latencies.push(result.latencyMs);
        figures.judgeCost.usd += result.judgeCost.usd;
        figures.judgeCost.tokens += result.judgeCost.tokens;
        result.scores.forEach((s, j) => {
          const scorer = figures.scorers[j];
          if (!scorer) return;
          scorer.n++;
          scorer.sum += s.score;
          if (s.passed) scorer.passed++;
        });
      });
    }
    return Promise.all(
      spec.versions.map(async (version, i) => {
        const figures = perVersion[i]!;
        const batchId = evaluation.batches[String(version)] ?? '';
        const batch = await this.batches.get(evaluation.workspaceId, batchId).catch(() => null);
        const ratio = (n: number, of: number) => (of === 0 ? null : n / of);
        return {
          version,
          batchId,
          score: ratio(figures.scoreSum, figures.scored),
          passRate: ratio(figures.passed, figures.scored),
          runs: {
            total: batch?.total ?? evaluation.rowCount,
            completed: batch?.counts.completed ?? 0,
            failed: (batch?.counts.failed ?? 0) + (batch?.counts.cancelled ?? 0),
          },
          scored: figures.scored,
          cost: batch?.cost ?? { usd: 0, tokens: 0 },
          judgeCost: figures.judgeCost,
          latencyMs:
            figures.latencies.length > 0 ? { p50: percentile(figures.latencies, 0.5), p95: percentile(figures.latencies, 0.95) } : null,
          scorers: labels.map((scorer, j) => ({
            scorer,
            score: ratio(figures.scorers[j]!.sum, figures.scorers[j]!.n),
            passRate: ratio(figures.scorers[j]!.passed, figures.scorers[j]!.n),
          })),
        };
      }),
    );
  }
}

/** A row as the API shows it: scored, or each version's run and its status so far. */
function presentRow(evaluation: EvaluationRecord, row: EvaluationRowRecord, statuses: Map<string, string>): EvaluationRow {
  const spec = evaluation.spec as unknown as EvaluationSpec;
  const versions = row.results
    ? (row.results as VersionResult[]).map(({ judgeCost: _judgeCost, ...result }) => result)
    : spec.versions.map((version) => {
        const runId = row.runIds[String(version)] || null;
        return {
          version,
          runId,
          status: (runId && statuses.get(runId)) || 'pending',
          output: null,
          error: null,
          score: null,
          passed: null,
          scores: [],
          latencyMs: null,
          cost: { usd: 0, tokens: 0 },
          diff: [],
        };
      });
  return { index: row.index, input: row.input, expected: row.expected, versions };
}

/** The `mapping`'s columns of a row, under the inputs' names. */
function pick(row: Record<string, unknown>, mapping: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(mapping).map(([name, column]) => [name, row[column]]));
}

/** The nearest-rank percentile of some numbers. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
