import { EventEmitter } from 'node:events';
import type { WorkflowDefinition } from '@assay/schema';
import { compileWorkflow, type CompiledWorkflow } from './compile/compile-workflow';
import type { StopReason } from './execution/abort';
import { crashTarget } from './execution/crash-points';
import { executeRun } from './execution/run-executor';
import { withTimers, type TimeSource } from './clock';
import type { ArtifactWriter, ClaimedRun, Clock, CredentialReader, EngineEventMap, Logger, RunEvent, RunStore } from './ports';
import type { StepRegistry } from './step-type';
import { WorkerPool } from './workers/worker-pool';
import { StepCache } from './execution/step-cache';
import { restrictWorkflow } from './execution/draft-workflow';

export interface EngineOptions {
  store: RunStore;
  registry: StepRegistry;
  /**
   * Time and the timers of runs (default: `systemClock`). A clock with only `now()` gets real timers.
   * A clock with a time of its own (a `VirtualClock`) also wakes the runs this engine parks.
   */
  clock?: Clock | TimeSource;
  logger: Logger;
  /** Unique per process: leases are held in its name. */
  workerId: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  parkThresholdMs: number;
  credentials(workspaceId: string): CredentialReader;
  artifacts(run: ClaimedRun): ArtifactWriter;
  /** Facts about this installation templates and expressions may use as `assay` (e.g. `assay.ai.defaultModel`). */
  environment?: Record<string, unknown>;
  /** Record spans of runs and steps (the process registered a tracer provider). */
  tracing?: boolean;
}

/** Compiled definitions cached per (workflow, version): versions are immutable. */
const MAX_CACHED_WORKFLOWS = 1000;

/**
 * The engine: validates definitions against the step registry, and executes runs from the store
 * with a pool of in-process workers. Says what happens on `events` (typed by `EngineEventMap`).
 */
export class Engine {
  readonly events = new EventEmitter<EngineEventMap>();
  private readonly pool: WorkerPool;
  private readonly compiled = new Map<string, Promise<CompiledWorkflow>>();
  private readonly clock: Clock;

  constructor(private readonly options: EngineOptions) {
    this.events.setMaxListeners(0);
    if (crashTarget !== null)
      options.logger.warn({ crashAt: crashTarget }, 'ASSAY_CRASH_AT is set: this process kills itself (SIGKILL) at that crash point');
    // The pool sleeps until parked runs are due on this clock too, so a clock whose time moves by
    // itself (tests) wakes them as the system clock does.
    const clock = (this.clock = withTimers(options.clock));
    const cache = new StepCache(options.store, clock);
    this.pool = new WorkerPool({
      store: options.store,
      clock,
      logger: options.logger,
      workerId: options.workerId,
      concurrency: options.concurrency,
      leaseMs: options.leaseMs,
      pollMs: options.pollMs,
      onLeaseRecovery: (count) => this.events.emit('lease.recovered', count),
      onClaim: (count) => this.events.emit('runs.claimed', count),
      execute: (run, controller) =>
        executeRun(run, controller, {
          store: options.store,
          clock,
          logger: options.logger,
          workerId: options.workerId,
          parkThresholdMs: options.parkThresholdMs,
          loadWorkflow: (run) => this.loadWorkflow(run),
          registry: options.registry,
          environment: options.environment ?? {},
          credentials: options.credentials,
          artifacts: options.artifacts,
          emit: (event) => this.events.emit('run', event),
          cache,
          tracing: options.tracing,
          onSpend: (event) => this.events.emit('ai.spent', event),
        }),
    });
  }

  /** Validates a definition; throws an `invalid_input` AssayError naming every offending path. */
  compile(definition: WorkflowDefinition): CompiledWorkflow {
    return compileWorkflow(definition, this.options.registry);
  }

  /**
   * Starts the workers. With `exclusive` (the embedded single-process mode) runs leased by an
   * earlier process are made claimable at once instead of after their lease expires.
   */
  async start(options: { exclusive: boolean }): Promise<void> {
    if (options.exclusive) {
      const released = await this.options.store.releaseForeignLeases({ workerId: this.options.workerId, now: this.clock.now() });
      if (released > 0) {
        this.options.logger.info({ released }, 'resuming runs interrupted by the previous process');
        this.events.emit('lease.recovered', released);
      }
    }
    this.pool.start();
  }

  /** Stops claiming and drains in-flight runs for up to `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    await this.pool.stop(graceMs);
  }

  /** A run was created or became due in this process: claim it without waiting for the poll. */
  notify(): void {
    this.pool.notify();
  }

  /**
   * A run is being created: its write was just requested and has not committed. Called in that same
   * turn, the claim joins the create's group transaction (see `WorkerPool.notifyCreating`); call
   * `notify()` after the commit as well.
   */
  notifyCreating(): void {
    this.pool.notifyCreating();
  }

  /** A run may have been cancelled by another process: renew leases now (lost ones are aborted). */
  checkLeases(): void {
    this.pool.checkLeases();
  }

  /** Aborts a run executing in this process (its new status was already recorded by the caller). */
  abortRun(runId: string, reason: StopReason = 'cancelled'): boolean {
    return this.pool.abortRun(runId, reason);
  }

  /** The step types this engine validates and executes (the editor lists them). */
  get registry(): StepRegistry {
    return this.options.registry;
  }

  /** The id this process holds leases under. */
  get workerId(): string {
    return this.options.workerId;
  }

  get activeRuns(): number {
    return this.pool.activeCount;
  }

  /** Subscribes to run events; returns the unsubscribe function. */
  onRunEvent(listener: (event: RunEvent) => void): () => void {
    this.events.on('run', listener);
    return () => this.events.off('run', listener);
  }

  private async loadWorkflow(run: ClaimedRun): Promise<CompiledWorkflow> {
    // A draft's definition is its own (one run's, rarely resumed): compiled each time, not cached.
    if (run.draft) {
      const draft = await this.options.store.loadDraft(run.id);
      return restrictWorkflow(this.compile(draft.definition), draft.executes);
    }
    const { workflowId, workflowVersion: version } = run;
    const key = `${workflowId}@${version}`;
    let workflow = this.compiled.get(key);
    if (!workflow) {
      workflow = this.options.store.loadDefinition(workflowId, version).then((definition) => this.compile(definition));
      workflow.catch(() => this.compiled.delete(key));
      if (this.compiled.size >= MAX_CACHED_WORKFLOWS) this.compiled.clear();
      this.compiled.set(key, workflow);
    }
    return workflow;
  }
}
