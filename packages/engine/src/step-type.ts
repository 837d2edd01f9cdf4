import type { z } from 'zod';
import type { RunError, StepDefinition } from '@assay/schema';
import type { ArtifactWriter, CredentialReader, Logger, StepRecord } from './ports';
import type { StepBudget } from './execution/run-budget';

/** The result of one item of a step that works through a list (e.g. `map`), checkpointed alone. */
export interface ItemResult {
  /** `running`: handed to something outside the run (a child run), whose id `output` holds. */
  status: 'completed' | 'failed' | 'running';
  output: unknown;
  error: RunError | null;
}

/** What a step that calls tools says about them in the run's event log (and live streams). */
export interface StepItemEvent {
  type: 'step.tool_called' | 'step.tool_completed';
  data: Record<string, unknown>;
}

/** Per-item checkpoints of the current step: finished items are not redone after a crash. */
export interface ItemCheckpoints {
  load(): Promise<Map<number, ItemResult>>;
  /** Checkpoints an item; `event` is appended to the event log in the same transaction. */
  save(index: number, result: ItemResult, event?: StepItemEvent): Promise<void>;
  /** Appends an event about the step (under the run's lease) without checkpointing anything. */
  announce(event: StepItemEvent): Promise<void>;
}

/** Runs a graph of steps in process (for `map` items) and returns its last step's output. */
export interface SubgraphRunner {
  /**
   * `instance` names this execution of the sub-graph among all of the run's (e.g. `items/7` for a
   * map's item 7, `research/3` for an agent's call at position 3): its steps see it as
   * `StepContext.instance`, so what they create per execution (a child run) is told apart.
   */
  run(steps: StepDefinition[], scope: Record<string, unknown>, signal: AbortSignal, instance?: string): Promise<unknown>;
}

/** What a step executor gets besides its resolved config. */
export interface StepContext {
  runId: string;
  workspaceId: string;
  workflowId: string;
  stepId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted on cancellation, step timeout, run timeout or lease loss. */
  signal: AbortSignal;
  logger: Logger;
  now(): number;
  credentials: CredentialReader;
  artifacts: ArtifactWriter;
  /** The JSONata scope `{ input, steps }` for steps that evaluate expressions. */
  scope: Readonly<Record<string, unknown>>;
  /** This step's previous record, when resuming. */
  previous: StepRecord | undefined;
  /** Inside a sub-graph: which execution of it this is (see `SubgraphRunner.run`); absent for a run's own steps. */
  instance?: string;
  /** Checkpoints for the items of a list this step works through. */
  items: ItemCheckpoints;
  /** Executes a sub-graph of steps with the same registry, credentials and artifacts. */
  subgraph: SubgraphRunner;
  /**
   * `value` with every credential value this run has read replaced by a marker: for what leaves the
   * run other than through its records (which are scrubbed anyway), such as a tool's result sent to a model.
   */
  scrub<T>(value: T): T;
  /** The run's spending on model calls: AI steps reserve before each call and charge after it. */
  budget: StepBudget;
}

/** How a step ended without error. */
export type StepOutcome =
  | { kind: 'completed'; output: unknown; usage?: Record<string, unknown> }
  /** A durable timer: the run is parked (holding no worker) and the step completes with `output` at `until`. */
  | { kind: 'sleep'; until: number; output: unknown }
  /**
   * Waiting on something outside the run (a child run): the run is parked and the step executes
   * again at `until`, or earlier when what it waits for finishes, with `state` as its previous output.
   */
  | { kind: 'suspend'; until: number; state: unknown };

/** The families the editor's palette groups step types by. */
export type StepFamily = 'logic' | 'data' | 'ai' | 'document' | 'outbound';

/** A step type: its config schema (after templates are resolved) and its executor. */
/** What the server knows beyond a definition when it describes step outputs: a dataset's columns, by its name. */
export interface KnownShapes {
  /** A dataset's column names; undefined when it does not exist or has no columns yet. */
  datasetColumns?: ReadonlyMap<string, readonly string[]>;
}

export interface StepType<Config = unknown> {
  type: string;
  family: StepFamily;
  description: string;
  config: z.ZodType<Config>;
  /**
   * A typical step of this type, shown in the generated step reference (docs/steps.md); its `with`
   * must pass `config` as written (templates only in string fields), which the reference checks.
   */
  example?: { id: string; with: Record<string, unknown> };
  /**
   * What a suspended step of this type waits for, so a parked run says why (`waitReason`): a
   * person's decision or a system's signal. Absent: a timer.
   */
  waitsFor?: 'approval' | 'signal';
  /** Only at the top level of a workflow (its steps are addressed by id alone, e.g. an approval's). */
  topLevelOnly?: boolean;
  /** Top-level `with` keys holding JSONata: checked as JSONata when saved; templates do not touch them. */
  expressionKeys?: readonly string[];
  /**
   * The `expressionKeys` evaluated against the step's scope (`input`, `steps`, …), whose names a save
   * checks. Others are evaluated against something else (a lookup's `filter` against each row).
   */
  scopeExpressionKeys?: readonly string[];
  /**
   * The JSON Schema of this step's output for this literal config, as far as it is known before a run:
   * a save warns about fields a template reads that cannot be there, and the editor suggests the fields.
   * An object schema without `additionalProperties` lists every field. Absent or null: unknown.
   */
  outputSchema?(config: Record<string, unknown>, known: KnownShapes): Record<string, unknown> | null;
  /** Top-level `with` keys passed to the step exactly as written (e.g. JavaScript source). */
  verbatimKeys?: readonly string[];
  /**
   * A `with` key holding a sub-graph (a list of step definitions) that the engine validates when the
   * workflow is saved, like top-level steps. It must also be listed in `expressionKeys`.
   */
  subgraphKey?: string;
  /** Names besides `input` and `steps` that templates inside the sub-graph may use (e.g. `item`). */
  subgraphScope?: readonly string[];
  /**
   * Step definitions inside `with` that the engine validates when the workflow is saved, each as a
   * one-step sub-graph (an agent's tools), beside `subgraphKey`. `path` is where each is, relative
   * to `with` (e.g. `tools[0].step`).
   */
  subgraphsOf?(config: Record<string, unknown>): Array<{ path: string; step: unknown }>;
  /**
   * Whether a step of this type with this config may declare `cache` (its output reused): only when
   * executing it again would change nothing outside the run (no side effects). Absent: never.
   */
  cacheable?(config: Record<string, unknown>): boolean;
  /**
   * A cached output reused by another run, made this run's (a document's files copied into it);
   * null when it cannot be (its files are gone): the step then executes. Absent: reused as it is.
   */
  reuse?(output: unknown, from: { runId: string }, context: StepContext): Promise<unknown | null>;
  execute(config: Config, context: StepContext): Promise<StepOutcome>;
}

/** Looks up step types by name. */
export interface StepRegistry {
  get(type: string): StepType | undefined;
  list(): StepType[];
}

/**
 * Declares a step type. The engine validates every config with `config` before calling `execute`,
 * so erasing the config type for the registry is safe.
 */
export function defineStepType<Config>(type: StepType<Config>): StepType {
  return type as unknown as StepType;
}

/** A registry over a fixed list of step types. */
export function createStepRegistry(types: StepType[]): StepRegistry {
  const byName = new Map<string, StepType>();
  for (const type of types) byName.set(type.type, type);
  return { get: (name) => byName.get(name), list: () => [...byName.values()] };
}
