import {
  createStepRegistry,
  Engine,
  isRunFinished,
  systemClock,
  VirtualClock,
  type ArtifactWriter,
  type Clock,
  type Logger,
  type RunEvent,
  type StepType,
  type VirtualClockOptions,
} from '@assay/engine';
import { AssayError, WorkflowDefinition, type WorkflowDefinitionInput } from '@assay/schema';
import { conditionStep, failStep, transformStep, waitStep } from '@assay/steps';
import type { Store } from '@assay/store';
import { openTestStore } from './test-database';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** The real engine over a fresh store (SQLite, or PostgreSQL with ASSAY_TEST_DB=postgres), with extra step types for tests. */
export interface EngineHarness {
  store: Store;
  engine: Engine;
  /** The engine's clock: a `VirtualClock` with the `virtualTime` option, else the system clock. */
  clock: Clock;
  /** The virtual clock, with the `virtualTime` option (else null). */
  time: VirtualClock | null;
  workspaceId: string;
  workflow(definition: WorkflowDefinitionInput): Promise<string>;
  start(workflowId: string, input?: Record<string, unknown>): Promise<string>;
  /** Resolves with the run's final status once it is finished. */
  finished(runId: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  leaseMs?: number;
  workerId?: string;
  store?: Store;
  /** Credential values steps may read by name (others are "not found"). */
  credentials?: Record<string, string>;
  /** Receives every artifact a step writes (default: kept in `artifacts`). */
  artifacts?: ArtifactWriter;
  /**
   * Runs on virtual time: backoff, timeouts, sleeps and durable waits take no real time. `true`: the
   * clock advances by itself when every timer is waiting; options: as given (e.g. advanced by hand).
   */
  virtualTime?: boolean | VirtualClockOptions;
}

/** Files written by steps through the default artifact writer, by name. */
export const writtenArtifacts = new Map<string, { contentType: string; data: Uint8Array }>();

export async function engineHarness(extraSteps: StepType[] = [], options: HarnessOptions = {}): Promise<EngineHarness> {
  const owned = options.store ? null : await openTestStore();
  const store = options.store ?? (owned as NonNullable<typeof owned>).store;
  const workspace = (await store.access.defaultWorkspace()) ?? (await store.access.createWorkspace('test'));
  const time = options.virtualTime ? new VirtualClock(options.virtualTime === true ? { autoAdvance: true } : options.virtualTime) : null;
  const clock = time ?? systemClock;
  const engine = new Engine({
    store: store.queue,
    registry: createStepRegistry([transformStep, conditionStep, waitStep, failStep, ...extraSteps]),
    clock,
    logger: silent,
    workerId: options.workerId ?? 'test-worker',
    concurrency: 50,
    leaseMs: options.leaseMs ?? 30_000,
    pollMs: 200,
    parkThresholdMs: 250,
    credentials: () => ({
      get: async (name) => {
        const value = options.credentials?.[name];
        if (value === undefined) throw new AssayError('not_found', `credential "${name}" not found`);
        return value;
      },
    }),
    artifacts: (run) =>
      options.artifacts ?? {
        write: async (file) => {
          writtenArtifacts.set(file.name, { contentType: file.contentType, data: file.data });
          return {
            name: file.name,
            contentType: file.contentType,
            bytes: file.data.byteLength,
            url: `/v1/workflow-runs/${run.id}/artifacts/${file.name}`,
          };
        },
        read: async (name) => {
          const file = writtenArtifacts.get(name);
          return file ? { name, contentType: file.contentType, data: file.data } : null;
        },
      },
  });
  const finishedRuns = new Map<string, string>();
  const waiters = new Map<string, (status: string) => void>();
  engine.onRunEvent((event: RunEvent) => {
    if (!isRunFinished(event)) return;
    finishedRuns.set(event.runId, event.status);
    waiters.get(event.runId)?.(event.status);
  });
  await engine.start({ exclusive: false });
  return {
    store,
    engine,
    clock,
    time,
    workspaceId: workspace.id,
    async workflow(definition) {
      const parsed = WorkflowDefinition.parse(definition);
      engine.compile(parsed);
      return (await store.workflows.create({ workspaceId: workspace.id, definition: parsed, createdBy: null })).id;
    },
    async start(workflowId, input = {}) {
      const wf = await store.workflows.get(workspace.id, workflowId);
      const { run } = await store.runs.create({
        workspaceId: workspace.id,
        workflowId,
        workflowVersion: wf?.version ?? 1,
        input,
        trigger: 'api',
      });
      engine.notify();
      return run.id;
    },
    finished(runId, timeoutMs = 10_000) {
      const done = finishedRuns.get(runId);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`run ${runId} did not finish in ${timeoutMs} ms`)), timeoutMs);
        waiters.set(runId, (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
    },
    async close() {
      await engine.stop(1000);
      time?.stop();
      await owned?.close();
    },
  };
}
