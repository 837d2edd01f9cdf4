import { defineStepType } from '@assay/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

/** A side-effect-free step that counts its executions (as a paid model call would cost). */
let executions = 0;
const scored = defineStepType<{ company: string }>({
  type: 'test.score',
  family: 'data',
  description: 'scores a company (counted)',
  config: z.object({ company: z.string() }).strict(),
  cacheable: () => true,
  async execute(config) {
    executions += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {
      kind: 'completed',
      output: { company: config.company, score: config.company.length },
      usage: { model: 'test:scorer', costUsd: 0.01 },
    };
  },
});

const cachedWorkflow = {
  name: 'cached',
  inputs: { company: { type: 'string' as const, required: true } },
  steps: [{ id: 'score', type: 'test.score', with: { company: '{{ input.company }}' }, cache: { ttlSeconds: 60 } }],
};

describe('step caching', () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h.close();
    executions = 0;
  });

  const stepOf = async (runId: string) => (await h.store.runs.steps(runId)).find((s) => s.stepId === 'score');

  it('reuses an output within its TTL, records the hit and where it came from, and executes again after', async () => {
    h = await engineHarness([scored], { virtualTime: { autoAdvance: false } });
    const wf = await h.workflow(cachedWorkflow);
    const first = await h.start(wf, { company: 'acme' });
    expect(await h.finished(first)).toBe('completed');
    const second = await h.start(wf, { company: 'acme' });
    expect(await h.finished(second)).toBe('completed');
    expect(executions).toBe(1);
    const hit = await stepOf(second);
    expect(hit?.output).toEqual({ company: 'acme', score: 4 });
    expect(hit?.usage).toMatchObject({ cached: true, cachedFrom: { runId: first, stepId: 'score' }, costUsd: 0, model: 'test:scorer' });
    expect((await stepOf(first))?.usage).toMatchObject({ costUsd: 0.01 });

    // Another config is another key.
    expect(await h.finished(await h.start(wf, { company: 'globex' }))).toBe('completed');
    expect(executions).toBe(2);

    // Past the TTL the output is not reused.
    await h.time!.advance(61_000);
    expect(await h.finished(await h.start(wf, { company: 'acme' }))).toBe('completed');
    expect(executions).toBe(3);
  });

  it('executes a key once for concurrent runs in one process, and always for a run created with cache bypass', async () => {
    h = await engineHarness([scored]);
    const wf = await h.workflow(cachedWorkflow);
    const runs = await Promise.all(Array.from({ length: 20 }, () => h.start(wf, { company: 'initech' })));
    for (const runId of runs) expect(await h.finished(runId)).toBe('completed');
    expect(executions).toBe(1);

    const { run } = await h.store.runs.create({
      workspaceId: h.workspaceId,
      workflowId: wf,
      workflowVersion: 1,
      input: { company: 'initech' },
      trigger: 'api',
      cacheBypass: true,
    });
    h.engine.notify();
    expect(await h.finished(run.id)).toBe('completed');
    expect(executions).toBe(2);
    expect((await stepOf(run.id))?.usage).toMatchObject({ costUsd: 0.01 }); // executed, not a hit
    // …and refreshed the entry: the next run reuses the bypass run's output.
    const after = await h.start(wf, { company: 'initech' });
    expect(await h.finished(after)).toBe('completed');
    expect((await stepOf(after))?.usage).toMatchObject({ cached: true, cachedFrom: { runId: run.id } });
  });

  it('does not reuse an output once a credential of the workspace changed', async () => {
    h = await engineHarness([scored]);
    const wf = await h.workflow(cachedWorkflow);
    expect(await h.finished(await h.start(wf, { company: 'acme' }))).toBe('completed');
    await h.store.db
      .insertInto('credentials')
      .values({ id: 'c'.repeat(24), workspace_id: h.workspaceId, name: 'crm', type: 'bearer', sealed: 'x', created_at: 1, updated_at: 2 })
      .execute();
    expect(await h.finished(await h.start(wf, { company: 'acme' }))).toBe('completed');
    expect(executions).toBe(2);
  });

  it('refuses `cache` on a step type that may have side effects, naming the path', async () => {
    h = await engineHarness([scored]);
    await expect(
      h.workflow({ name: 'side effects', steps: [{ id: 'boom', type: 'fail', with: { message: 'x' }, cache: { ttlSeconds: 60 } }] }),
    ).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'steps[0].cache', message: expect.stringContaining('cannot be cached') })],
    });
  });
});
