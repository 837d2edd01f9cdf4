import { WorkflowDefinition } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileWorkflow } from '../compile/compile-workflow';
import type { StepRecord } from '../ports';
import { createStepRegistry, defineStepType } from '../step-type';
import { decide } from './decide';

const noop = defineStepType({
  type: 'noop',
  family: 'logic',
  description: '',
  config: z.object({}).loose(),
  execute: async () => ({ kind: 'completed', output: null }),
});
const registry = createStepRegistry([noop]);
const workflow = compileWorkflow(
  WorkflowDefinition.parse({
    name: 'diamond',
    steps: [
      { id: 'a', type: 'noop' },
      { id: 'b', type: 'noop', needs: ['a'] },
      { id: 'c', type: 'noop', needs: ['a'] },
      { id: 'd', type: 'noop', needs: ['b', 'c'] },
    ],
  }),
  registry,
);

const record = (stepId: string, status: StepRecord['status'], extra: Partial<StepRecord> = {}): [string, StepRecord] => [
  stepId,
  {
    stepId,
    type: 'noop',
    status,
    attempts: 1,
    startedAt: 0,
    completedAt: 0,
    config: null,
    output: null,
    error: null,
    usage: null,
    wakeAt: null,
    ...extra,
  },
];

describe('decide', () => {
  it('starts only the roots of a fresh run', () => {
    expect(decide(workflow, new Map(), new Set(), 0)).toMatchObject({ start: ['a'], skip: [], done: false, failed: null });
  });

  it('starts both branches once their shared dependency completes', () => {
    expect(decide(workflow, new Map([record('a', 'completed')]), new Set(), 0).start).toEqual(['b', 'c']);
  });

  it('leaves steps in flight alone', () => {
    expect(decide(workflow, new Map([record('a', 'completed')]), new Set(['b']), 0).start).toEqual(['c']);
  });

  it('waits for every dependency before a join', () => {
    const records = new Map([record('a', 'completed'), record('b', 'completed'), record('c', 'running')]);
    expect(decide(workflow, records, new Set(['c']), 0).start).toEqual([]);
  });

  it('skips a step whose dependencies were all skipped, but runs one with a completed dependency', () => {
    const allSkipped = new Map([record('a', 'completed'), record('b', 'skipped'), record('c', 'skipped')]);
    expect(decide(workflow, allSkipped, new Set(), 0).skip).toEqual(['d']);
    const oneRan = new Map([record('a', 'completed'), record('b', 'skipped'), record('c', 'completed')]);
    expect(decide(workflow, oneRan, new Set(), 0).start).toEqual(['d']);
  });

  it('reports a failed step so the run fails', () => {
    const records = new Map([record('a', 'completed'), record('b', 'failed')]);
    expect(decide(workflow, records, new Set(), 0).failed?.stepId).toBe('b');
  });

  it('holds a retry until its time and reports the timer', () => {
    const records = new Map([record('a', 'pending', { wakeAt: 500 })]);
    expect(decide(workflow, records, new Set(), 100)).toMatchObject({ start: [], nextTimerAt: 500 });
    expect(decide(workflow, records, new Set(), 500).start).toEqual(['a']);
  });

  it('wakes a sleeping step when its time has come', () => {
    const records = new Map([record('a', 'running', { wakeAt: 500 })]);
    expect(decide(workflow, records, new Set(), 499)).toMatchObject({ wake: [], nextTimerAt: 500 });
    expect(decide(workflow, records, new Set(), 500).wake).toEqual(['a']);
  });

  it('executes again a step interrupted by a crash (still running, no timer)', () => {
    expect(decide(workflow, new Map([record('a', 'running')]), new Set(), 0).start).toEqual(['a']);
  });

  it('is done when every step is completed or skipped', () => {
    const records = new Map([record('a', 'completed'), record('b', 'skipped'), record('c', 'completed'), record('d', 'completed')]);
    expect(decide(workflow, records, new Set(), 0).done).toBe(true);
  });
});
