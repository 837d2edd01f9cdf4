import { defineStepType } from '@assay/engine';
import { AssayError, WorkflowDefinition } from '@assay/schema';
import { createMapStep } from '@assay/steps';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

/** map with sub-graphs only: child runs are not available in these tests. */
const mapStep = createMapStep({ start: async () => Promise.reject(new Error('no child runs here')), get: async () => null });

/** Counts executions per item and the most running at once; fails for `failOn`. */
const executions = new Map<number, number>();
let running = 0;
let peak = 0;
const probe = defineStepType<{ index: number; failOn?: number; delayMs?: number }>({
  type: 'test.probe',
  family: 'logic',
  description: 'records how items are executed',
  config: z.object({ index: z.number(), failOn: z.number().optional(), delayMs: z.number().optional() }),
  async execute(config) {
    executions.set(config.index, (executions.get(config.index) ?? 0) + 1);
    running++;
    peak = Math.max(peak, running);
    try {
      await new Promise((r) => setTimeout(r, config.delayMs ?? 1));
      if (config.index === config.failOn) throw new AssayError('step_failed', `item ${config.index} is bad`);
      return { kind: 'completed', output: config.index };
    } finally {
      running--;
    }
  },
});

describe('map', () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h.close();
    executions.clear();
    peak = 0;
  });

  it('runs the sub-graph per item with item, index and outer steps in scope, in input order, within the concurrency cap', async () => {
    h = await engineHarness([mapStep, probe]);
    const wf = await h.workflow({
      name: 'fan-out',
      inputs: { names: { type: 'array', required: true } },
      steps: [
        { id: 'prefix', type: 'transform', with: { expression: '"co-"' } },
        {
          id: 'each',
          type: 'map',
          with: {
            items: 'input.names',
            concurrency: 3,
            steps: [
              { id: 'wait', type: 'test.probe', with: { index: '{{ index }}', delayMs: 10 } },
              {
                id: 'label',
                type: 'transform',
                needs: ['wait'],
                with: { expression: 'steps.prefix.output & $uppercase(item) & "#" & $string(index)' },
              },
            ],
          },
        },
      ],
    });
    const runId = await h.start(wf, { names: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(await h.finished(runId)).toBe('completed');
    const run = await h.store.runs.get(h.workspaceId, runId);
    expect(run?.output).toEqual(['co-A#0', 'co-B#1', 'co-C#2', 'co-D#3', 'co-E#4', 'co-F#5', 'co-G#6']);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('fails fast on the first failing item, naming it', async () => {
    h = await engineHarness([mapStep, probe]);
    const wf = await h.workflow({
      name: 'ff',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: { items: '[0,1,2,3]', concurrency: 1, steps: [{ id: 'p', type: 'test.probe', with: { index: '{{ item }}', failOn: 1 } }] },
        },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('failed');
    expect((await h.store.runs.get(h.workspaceId, runId))?.error?.message).toBe('item 1: step "p": item 1 is bad');
    expect(executions.has(3)).toBe(false);
  });

  it('collects errors in place when asked to, and finishes the other items', async () => {
    h = await engineHarness([mapStep, probe]);
    const wf = await h.workflow({
      name: 'col',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: {
            items: '[0,1,2]',
            onError: 'collect',
            steps: [{ id: 'p', type: 'test.probe', with: { index: '{{ item }}', failOn: 1 } }],
          },
        },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('completed');
    expect((await h.store.runs.get(h.workspaceId, runId))?.output).toEqual([0, { error: 'step "p": item 1 is bad' }, 2]);
  });

  it('resumes a 1,000-item map after its worker stops, without redoing finished items', async () => {
    h = await engineHarness([mapStep, probe]);
    const wf = await h.workflow({
      name: 'big',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: { items: '[0..999]', concurrency: 10, steps: [{ id: 'p', type: 'test.probe', with: { index: '{{ item }}', delayMs: 2 } }] },
        },
      ],
    });
    const runId = await h.start(wf);
    while (executions.size < 300) await new Promise((r) => setTimeout(r, 5));
    await h.engine.stop(0); // like a crash: the run is released with the map half done
    const checkpointed = await h.store.queue.loadItems(runId, 'each');
    expect(checkpointed.size).toBeGreaterThanOrEqual(250);
    expect(checkpointed.size).toBeLessThan(1000);
    await h.engine.start({ exclusive: false });
    expect(await h.finished(runId, 30_000)).toBe('completed');
    const output = (await h.store.runs.get(h.workspaceId, runId))?.output as number[];
    expect(output).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const index of checkpointed.keys()) expect(executions.get(index)).toBe(1);
  });

  it('validates the sub-graph when the workflow is saved, naming the inner path', () => {
    return engineHarness([mapStep]).then((harness) => {
      h = harness;
      const definition = WorkflowDefinition.parse({
        name: 'bad',
        steps: [
          {
            id: 'each',
            type: 'map',
            with: {
              items: '[1]',
              steps: [
                { id: 'x', type: 'nope' },
                { id: 'y', type: 'transform', with: { expression: 'steps.ghost.output' } },
              ],
            },
          },
        ],
      });
      try {
        h.engine.compile(definition);
        expect.unreachable();
      } catch (error) {
        const paths = ((error as AssayError).details ?? []).map((d) => d.path);
        expect(paths).toEqual(expect.arrayContaining(['steps[0].with.steps[0].type', 'steps[0].with.steps[1].with.expression']));
      }
    });
  });
});
