import { AssayError, toAssayError, type RunError, type WaitReason } from '@assay/schema';
import type { CompiledWorkflow } from '../compile/compile-workflow';
import { evaluateExpression } from '../expressions/jsonata';
import { resolveTemplates } from '../expressions/templates';
import type {
  ArtifactWriter,
  ClaimedRun,
  Clock,
  CredentialReader,
  Lease,
  Logger,
  RunCost,
  RunEvent,
  RunSpent,
  RunStore,
  StepRecord,
  TimerHandle,
} from '../ports';
import { decide, EXTRA_ATTEMPTS_AFTER_CRASH } from '../scheduling/decide';
import { RunStopped, sleep, stopReason } from './abort';
import { createRunScope, updateScope, type RunScope } from './run-scope';
import { checkSize, executeAttempt } from './step-attempt';
import { crashIfTarget, crashTarget } from './crash-points';
import { createSubgraphRunner } from './subgraph';
import type { StepCache } from './step-cache';
import type { ItemCheckpoints, StepRegistry, SubgraphRunner } from '../step-type';
import { lazyChild } from './lazy-logger';
import { SecretScrubber } from './redaction';
import { RunBudget, type SpendEvent } from './run-budget';
import { context, ROOT_CONTEXT, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/** Spans of runs and step attempts (no-ops unless the process registered a tracer provider). */
const tracer = trace.getTracer('assay-engine');

/** Everything a run execution needs from the engine around it. */
export interface RunExecutorDeps {
  store: RunStore;
  clock: Clock;
  logger: Logger;
  workerId: string;
  /** Timers nearer than this are slept through in process; later ones park the run durably. */
  parkThresholdMs: number;
  /** The run's compiled definition: its version's, or a draft run's own (narrowed to the steps it executes). */
  loadWorkflow(run: ClaimedRun): Promise<CompiledWorkflow>;
  /** For sub-graphs (map items). */
  registry: StepRegistry;
  /** Visible to templates and expressions as `assay`. */
  environment: Record<string, unknown>;
  credentials(workspaceId: string): CredentialReader;
  artifacts(run: ClaimedRun): ArtifactWriter;
  emit(event: RunEvent): void;
  /** Step caching, shared by every run of the process (concurrent executions of one key wait for the first). */
  cache: StepCache;
  /** Record spans of runs and steps (a tracer provider is registered); off, they cost nothing. */
  tracing?: boolean;
  /** A model call was made (for metrics). */
  onSpend?(event: SpendEvent): void;
}

/**
 * Carries one claimed run forward from its checkpoints until it finishes, parks on a timer, or is
 * stopped (cancel, lease loss, run timeout, shutdown). Every step result is checkpointed before the
 * run advances past it.
 */
export async function executeRun(run: ClaimedRun, controller: AbortController, deps: RunExecutorDeps): Promise<void> {
  if (!deps.tracing) return new RunExecution(run, controller, deps, null).start();
  // One span per execution (a resumed run gets another), the root of its own trace: a worker loop
  // claimed the run, so whatever context is active here (another run's, a request's that woke the
  // loop) is not its parent. The creating request is not linked: the run record keeps no trace context.
  const span = tracer.startSpan('run', { root: true });
  if (span.isRecording())
    span.setAttributes({
      'assay.run.id': run.id,
      'assay.workflow.id': run.workflowId,
      'assay.workflow.version': run.workflowVersion,
      'assay.workspace.id': run.workspaceId,
    });
  try {
    await context.with(trace.setSpan(ROOT_CONTEXT, span), () => new RunExecution(run, controller, deps, span).start());
  } finally {
    span.end();
  }
}

class RunExecution {
  private workflow!: CompiledWorkflow;
  private records = new Map<string, StepRecord>();
  private scope!: RunScope;
  private inFlight = new Map<string, Promise<void>>();
  private readonly lease: Lease;
  private readonly logger: Logger;
  /** Set when a checkpoint write was refused: another party (cancel, another worker) owns the run now. */
  private leaseLost = false;
  /** Credential values read by this run's steps, kept out of everything it records. */
  private readonly secrets = new SecretScrubber();
  /** The run's spending on model calls (created with its step records). */
  private budget!: RunBudget;
  /** The cost the store holds for the run (what the next park or end reports the difference from). */
  private storedCost: RunSpent;
  /** A replay's source run's completed steps, by id. */
  private readonly replayed = new Map<string, StepRecord>();

  constructor(
    private readonly run: ClaimedRun,
    private readonly controller: AbortController,
    private readonly deps: RunExecutorDeps,
    /** This execution's span when tracing is on (step spans are its children), else null. */
    private readonly span: Span | null,
  ) {
    this.lease = {
      runId: run.id,
      workerId: deps.workerId,
      workspaceId: run.workspaceId,
      workflowId: run.workflowId,
      batchId: run.batchId ?? null,
    };
    this.logger = lazyChild(deps.logger, { runId: run.id });
    this.storedCost = run.cost ?? { usd: 0, tokens: 0 };
  }

  async start(): Promise<void> {
    const { deps, run } = this;
    let deadlineTimer: TimerHandle | null = null;
    if (crashTarget !== null) crashIfTarget('after-claim', null);
    try {
      this.workflow = await deps.loadWorkflow(run);
      const timeoutMs = this.workflow.definition.timeoutMs;
      if (timeoutMs !== undefined) {
        const left = run.startedAt + timeoutMs - deps.clock.now();
        deadlineTimer = deps.clock.setTimer(Math.max(0, left), () => this.controller.abort(new RunStopped('run_timeout')));
      }
      for (const record of await deps.store.loadStepRecords(run.id)) this.records.set(record.stepId, record);
      if (run.replayOf)
        for (const record of await deps.store.loadStepRecords(run.replayOf))
          if (record.status === 'completed') this.replayed.set(record.stepId, record);
      this.budget = new RunBudget(run.budget ?? null, this.records.values(), (stop) => this.controller.abort(stop), deps.onSpend);
      this.scope = createRunScope(run, this.workflow, this.records.values(), deps.environment);
      await this.loop();
    } catch (error) {
      await this.onStopped(error);
    } finally {
      if (deadlineTimer !== null) deps.clock.clearTimer(deadlineTimer);
    }
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private async loop(): Promise<void> {
    for (;;) {
      if (this.signal.aborted) throw this.signal.reason;
      if (this.leaseLost) return;
      const now = this.deps.clock.now();
      const decision = decide(this.workflow, this.records, new Set(this.inFlight.keys()), now);
      if (decision.failed)
        return this.fail(decision.failed.error ?? { code: 'step_failed', message: 'step failed', stepId: decision.failed.stepId });
      if (decision.done) return this.complete();

      let progressed = false;
      for (const id of decision.skip) progressed = (await this.settle(this.skippedRecord(id, now))) || progressed;
      for (const id of decision.wake) progressed = (await this.settle(this.wokenRecord(id, now))) || progressed;
      for (const id of decision.start) progressed = (await this.launch(id)) || progressed;
      if (this.leaseLost) return;
      if (progressed) continue;

      if (this.inFlight.size === 0) {
        if (decision.nextTimerAt === null) return this.fail({ code: 'internal', message: 'run cannot make progress', stepId: null });
        const delay = decision.nextTimerAt - now;
        if (delay > this.deps.parkThresholdMs) return this.park(decision.nextTimerAt);
        await sleep(this.deps.clock, delay, this.signal);
        continue;
      }
      const waits: Promise<unknown>[] = [...this.inFlight.values()];
      if (decision.nextTimerAt !== null) waits.push(sleep(this.deps.clock, decision.nextTimerAt - now, this.signal));
      await Promise.race(waits);
    }
  }

  /** Starts a step, or records it skipped when its `if` is false. Returns true if state changed now. */
  private async launch(id: string): Promise<boolean> {
    const step = this.workflow.steps.get(id);
    if (!step) return false;
    const previous = this.records.get(id);
    const condition = step.definition.if;
    if (condition !== undefined && previous === undefined) {
      let value: unknown;
      try {
        value = await evaluateExpression(condition, this.scope, `steps.${id}.if`, { signal: this.signal });
      } catch (error) {
        const e = toAssayError(error, 'step_failed');
        return this.settle({
          ...this.emptyRecord(id),
          status: 'failed',
          attempts: 1,
          completedAt: this.deps.clock.now(),
          error: { code: e.code, message: e.message, stepId: id },
        });
      }
      if (!value) return this.settle(this.skippedRecord(id, this.deps.clock.now()));
    }
    const interrupted = previous?.status === 'running' && previous.wakeAt === null;
    // A suspended step executing again (to check on what it waits for) is the same attempt.
    const attempt = previous?.suspended ? previous.attempts : (previous?.attempts ?? 0) + 1;
    if (interrupted && attempt > step.retry.maxAttempts + EXTRA_ATTEMPTS_AFTER_CRASH) {
      const message = `step "${id}" was interrupted ${previous.attempts} times (its process died each time)`;
      return this.settle({
        ...previous,
        status: 'failed',
        completedAt: this.deps.clock.now(),
        error: { code: 'step_failed', message, stepId: id },
      });
    }
    const startedAt = this.deps.clock.now();
    // The start marker need not be durable before the step runs (a crash before it is written just
    // means the step runs again). It is not awaited: the store applies one step's writes in call
    // order, and a result that arrives while the start is still queued replaces it (one write).
    const started: StepRecord = { ...this.emptyRecord(id), status: 'running', attempts: attempt, startedAt };
    this.records.set(id, started);
    void this.deps.store.recordStep(this.lease, started).catch((error: unknown) => {
      this.logger.warn({ err: error, stepId: id }, 'could not record step start');
    });
    const logger = this.secrets.logger(lazyChild(this.logger, { stepId: id }));
    const credentials = this.secrets.wrap(this.deps.credentials(this.run.workspaceId));
    const artifacts = this.deps.artifacts(this.run);
    const traced = this.span ? this.startStepSpan(this.span, id, step.definition.type, attempt) : null;
    const span = traced?.span ?? null;
    // The step runs with its span active: outbound requests it makes carry its trace context.
    const attemptIt = () =>
      executeAttempt({
        run: this.run,
        step,
        attempt,
        scope: this.scope,
        runSignal: this.signal,
        previous,
        clock: this.deps.clock,
        logger,
        credentials,
        artifacts,
        items: this.itemCheckpoints(id),
        subgraph: this.subgraph(logger, credentials, artifacts),
        scrub: (value) => this.secrets.scrub(value),
        cache: this.deps.cache,
        budget: this.budget,
        replayed: this.replayed.get(id),
      });
    const task = (traced ? context.with(traced.context, attemptIt) : attemptIt())
      .then(async (record) => {
        if (span) endStepSpan(span, record);
        try {
          await this.settle(record);
        } catch (error) {
          // The result could not be recorded (e.g. an output too deeply nested to store): that is the
          // step's failure, not a crash to retry as if its process had died.
          if (this.signal.aborted) return;
          const message = `could not record the step's result: ${error instanceof Error ? error.message : String(error)}`;
          await this.settle({
            ...record,
            status: 'failed',
            output: null,
            completedAt: this.deps.clock.now(),
            error: { code: 'step_failed', message, stepId: id },
          });
        }
      })
      .catch((error: unknown) => {
        // A run stop: the loop sees the aborted signal and handles it.
        if (span?.isRecording())
          span.setAttribute('assay.step.status', 'stopped').recordException(error instanceof Error ? error : String(error));
        span?.end();
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, task);
    return false;
  }

  /** A span of one step attempt, a child of the run's span, and the context it is active in. */
  private startStepSpan(runSpan: Span, id: string, type: string, attempt: number): { span: Span; context: Context } {
    const runContext = trace.setSpan(ROOT_CONTEXT, runSpan);
    const span = tracer.startSpan(
      `step ${id}`,
      { attributes: { 'assay.step.id': id, 'assay.step.type': type, 'assay.step.attempt': attempt } },
      runContext,
    );
    return { span, context: trace.setSpan(runContext, span) };
  }

  /** A sub-graph runner, built only by steps that run one (most never do). */
  private subgraph(logger: Logger, credentials: CredentialReader, artifacts: ArtifactWriter): SubgraphRunner {
    let runner: SubgraphRunner | null = null;
    return {
      run: (steps, scope, signal, instance) =>
        (runner ??= createSubgraphRunner({
          registry: this.deps.registry,
          clock: this.deps.clock,
          logger,
          credentials,
          artifacts,
          run: this.run,
          scrub: (value) => this.secrets.scrub(value),
          cache: this.deps.cache,
          budget: this.budget,
        })).run(steps, scope, signal, instance),
    };
  }

  /** Item checkpoints of one step, written under this run's lease (and scrubbed of secrets). */
  private itemCheckpoints(stepId: string): ItemCheckpoints {
    return {
      load: () => this.deps.store.loadItems(this.run.id, stepId),
      save: async (index, result, event) => {
        checkSize(result.output, `steps.${stepId}`, `the output of item ${index}`);
        const scrubbed = event && this.secrets.scrub(event);
        this.heldLease(await this.deps.store.recordItem(this.lease, stepId, index, this.secrets.scrub(result), scrubbed));
      },
      announce: async (event) => this.heldLease(await this.deps.store.recordStepEvent(this.lease, stepId, this.secrets.scrub(event))),
    };
  }

  /** A write under the lease was refused: another party owns the run now, so this execution stops. */
  private heldLease(accepted: boolean): void {
    if (accepted) return;
    this.leaseLost = true;
    throw new RunStopped('lease_lost');
  }

  /** Checkpoints a step record, then makes it visible to the run. Returns false if the lease is gone. */
  private async settle(recorded: StepRecord): Promise<boolean> {
    const record = this.secrets.scrubRecord(recorded);
    const outcome = record.status !== 'running' && record.status !== 'pending';
    if (crashTarget !== null && outcome) crashIfTarget('before-step-commit', record.stepId);
    const accepted = await this.deps.store.recordStep(this.lease, record);
    if (!accepted) {
      this.leaseLost = true;
      return false;
    }
    // recordStep answers after the group transaction committed: the outcome is durable here.
    if (crashTarget !== null && outcome) crashIfTarget('after-step-commit', record.stepId);
    this.records.set(record.stepId, record);
    updateScope(this.scope, record);
    if (record.status !== 'running' && record.status !== 'pending') {
      const durationMs = record.startedAt !== null && record.completedAt !== null ? record.completedAt - record.startedAt : undefined;
      this.deps.emit({
        type: `step.${record.status}`,
        runId: this.run.id,
        workspaceId: this.run.workspaceId,
        stepId: record.stepId,
        stepType: record.type,
        stepStatus: record.status,
        durationMs,
      });
    }
    return true;
  }

  private emptyRecord(id: string): StepRecord {
    const type = this.workflow.steps.get(id)?.definition.type ?? 'unknown';
    return {
      stepId: id,
      type,
      status: 'pending',
      attempts: 0,
      startedAt: null,
      completedAt: null,
      config: null,
      output: null,
      error: null,
      usage: null,
      wakeAt: null,
    };
  }

  private skippedRecord(id: string, now: number): StepRecord {
    return { ...this.emptyRecord(id), status: 'skipped', completedAt: now };
  }

  private wokenRecord(id: string, now: number): StepRecord {
    const record = this.records.get(id) as StepRecord;
    return { ...record, status: 'completed', completedAt: now, wakeAt: null };
  }

  private async complete(): Promise<void> {
    let output: unknown;
    try {
      output = this.workflow.definition.output
        ? await resolveTemplates(this.workflow.definition.output, this.scope, 'output', [], { signal: this.signal })
        : this.defaultOutput();
      checkSize(output, 'output', "the run's output");
    } catch (error) {
      if (this.signal.aborted) throw this.signal.reason;
      const e = toAssayError(error, 'template_error');
      return this.fail({ code: e.code, message: e.message, stepId: null });
    }
    await this.finish({ status: 'completed', output, completedAt: this.deps.clock.now() });
  }

  /** Without an output mapping, a run's output is its last step's output. */
  private defaultOutput(): unknown {
    const last = this.workflow.order[this.workflow.order.length - 1];
    return last === undefined ? null : (this.records.get(last)?.output ?? null);
  }

  private async fail(error: RunError): Promise<void> {
    if (this.inFlight.size > 0) {
      // Other branches are still executing: stop them before the run is recorded as failed.
      this.controller.abort(new RunStopped('cancelled'));
      await Promise.allSettled(this.inFlight.values());
    }
    await this.finish({ status: 'failed', error, completedAt: this.deps.clock.now() });
  }

  private async finish(result: Parameters<RunStore['finishRun']>[1]): Promise<void> {
    if (this.span?.isRecording()) {
      this.span.setAttribute('assay.run.status', result.status);
      if (result.status === 'failed')
        this.span.setStatus({ code: SpanStatusCode.ERROR, message: `${result.error.code}: ${result.error.message}` });
    }
    const accepted = await this.deps.store.finishRun(this.lease, { ...result, cost: this.cost() });
    if (accepted)
      this.deps.emit({ type: `run.${result.status}`, runId: this.run.id, workspaceId: this.run.workspaceId, status: result.status });
  }

  private async park(wakeAt: number): Promise<void> {
    this.span?.setAttribute('assay.run.status', 'waiting');
    const reason = this.waitReason();
    if (await this.deps.store.parkRun(this.lease, wakeAt, { reason, cost: this.cost() })) {
      this.deps.emit({ type: 'run.waiting', runId: this.run.id, workspaceId: this.run.workspaceId, status: 'waiting', reason });
    }
  }

  /** Why the run parks: a suspended step waiting for a person outranks one waiting for a system, which outranks a timer. */
  private waitReason(): WaitReason {
    let reason: WaitReason = 'timer';
    for (const record of this.records.values()) {
      if (!record.suspended || record.status !== 'running') continue;
      const waitsFor = this.workflow.steps.get(record.stepId)?.type.waitsFor;
      if (waitsFor === 'approval') return 'approval';
      if (waitsFor === 'signal') reason = 'signal';
    }
    return reason;
  }

  /**
   * A model call would cross the run's budget: the steps that were executing become pending again
   * (the same attempt when they resume: an agent resumes after its checkpointed turns), and the run
   * parks with no due time, holding no worker, until its budget is raised.
   */
  private async parkOverBudget(): Promise<void> {
    const message = this.budget.exceeded ?? "the run's budget is exceeded";
    for (const record of this.records.values()) {
      if (record.status !== 'running' || record.wakeAt !== null || record.suspended) continue;
      const error = { code: 'budget_exceeded', message, stepId: record.stepId };
      if (!(await this.settle({ ...record, status: 'pending', attempts: Math.max(0, record.attempts - 1), error }))) return;
    }
    this.span?.setAttribute('assay.run.status', 'waiting');
    if (
      await this.deps.store.parkRun(this.lease, null, { reason: 'budget_exceeded', cost: this.cost(), budget: this.run.budget ?? null })
    ) {
      this.logger.info({ reason: message }, 'run parked over its budget');
      this.deps.emit({
        type: 'run.waiting',
        runId: this.run.id,
        workspaceId: this.run.workspaceId,
        status: 'waiting',
        reason: 'budget_exceeded',
      });
    }
  }

  /** The run's cost to write now, and what the store held before (it only ever grows). */
  private cost(): RunCost {
    const spent = this.budget?.spent ?? this.storedCost;
    const previous = this.storedCost;
    const now = { usd: Math.max(spent.usd, previous.usd), tokens: Math.max(spent.tokens, previous.tokens) };
    this.storedCost = now;
    return { spent: now, previous };
  }

  /** A stop from outside, or an unexpected failure of the engine itself (e.g. the database). */
  private async onStopped(error: unknown): Promise<void> {
    const reason = error instanceof RunStopped ? error.reason : stopReason(this.signal);
    await Promise.allSettled(this.inFlight.values());
    if (reason === 'run_timeout') {
      const message = `run exceeded its timeout of ${this.workflow.definition.timeoutMs} ms`;
      await this.finish({ status: 'failed', error: { code: 'run_timeout', message, stepId: null }, completedAt: this.deps.clock.now() });
      return;
    }
    if (reason === 'shutdown') {
      await this.deps.store.parkRun(this.lease, this.deps.clock.now(), { reason: 'timer', cost: this.cost() });
      return;
    }
    if (reason === 'budget_exceeded') return this.parkOverBudget();
    if (reason === 'cancelled' || reason === 'lease_lost') return; // whoever stopped it recorded the outcome
    if (error instanceof AssayError && (error.code === 'invalid_input' || error.code === 'not_found')) {
      await this.finish({
        status: 'failed',
        error: { code: error.code, message: error.message, stepId: null },
        completedAt: this.deps.clock.now(),
      });
      return;
    }
    // Infrastructure failure: leave the lease to expire so this or another worker resumes the run.
    this.logger.error({ err: error }, 'run execution failed; it will resume when its lease expires');
  }
}

/** Ends a step attempt's span with the attempt's outcome. */
function endStepSpan(span: Span, record: StepRecord): void {
  if (span.isRecording()) {
    span.setAttribute('assay.step.status', record.status);
    if (record.error) {
      // A failed attempt (retried or final): the step's error, as the run records it.
      span.recordException({ name: record.error.code, message: record.error.message });
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${record.error.code}: ${record.error.message}` });
    }
  }
  span.end();
}
