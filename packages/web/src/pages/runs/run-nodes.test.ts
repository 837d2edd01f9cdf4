import { describe, expect, it } from 'vitest';
import type { AssayEvent, Run, StepRun } from '@assay/schema';
import { definitionToCanvas } from '../../ui/canvas/graph';
import { decorateNodes, type RunNode } from './run-nodes';
import { applyEvent } from './run-events';

const step = (id: string, extra: Partial<StepRun> = {}): StepRun => ({
  id,
  type: 'transform',
  status: 'pending',
  attempts: 0,
  startedAt: null,
  completedAt: null,
  durationMs: null,
  output: null,
  error: null,
  usage: null,
  ...extra,
});
const run: Run = {
  id: 'a'.repeat(24),
  workflowId: 'b'.repeat(24),
  workflowVersion: 1,
  status: 'running',
  input: { x: 1 },
  output: null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  completedAt: null,
  trigger: 'api',
  batchId: null,
  parentRunId: null,
  replayOf: null,
  budget: null,
  cost: { usd: 0, tokens: 0 },
  waitReason: null,
  metadata: {},
  steps: [step('one', { status: 'completed', attempts: 1, durationMs: 1200 }), step('two')],
  artifacts: [],
};
const event = (type: AssayEvent['type'], stepId: string | null, data: Record<string, unknown> = {}): AssayEvent => ({
  id: '1',
  type,
  runId: run.id,
  workflowId: run.workflowId,
  batchId: null,
  stepId,
  data,
  createdAt: '2026-01-01T00:00:01.000Z',
});

describe('live run', () => {
  it('applies a step event to that step only', () => {
    const next = applyEvent(run, event('step.started', 'two', { attempt: 1, startedAt: '2026-01-01T00:00:01.000Z' }));
    expect(next.steps[0]).toBe(run.steps[0]);
    expect(next.input).toBe(run.input);
    expect(next.steps[1]).toMatchObject({ status: 'running', attempts: 1, startedAt: '2026-01-01T00:00:01.000Z' });
    const done = applyEvent(
      next,
      event('step.failed', 'two', { attempt: 2, durationMs: 50, error: { code: 'x', message: 'boom', stepId: 'two' } }),
    );
    expect(done.steps[1]).toMatchObject({ status: 'failed', attempts: 2, durationMs: 50, error: { message: 'boom' } });
  });

  it('ignores steps the run does not list and keeps the run when nothing changes', () => {
    expect(applyEvent(run, event('step.completed', 'inner'))).toBe(run);
    expect(applyEvent(run, event('run.started', null))).toBe(run);
    expect(applyEvent(run, event('run.waiting', null)).status).toBe('waiting');
  });

  it('keeps unchanged nodes as the same objects', () => {
    const { nodes } = definitionToCanvas({
      name: 'w',
      steps: [
        { id: 'one', type: 'transform' },
        { id: 'two', type: 'transform', needs: ['one'] },
      ],
    });
    const first = decorateNodes(nodes, run.steps, null, new Map());
    expect(first.map((n) => [n.data.status, n.data.note])).toEqual([
      ['completed', '1.2 s'],
      ['pending', ''],
    ]);
    const cache = new Map<string, RunNode>(first.map((n) => [n.id, n]));
    const next = applyEvent(run, event('step.started', 'two', { attempt: 1 }));
    const second = decorateNodes(nodes, next.steps, null, cache);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.data.status).toBe('running');
  });
});
