import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace } from '../support/other-workspace';
import { untilDone } from '../support/progress';

/**
 * `onFailure`: a workflow names another workflow to run when one of its runs fails. The handler gets
 * the failed run's summary (the fields it declares), once per failure, linked to the failed run; a
 * failing handler starts no handler of its own.
 */
describe('onFailure workflows', () => {
  let server: TestServer;
  let handler: string;

  beforeAll(async () => {
    server = await startTestServer();
    handler = await createWorkflow(server, {
      name: 'Tell the team',
      inputs: {
        runId: { type: 'string', required: true },
        workflowName: { type: 'string' },
        failedStep: { type: 'string' },
        error: { type: 'object' },
        input: { type: 'object' },
      },
      steps: [
        {
          id: 'note',
          type: 'transform',
          with: { expression: '"run " & input.runId & " failed at " & input.failedStep & ": " & input.error.message' },
        },
      ],
      output: { note: '{{ steps.note.output }}' },
    });
  });
  afterAll(() => server.close());

  const handlerRuns = async (workflowId = handler) =>
    (await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=100`)).body.data as any[];
  const handlerRunFor = (failedRunId: string, workflowId = handler) =>
    untilDone(
      async () => {
        const found = (await handlerRuns(workflowId)).find((r) => r.parentRunId === failedRunId);
        return { done: found ?? null, progress: 'waiting for the handler run' };
      },
      { what: `the onFailure run of ${failedRunId}`, stallMs: 30_000, intervalMs: 25 },
    );

  it("starts the handler with the failed run's summary, linked to it", async () => {
    const failing = await createWorkflow(server, {
      name: 'Screen',
      inputs: { company: { type: 'string', required: true } },
      onFailure: { workflow: handler },
      steps: [
        { id: 'look', type: 'transform', with: { expression: 'input.company' } },
        { id: 'check', type: 'fail', needs: ['look'], with: { message: 'no filings for {{ input.company }}' } },
      ],
    });
    const failed = (await server.api('POST', `/v1/workflows/${failing}/runs?wait=10`, { input: { company: 'Acme' } })).body.data;
    expect(failed.status).toBe('failed');
    const started = await handlerRunFor(failed.id);
    expect(started.trigger).toBe('failure');
    const done = await waitForRun(server, started.id);
    expect(done.input).toEqual({
      runId: failed.id,
      workflowName: 'Screen',
      failedStep: 'check',
      error: { code: 'step_failed', message: 'no filings for Acme' },
      input: { company: 'Acme' },
    });
    expect(done.output.note).toBe(`run ${failed.id} failed at check: no filings for Acme`);

    // A run that completes starts nothing; a second failure starts its own handler run.
    const ok = await createWorkflow(server, {
      name: 'Fine',
      onFailure: { workflow: handler },
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    const fine = (await server.api('POST', `/v1/workflows/${ok}/runs?wait=10`, {})).body.data;
    expect(fine.status).toBe('completed');
    const again = (await server.api('POST', `/v1/workflows/${failing}/runs?wait=10`, { input: { company: 'Globex' } })).body.data;
    await handlerRunFor(again.id);
    const runs = await handlerRuns();
    expect(runs.filter((r) => r.parentRunId === failed.id)).toHaveLength(1);
    expect(runs.some((r) => r.parentRunId === fine.id)).toBe(false);
  });

  it('a failing handler starts no handler of its own', async () => {
    const selfish = await createWorkflow(server, {
      name: 'Handler that fails',
      inputs: { runId: { type: 'string' } },
      steps: [{ id: 'boom', type: 'fail', with: { message: 'the pager is down' } }],
    });
    // It is its own onFailure workflow: its first failure would loop without the rule.
    const saved = await server.api('PUT', `/v1/workflows/${selfish}`, {
      name: 'Handler that fails',
      inputs: { runId: { type: 'string' } },
      onFailure: { workflow: selfish },
      steps: [{ id: 'boom', type: 'fail', with: { message: 'the pager is down' } }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const first = (await server.api('POST', `/v1/workflows/${selfish}/runs?wait=10`, {})).body.data;
    const handled = await handlerRunFor(first.id, selfish);
    expect((await waitForRun(server, handled.id)).status).toBe('failed');
    // Let the handlers look at the handler's failure, then count: still two runs (the first and its handler).
    const marker = (await server.api('POST', `/v1/workflows/${selfish}/runs?wait=10`, {})).body.data;
    await handlerRunFor(marker.id, selfish);
    const runs = await handlerRuns(selfish);
    expect(runs.filter((r) => r.parentRunId === handled.id)).toHaveLength(0);
  });

  it('refuses an onFailure workflow that is not an active workflow of the workspace', async () => {
    const missing = await server.api('POST', '/v1/workflows', {
      name: 'Bad handler',
      onFailure: { workflow: '0123456789abcdef01234567' },
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ path: 'onFailure.workflow', message: 'no such active workflow in this workspace' }]);
    const other = await createOtherWorkspace(server);
    const theirs = await other.api('POST', '/v1/workflows', {
      name: 'Borrowed handler',
      onFailure: { workflow: handler },
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    expect(theirs.status).toBe(400);
    const malformed = await server.api('POST', '/v1/workflows', {
      name: 'Malformed',
      onFailure: { workflow: 'x' },
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    expect(malformed.status).toBe(400);
  });
});
