import type { CompiledWorkflow } from '../compile/compile-workflow';
import type { StepRecord } from '../ports';

/**
 * How many times a step interrupted by a crash (its record still says `running`) may be executed
 * beyond its retry policy: a crash is not the step's fault, but a step that kills its process every
 * time must not loop forever.
 */
export const EXTRA_ATTEMPTS_AFTER_CRASH = 3;

/** What the run should do next, decided purely from its step records and the time. */
export interface Decision {
  /** Steps whose dependencies are settled (or whose retry is due) and that may start now. */
  start: string[];
  /** Steps all of whose dependencies were skipped: they are skipped too. */
  skip: string[];
  /** Sleeping steps whose timer has come: they complete with their stored output. */
  wake: string[];
  /** The earliest future timer (a sleep or a retry backoff), if any. */
  nextTimerAt: number | null;
  /** A step that failed for good: the run fails. */
  failed: StepRecord | null;
  /** Every step is completed or skipped: the run completes. */
  done: boolean;
}

const SETTLED = new Set(['completed', 'skipped']);

/** Decides the run's next moves. `inFlight` steps are executing now and are left alone. */
export function decide(
  workflow: CompiledWorkflow,
  records: ReadonlyMap<string, StepRecord>,
  inFlight: ReadonlySet<string>,
  now: number,
): Decision {
  const decision: Decision = { start: [], skip: [], wake: [], nextTimerAt: null, failed: null, done: false };
  let settled = 0;
  const timer = (at: number) => {
    decision.nextTimerAt = decision.nextTimerAt === null ? at : Math.min(decision.nextTimerAt, at);
  };

  for (const id of workflow.order) {
    const record = records.get(id);
    const status = record?.status;
    if (status === 'completed' || status === 'skipped') {
      settled++;
      continue;
    }
    if (status === 'failed' || status === 'cancelled') {
      decision.failed ??= record ?? null;
      continue;
    }
    if (inFlight.has(id)) continue;
    if (record && record.wakeAt !== null) {
      // A sleep (status running) or a retry backoff (status pending) with its time stored.
      if (record.wakeAt > now) timer(record.wakeAt);
      else (status === 'running' && !record.suspended ? decision.wake : decision.start).push(id);
      continue;
    }
    if (status === 'running') {
      // Interrupted by a crash before its result was recorded: execute it again.
      decision.start.push(id);
      continue;
    }
    const dependencies = workflow.steps.get(id)?.dependencies ?? [];
    const depRecords = dependencies.map((dep) => records.get(dep));
    if (!depRecords.every((r) => r !== undefined && SETTLED.has(r.status))) continue;
    if (dependencies.length > 0 && depRecords.every((r) => r?.status === 'skipped')) decision.skip.push(id);
    else decision.start.push(id);
  }
  decision.done = settled === workflow.order.length;
  return decision;
}
