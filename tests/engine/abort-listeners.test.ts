import { getEventListeners } from 'node:events';
import { defineStepType } from '@assay/engine';
import { createMapStep } from '@assay/steps';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engineHarness } from '../support/engine-harness';

/** Records how many 'abort' listeners its signal carries while it runs. */
const listenerCounts: number[] = [];
const probe = defineStepType<Record<string, never>>({
  type: 'probe',
  family: 'logic',
  description: 'Test probe: counts the abort listeners on its signal.',
  config: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async execute(_config, context) {
    listenerCounts.push(getEventListeners(context.signal, 'abort').length);
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { kind: 'completed', output: null };
  },
});

const noChildren = { start: async () => Promise.reject(new Error('no child runs here')), get: async () => null };

describe('abort listeners (bench warned "11 abort listeners added to [AbortSignal]" during maps)', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    listenerCounts.length = 0;
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('a map of 300 items, 50 at a time, and 20 parallel branches keep one listener per signal and leave none behind', async () => {
    const h = await engineHarness([probe, createMapStep(noChildren)]);
    try {
      const branches = Array.from({ length: 20 }, (_, i) => ({ id: `branch${i}`, type: 'probe', with: {} }));
      const wf = await h.workflow({
        name: 'many waiters',
        steps: [
          ...branches,
          {
            id: 'each',
            type: 'map',
            needs: branches.map((b) => b.id),
            with: {
              items: '[1..300]',
              concurrency: 50,
              steps: [
                { id: 'p', type: 'probe', with: {} },
                { id: 'double', type: 'transform', needs: ['p'], with: { expression: 'item * 2' } },
              ],
            },
          },
          { id: 'after', type: 'probe', needs: ['each'], with: {} },
        ],
      });
      const runId = await h.start(wf);
      expect(await h.finished(runId, 60_000)).toBe('completed');
      expect(listenerCounts).toHaveLength(20 + 300 + 1);
      // However many steps wait on a signal at once, it carries one listener (the engine's).
      expect(Math.max(...listenerCounts)).toBeLessThanOrEqual(1);
      // The last step runs alone on the run's signal (counted before the engine waits on it): nothing
      // the map or the branches added is left there.
      expect(listenerCounts.at(-1)).toBe(0);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
