import type { Engine } from '@assay/engine';
import { AssayError, type StepDefinition } from '@assay/schema';
import { checkAgainstSchema } from '@assay/steps';
import type { Store } from '@assay/store';

/** A run in one of these has no step left to wait for a signal. */
const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * Signals a system sends a run for its `wait.signal` step: checked against the step the run's
 * workflow version declares for that name (its schema), kept, and the run woken to read it.
 */
export class SignalService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
  ) {}

  async send(
    workspaceId: string,
    runId: string,
    name: string,
    payload: unknown,
  ): Promise<{ runId: string; name: string; payload: unknown }> {
    const run = await this.store.runs.get(workspaceId, runId);
    if (!run) throw new AssayError('not_found', `run ${runId} not found`);
    if (FINISHED.has(run.status)) throw new AssayError('invalid_state', `run ${runId} is ${run.status}: it waits for no signal`);
    const version = await this.store.workflows.getVersion(run.workflowId, run.workflowVersion);
    const step = version ? waitingStep(version.definition.steps, name) : undefined;
    if (!step)
      throw new AssayError('invalid_input', `name: the run's workflow has no wait.signal step for a signal named "${name}"`, {
        details: [{ path: 'name', message: 'no wait.signal step waits for it' }],
      });
    const schema = (step.with as { schema?: Record<string, unknown> }).schema;
    if (schema) {
      const problems = checkAgainstSchema(schema, payload);
      if (problems.length > 0)
        throw new AssayError('invalid_input', `payload${problems[0]!.path.slice(1)}: ${problems[0]!.message}`, {
          details: problems.map((p) => ({ path: `payload${p.path.slice(1)}`, message: p.message })),
        });
    }
    if (!(await this.store.signals.deliver({ workspaceId, runId, name, payload })))
      throw new AssayError('conflict', `run ${runId} was already sent the signal "${name}"`, {
        details: [{ path: 'name', message: 'already sent' }],
      });
    // The run is due now: this process's workers look at once (other processes: NOTIFY or their poll).
    this.engine.notify();
    return { runId, name, payload };
  }
}

/** The `wait.signal` step of a definition waiting for this name (in the top level or a `map`'s steps). */
function waitingStep(steps: StepDefinition[], name: string): StepDefinition | undefined {
  for (const step of steps) {
    if (step.type === 'wait.signal' && (step.with as { name?: unknown }).name === name) return step;
    const inner = (step.with as { steps?: unknown }).steps;
    if (Array.isArray(inner)) {
      const found = waitingStep(inner as StepDefinition[], name);
      if (found) return found;
    }
  }
  return undefined;
}
