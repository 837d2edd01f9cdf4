import type { Artifact, RunError, StepStatus, WaitReason, WorkflowDefinition } from '@assay/schema';
import type { ItemResult, StepItemEvent } from './step-type';
import type { BudgetLimits, SpendEvent } from './execution/run-budget';

/** A pending timer of a `Clock`: opaque, only to be handed back to its `clearTimer`. */
export type TimerHandle = unknown;

/**
 * Time, and the timers that wait on it. Every wait that shapes a run (retry backoff, step and run
 * timeouts, in-process sleeps, the wake-up of a durable wait) is set on the engine's clock, so tests
 * run them on virtual time (`VirtualClock`) instead of waiting. `systemClock` is the real one.
 */
export interface Clock {
  now(): number;
  /** Calls `callback` once, `ms` from now. `unref`: the timer alone does not keep the process alive. */
  setTimer(ms: number, callback: () => void, unref?: boolean): TimerHandle;
  /** Cancels a timer that has not fired (a fired or cleared one is ignored). */
  clearTimer(handle: TimerHandle): void;
}

/** Structured logger (pino-compatible subset). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A run a worker has claimed and holds a lease on. */
export interface ClaimedRun {
  id: string;
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  input: Record<string, unknown>;
  /** A webhook run's request (`trigger.body`, `.headers`, `.query` in templates); null for other runs. */
  trigger?: RunTriggerRequest | null;
  createdAt: number;
  /** When the run first started; a run timeout counts from here, across restarts. */
  startedAt: number;
  /** The batch the run belongs to, if any. */
  batchId?: string | null;
  /** Created with `?cache=bypass`: cached steps execute (and refresh the cache) instead of reading it. */
  cacheBypass?: boolean;
  /** A replay: the run whose completed steps' outputs are reused where the resolved config is unchanged. */
  replayOf?: string | null;
  /** The run's spending limit on model calls (null or absent: none). */
  budget?: BudgetLimits | null;
  /** What the store holds as the run's cost (written at its last park): a write reports the difference. */
  cost?: RunSpent;
  /** A draft run: it executes its own stored definition (`RunStore.loadDraft`), not a version. */
  draft?: boolean;
}

/** The request a webhook run was started by, as its steps read it: headers never hold a secret. */
export interface RunTriggerRequest {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
}

/** What a run's model calls cost so far, in US dollars (priced models) and tokens. */
export interface RunSpent {
  usd: number;
  tokens: number;
}

/**
 * The run's cost to write with a park or an end: `spent` now, and `previous`, what the store held
 * (the run's batch adds the difference to its own cost).
 */
export interface RunCost {
  spent: RunSpent;
  previous: RunSpent;
}

/** Why a run parks: a durable timer (a sleep, a retry backoff, a child run) or its budget. */
export interface Park {
  reason: WaitReason;
  cost?: RunCost;
  /** Over budget: the budget the execution had (a budget changed since makes the run due at once). */
  budget?: BudgetLimits | null;
}

/** A step output kept for reuse (`cache` on a step): what it was, and where it came from. */
export interface CachedOutput {
  output: unknown;
  usage: Record<string, unknown> | null;
  runId: string;
  stepId: string;
  createdAt: number;
}

/** What the store keeps of one step of one run: the checkpoint the engine resumes from. */
export interface StepRecord {
  stepId: string;
  type: string;
  status: StepStatus;
  attempts: number;
  startedAt: number | null;
  completedAt: number | null;
  config: unknown;
  output: unknown;
  error: RunError | null;
  usage: Record<string, unknown> | null;
  /** For a `running` sleep: when it ends. For a `pending` retry: when the next attempt is due. */
  wakeAt: number | null;
  /** A `running` step waiting on something outside the run: executed again (not completed) when it wakes. */
  suspended?: boolean;
}

/** Identifies the lease a write is made under: writes from a worker that lost it are refused. */
export interface Lease {
  runId: string;
  workerId: string;
  /** The run's owners, so records written under the lease (events) need not look them up. */
  workspaceId?: string;
  workflowId?: string;
  batchId?: string | null;
}

