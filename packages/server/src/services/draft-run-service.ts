import { compileWorkflow, jsonSize, limits, upstreamSteps, type CompiledWorkflow, type Engine } from '@assay/engine';
import {
  AssayError,
  invalidInput,
  LATEST_OUTPUT_RUNS,
  MAX_UNFINISHED_DRAFT_RUNS,
  type CreateDraftRunBody,
  type DraftRun,
  type LatestOutputs,
  type WorkflowSample,
  type WorkflowSampleBody,
} from '@assay/schema';
import type { ProvidedOutput, RunRecord, SampleRecord, Store } from '@assay/store';
import { presentRun } from './presenters';
import { validateRunInput } from './run-input';
import type { RunService } from './run-service';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Draft runs: "Test step" and "Run to here" on the editor's unsaved definition, executed by the
 * normal engine but kept apart (no version saved, no run list, no event delivery); the workflow's
 * pinned sample; and the latest output of each step.
 */
export class DraftRunService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly runs: RunService,
  ) {}

  /**
   * Queues a draft run of `body.definition` (checked like a save, paths under `definition`).
   * `upstream` mode executes the target and everything it depends on; `step` mode executes only the
   * target, its dependencies completed with the outputs found for them (see `dependencyOutputs`).
   */
  async create(workspaceId: string, workflowId: string, body: CreateDraftRunBody): Promise<RunRecord> {
    const workflow = await this.store.workflows.get(workspaceId, workflowId);
    if (!workflow) throw new AssayError('not_found', `workflow ${workflowId} not found`);
    if (workflow.archivedAt !== null) throw new AssayError('invalid_state', `workflow ${workflowId} is archived`);
    const compiled = this.compile(body);
    if (!compiled.steps.has(body.target)) throw invalidInput('target', `"${body.target}" is not a step of the definition`);
    for (const [stepId, output] of Object.entries(body.upstream ?? {})) checkOutputSize(`upstream.${stepId}`, output);
    const sample = await this.store.drafts.sample(workspaceId, workflowId);
    const input = validateRunInput(compiled.definition.inputs, body.input ?? sample?.input ?? {});
    const executes = body.mode === 'upstream' ? upstreamSteps(compiled, body.target) : [body.target];
    const provided = body.mode === 'step' ? await this.dependencyOutputs(workspaceId, workflowId, compiled, body, sample) : {};
    const creating = this.store.drafts.create({
      workspaceId,
      workflowId,
      workflowVersion: workflow.version,
      input,
      budget: compiled.definition.budget ?? null,
      definition: compiled.definition,
      target: body.target,
      mode: body.mode,
      executes,
      provided,
      maxUnfinished: MAX_UNFINISHED_DRAFT_RUNS,
    });
    // Asked in the same turn, this process's claim joins the transaction that creates the run.
    this.engine.notifyCreating();
    const created = await creating;
    if ('unfinished' in created)
      throw new AssayError(
        'rate_limited',
        `this workspace already has ${created.unfinished} unfinished draft runs (at most ${MAX_UNFINISHED_DRAFT_RUNS}); wait for one to finish or cancel one`,
        { retryAfterMs: 1000 },
      );
    this.engine.notify();
    return created.run;
  }

  /** A draft run with the steps it involves, or a 404 (also for a production run's id). */
  async get(workspaceId: string, runId: string): Promise<DraftRun> {
    const [found, draft] = await Promise.all([
      this.store.runs.getWithDetails(workspaceId, runId),
      this.store.drafts.get(workspaceId, runId),
    ]);
    if (!found || !found.run.draft || !draft) throw new AssayError('not_found', `draft run ${runId} not found`);
    const { run, steps, files: artifacts } = found;
    const involved = new Set([...draft.executes, ...Object.keys(draft.provided)]);
    // Only the steps it executes or was given outputs for: the others are no part of it.
    const shown = { ...draft.definition, steps: draft.definition.steps.filter((step) => involved.has(step.id)) };
    return {
      ...presentRun(run, steps, shown, artifacts),
      draft: true,
      target: draft.target,
      mode: draft.mode,
      executes: draft.executes,
      provided: draft.provided,
      definition: draft.definition,
    };
  }

  /** Cancels an unfinished draft run; 404 for another id, 409 once it finished. */
  async cancel(workspaceId: string, runId: string): Promise<DraftRun> {
    await this.runs.cancel(workspaceId, runId, true);
    return this.get(workspaceId, runId);
  }

  /** Resolves when the draft run finished or `seconds` passed. */
  waitForTerminal(run: RunRecord, seconds: number): Promise<void> {
    return this.runs.waitForTerminal(run, seconds);
  }

  /** The workflow's pinned sample (empty when none was pinned). */
  async sample(workspaceId: string, workflowId: string): Promise<WorkflowSample> {
    await this.requireWorkflow(workspaceId, workflowId);
    const sample = await this.store.drafts.sample(workspaceId, workflowId);
    return sample ? presentSample(sample) : { input: {}, outputs: {}, updatedAt: null };
  }

  /** Pins the workflow's sample input and step outputs (each output within the output size limit). */
  async pinSample(workspaceId: string, workflowId: string, body: WorkflowSampleBody): Promise<WorkflowSample> {
    await this.requireWorkflow(workspaceId, workflowId);
    checkOutputSize('input', body.input);
    for (const [stepId, output] of Object.entries(body.outputs ?? {})) checkOutputSize(`outputs.${stepId}`, output);
    return presentSample(await this.store.drafts.pinSample(workspaceId, workflowId, { input: body.input, outputs: body.outputs ?? {} }));
  }

  /** Each step's newest completed or failed record among the workflow's newest runs, draft or production. */
  async latestOutputs(workspaceId: string, workflowId: string): Promise<LatestOutputs> {
    await this.requireWorkflow(workspaceId, workflowId);
    const records = await this.store.drafts.latestOutputs(workspaceId, workflowId, LATEST_OUTPUT_RUNS);
    return {
      steps: Object.fromEntries(
        records.map((r) => [
          r.stepId,
          { output: r.output, status: r.status, error: r.error, runId: r.runId, draft: r.draft, finishedAt: iso(r.finishedAt) },
        ]),
      ),
    };
  }

  /** The draft checked as a save checks a definition, its problems named under `definition`. */
  private compile(body: CreateDraftRunBody): CompiledWorkflow {
    try {
      return compileWorkflow(body.definition, this.engine.registry, { checkScope: true });
    } catch (error) {
      if (!(error instanceof AssayError) || error.code !== 'invalid_input') throw error;
      const details = (error.details ?? []).map((d) => ({ ...d, path: `definition.${d.path}` }));
      const first = details[0];
      throw new AssayError('invalid_input', first ? `${first.path}: ${first.message}` : `definition: ${error.message}`, { details });
    }
  }

  /**
   * `mode: "step"`: an output for each step the target depends on, tried in this order: `upstream`,
   * the pinned sample's outputs, the run `fromRunId`, the step's latest completed output (a draft or
   * production run, newest first). A dependency without any is a 400 naming it.
   */
  private async dependencyOutputs(
    workspaceId: string,
    workflowId: string,
    compiled: CompiledWorkflow,
    body: CreateDraftRunBody,
    sample: SampleRecord | null,
  ): Promise<Record<string, ProvidedOutput>> {
    const fromRun = body.fromRunId === undefined ? null : await this.completedOutputs(workspaceId, workflowId, body.fromRunId);
    let latest: Map<string, { output: unknown; runId: string }> | null = null;
    const provided: Record<string, ProvidedOutput> = {};
    for (const stepId of compiled.steps.get(body.target)?.dependencies ?? []) {
      const type = compiled.steps.get(stepId)?.definition.type ?? 'unknown';
      if (body.upstream && Object.hasOwn(body.upstream, stepId)) {
        provided[stepId] = { source: 'upstream', runId: null, output: body.upstream[stepId], type };
        continue;
      }
      if (sample && Object.hasOwn(sample.outputs, stepId)) {
        provided[stepId] = { source: 'sample', runId: null, output: sample.outputs[stepId], type };
        continue;
      }
      if (fromRun?.outputs.has(stepId)) {
        provided[stepId] = { source: 'run', runId: fromRun.runId, output: fromRun.outputs.get(stepId), type };
        continue;
      }
      latest ??= await this.latestCompleted(workspaceId, workflowId);
      const found = latest.get(stepId);
      if (!found) throw invalidInput(`upstream.${stepId}`, `steps.${stepId} has no output yet: run to here first or pin one`);
      provided[stepId] = { source: 'latest', runId: found.runId, output: found.output, type };
    }
    return provided;
  }

  /** The completed steps' outputs of a run of this workflow (a 400 naming `fromRunId` for any other id). */
  private async completedOutputs(workspaceId: string, workflowId: string, runId: string) {
    const run = await this.store.runs.get(workspaceId, runId);
    if (!run || run.workflowId !== workflowId) throw invalidInput('fromRunId', `no run ${runId} of this workflow`);
    const steps = await this.store.runs.steps(run.id);
    return { runId: run.id, outputs: new Map(steps.filter((s) => s.status === 'completed').map((s) => [s.stepId, s.output])) };
  }

  private async latestCompleted(workspaceId: string, workflowId: string): Promise<Map<string, { output: unknown; runId: string }>> {
    const records = await this.store.drafts.latestOutputs(workspaceId, workflowId, LATEST_OUTPUT_RUNS, ['completed']);
    return new Map(records.map((r) => [r.stepId, { output: r.output, runId: r.runId }]));
  }

  private async requireWorkflow(workspaceId: string, workflowId: string): Promise<void> {
    if (!(await this.store.workflows.get(workspaceId, workflowId))) throw new AssayError('not_found', `workflow ${workflowId} not found`);
  }
}

/** Refuses a value larger than a step output may be (ASSAY_MAX_OUTPUT_BYTES), naming its field. */
function checkOutputSize(path: string, value: unknown): void {
  const max = limits().maxOutputBytes;
  if (jsonSize(value, max) > max)
    throw invalidInput(path, `is more than ${max.toLocaleString('en-US')} bytes of JSON (ASSAY_MAX_OUTPUT_BYTES)`);
}

function presentSample(sample: SampleRecord): WorkflowSample {
  return { input: sample.input, outputs: sample.outputs, updatedAt: iso(sample.updatedAt) };
}
