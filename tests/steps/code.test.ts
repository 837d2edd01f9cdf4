import { codeStep, createMapStep } from '@assay/steps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

/** map with sub-graphs only: child runs are not available in these tests. */
const mapStep = createMapStep({ start: async () => Promise.reject(new Error('no child runs here')), get: async () => null });

describe('code', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await engineHarness([codeStep, mapStep]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const run = async (config: Record<string, unknown>, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const wf = await h.workflow({
      name: 'code',
      inputs: { n: { type: 'number' }, names: { type: 'array' } },
      steps: [
        { id: 'prep', type: 'transform', with: { expression: '{ "factor": 3, "label": "x" }' } },
        { id: 'calc', type: 'code', needs: ['prep'], with: config, ...extra },
      ],
    });
    const runId = await h.start(wf, input);
    const status = await h.finished(runId, 20_000);
    const steps = await h.store.runs.steps(runId);
    const step = steps.find((s) => s.stepId === 'calc')!;
    return { status, step };
  };

  it('returns a value computed from input and earlier steps', async () => {
    const code = `
      const total = input.n * steps.prep.output.factor;
      return { total, names: input.names.map((n) => n.toUpperCase()).sort(), label: steps.prep.output.label + '!' };
    `;
    const { status, step } = await run({ code }, { n: 14, names: ['bo', 'al'] });
    expect(status).toBe('completed');
    expect(step.output).toEqual({ total: 42, names: ['AL', 'BO'], label: 'x!' });
  });

  it('gives null when nothing is returned', async () => {
    const { status, step } = await run({ code: 'let a = 1;' });
    expect(status).toBe('completed');
    expect(step.output).toBeNull();
  });

  it('has no require, process, fetch, timers or host globals', async () => {
    const code =
      'return [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof Buffer, typeof globalThis.__assayCode, typeof std, typeof os];';
    const { status, step } = await run({ code });
    expect(status).toBe('completed');
    expect(step.output).toEqual(Array(8).fill('undefined'));
  });

  // The run ending at all shows the loop was stopped; its budget is CPU time, so no wall-clock bound is asserted.
  it('stops an infinite loop at its time limit, without retrying', async () => {
    const { status, step } = await run({ code: 'while (true) {}', timeoutMs: 200 }, {}, { retry: { maxAttempts: 3, initialDelayMs: 10 } });
    expect(status).toBe('failed');
    expect(step.attempts).toBe(1);
    expect(step.error?.message).toBe('code step exceeded its time limit of 200 ms');
  });

  it('stops a loop of long native calls at its time limit too', async () => {
    const { status, step } = await run({ code: "let s; while (true) s = 'x'.repeat(5e6);", timeoutMs: 300 });
    expect(status).toBe('failed');
    expect(step.error?.message).toBe('code step exceeded its time limit of 300 ms');
  });

  it('stops a memory bomb at its memory limit', async () => {
    const { status, step } = await run({ code: "let a = []; while (true) a.push('x'.repeat(1e6));", memoryMb: 16, timeoutMs: 10_000 });
    expect(status).toBe('failed');
    expect(step.error?.message).toBe('code step exceeded its memory limit of 16 MB');
  });

  it('surfaces thrown errors, syntax errors and non-JSON results', async () => {
    const thrown = await run({ code: "throw new RangeError('score out of range: ' + input.n)" }, { n: 7 });
    expect(thrown.status).toBe('failed');
    expect(thrown.step.error?.message).toBe('code step threw RangeError: score out of range: 7');
    const syntax = await run({ code: 'return (1 + ;' });
    expect(syntax.status).toBe('failed');
    expect(syntax.step.error?.message).toMatch(/^code step has a syntax error: /);
    const fn = await run({ code: 'return () => 1' });
    expect(fn.step.error?.message).toMatch(/not JSON-serializable/);
    const cyclic = await run({ code: 'const o = {}; o.self = o; return o;' });
    expect(cyclic.step.error?.message).toMatch(/not JSON-serializable: .*circular/i);
    const deep = await run({ code: 'function f() { return f(); } return f();' });
    expect(deep.step.error?.message).toMatch(/stack size limit/);
  });

  it('sees item and index inside a map', async () => {
    const wf = await h.workflow({
      name: 'map-code',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: { items: '[10, 20, 30]', steps: [{ id: 'double', type: 'code', with: { code: 'return item * 2 + index;' } }] },
        },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId, 20_000)).toBe('completed');
    const [step] = await h.store.runs.steps(runId);
    expect(step?.output).toEqual([20, 41, 62]);
  });

  it('validates its limits', async () => {
    await expect(
      h.workflow({ name: 'bad', steps: [{ id: 'c', type: 'code', with: { code: 'return 1', timeoutMs: 60_000 } }] }),
    ).rejects.toThrow(/timeoutMs/);
  });
});
