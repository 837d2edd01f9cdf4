import type { StepRecord } from '@assay/engine';

/** A `transform` step's record as the engine checkpoints it (store tests write these directly). */
export function stepRecord(stepId: string, status: StepRecord['status'], now: number, extra: Partial<StepRecord> = {}): StepRecord {
  return {
    stepId,
    type: 'transform',
    status,
    attempts: 1,
    startedAt: now,
    completedAt: status === 'running' ? null : now,
    config: null,
    output: null,
    error: null,
    usage: null,
    wakeAt: null,
    ...extra,
  };
}