/** The durable state the engine needs, named by intent. Implemented by `@assay/store`. */
export interface RunStore {
  /** Claims up to `limit` due runs (queued, or waiting whose time has come) for `workerId`. */
  claimRuns(options: { workerId: string; limit: number; now: number; leaseMs: number }): Promise<ClaimedRun[]>;
  /** Extends the leases this worker holds; returns the ids it still holds (others were lost). */
  renewLeases(options: { workerId: string; runIds: string[]; now: number; leaseMs: number }): Promise<Set<string>>;
  /** Makes the runs held by other workers claimable now (single-process embedded start-up). */
  releaseForeignLeases(options: { workerId: string; now: number }): Promise<number>;
  /** Makes runs whose lease expired claimable again; returns how many. */
  recoverExpiredLeases(options: { now: number }): Promise<number>;
  /** The earliest time a queued or waiting run becomes due, if any. */
  nextDueAt(): Promise<number | null>;
  loadDefinition(workflowId: string, version: number): Promise<WorkflowDefinition>;
  /** A draft run's unsaved definition and the steps of it that it executes. */
  loadDraft(runId: string): Promise<{ definition: WorkflowDefinition; executes: string[] }>;
  loadStepRecords(runId: string): Promise<StepRecord[]>;
  /**
   * Records a step's new state; resolves false when the lease was lost (the write is refused).
   * Writes for the same run and step are applied in call order (the engine does not wait for a
   * step's "started" record before recording its result).
   */
  recordStep(lease: Lease, record: StepRecord): Promise<boolean>;
  /** The checkpointed items of a step that works through a list, by index. */
  loadItems(runId: string, stepId: string): Promise<Map<number, ItemResult>>;
  /** Checkpoints one item's result (and appends `event` with it); resolves false when the lease was lost. */
  recordItem(lease: Lease, stepId: string, index: number, result: ItemResult, event?: StepItemEvent): Promise<boolean>;
  /** Appends an event about a step while the lease is held; resolves false when it was lost. */
  recordStepEvent(lease: Lease, stepId: string, event: StepItemEvent): Promise<boolean>;
  /**
   * Releases the run with status `waiting` until `wakeAt` (a durable timer holding no worker), or,
   * with `wakeAt` null, until something else makes it due (its budget raised).
   */
  parkRun(lease: Lease, wakeAt: number | null, park?: Park): Promise<boolean>;
  /** A cached step output of the workspace under `key` that has not expired at `now`, or null. */
  readCache(workspaceId: string, key: string, now: number): Promise<CachedOutput | null>;
  /** Keeps a step output under `key` until `expiresAt` (replacing an older one). */
  writeCache(workspaceId: string, key: string, entry: CachedOutput, expiresAt: number): Promise<void>;
  /** Changes whenever a credential of the workspace is added, changed or removed (cache keys include it). */
  credentialsVersion(workspaceId: string): Promise<string>;
  /** Ends the run. Step rows still running or pending are marked cancelled when it fails. */
  finishRun(lease: Lease, result: RunResult): Promise<boolean>;
}

export type RunResult = (
  { status: 'completed'; output: unknown; completedAt: number } | { status: 'failed'; error: RunError; completedAt: number }
) & { cost?: RunCost };

/** Reads a named credential of the run's workspace (the value never enters run records). */
export interface CredentialReader {
  get(name: string): Promise<string>;
  /**
   * Treats `value` as secret too: a form a step derived from a credential it read (a Basic header's
   * base64, the password part), scrubbed from the run's records like the credential itself. The
   * reader steps get from the engine implements it; adapters underneath need not.
   */
  conceal?(value: string): void;
}

/** Stores files a step produces as run artifacts. */
export interface ArtifactWriter {
  write(file: { name: string; contentType: string; data: Uint8Array }): Promise<Artifact>;
  /**
   * Copies a file another run of the workspace wrote into this run (a cached step's files, reused);
   * null when that file is gone (its run was deleted by retention).
   */
  copy?(from: { runId: string; name: string }): Promise<Artifact | null>;
  /** A file this run holds (one a step wrote, e.g. an `http.request` with a binary response); null when it has none of that name. */
  read?(name: string): Promise<{ name: string; contentType: string; data: Uint8Array } | null>;
}

/** A run that ended, as the durable event log names it. */
export type RunFinishedType = 'run.completed' | 'run.failed' | 'run.cancelled';
/** A step that ended, as the durable event log names it. */
export type StepFinishedType = 'step.completed' | 'step.failed' | 'step.skipped' | 'step.cancelled';

/**
 * What this process's engine says about its runs (for `?wait=N` and metrics). The names are those of
 * the durable event log (`run.completed`, …), which is what other processes and clients read.
 */
export type RunEvent =
  | { type: RunFinishedType; runId: string; workspaceId: string; status: 'completed' | 'failed' | 'cancelled' }
  | { type: 'run.waiting'; runId: string; workspaceId: string; status: 'waiting'; reason?: WaitReason }
  | {
      type: StepFinishedType;
      runId: string;
      workspaceId: string;
      stepId: string;
      /** The step's type (`http.request`, …): one of the registry's names, a bounded set (metrics label by it). */
      stepType: string;
      stepStatus: 'completed' | 'failed' | 'skipped' | 'cancelled';
      durationMs?: number;
    };

/** Every event the engine emits, with its arguments (a typed `EventEmitter`). */
export interface EngineEventMap {
  /** A run or one of its steps changed as `RunEvent.type` says. */
  run: [event: RunEvent];
  /** Runs whose lease had expired were handed back to be claimed again. */
  'lease.recovered': [count: number];
  /** Runs claimed by one claim. */
  'runs.claimed': [count: number];
  /** A model call was made and cost this (a replayed checkpoint is not reported again). */
  'ai.spent': [event: SpendEvent];
}

/** Whether a run event says the run ended (completed, failed or cancelled). */
export function isRunFinished(event: RunEvent): event is Extract<RunEvent, { type: RunFinishedType }> {
  return event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled';
}
