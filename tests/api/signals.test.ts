import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, startTestServerIn, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace } from '../support/other-workspace';
import { untilDone } from '../support/progress';

/** A workflow that waits for a system's answer, checked against a schema, and uses it. */
const definition = (waitFirst = 0, timeoutSeconds = 3600) => ({
  name: 'Wait for the credit check',
  inputs: { company: { type: 'string', required: true } },
  steps: [
    ...(waitFirst > 0 ? [{ id: 'pause', type: 'wait', with: { seconds: waitFirst } }] : []),
    {
      id: 'credit',
      type: 'wait.signal',
      ...(waitFirst > 0 && { needs: ['pause'] }),
      with: {
        name: 'credit-check',
        timeoutSeconds,
        schema: {
          type: 'object',
          properties: { rating: { type: 'string', enum: ['A', 'B', 'C'] }, limit: { type: 'number' } },
          required: ['rating'],
        },
      },
    },
    { id: 'verdict', type: 'transform', needs: ['credit'], with: { expression: 'input.company & ": " & steps.credit.output.rating' } },
  ],
  output: { verdict: '{{ steps.verdict.output }}', credit: '{{ steps.credit.output }}' },
});

/**
 * `wait.signal` through the API, on both databases: the run parks (no worker held) until
 * `POST /v1/workflow-runs/{id}/signals/{name}` delivers a payload (checked against the step's
 * schema), also when the signal comes before the run reaches the step and across a restart; it
 * fails when the timeout passes first.
 */
describe('signals', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const start = async (workflowId: string) =>
    (await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'Acme' } })).body.data.id as string;
  const waiting = (runId: string, on = server) =>
    untilDone(
      async () => {
        const run = (await on.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
        return { done: run.status === 'waiting' ? run : null, progress: run.status };
      },
      { what: `run ${runId} to park`, stallMs: 30_000, intervalMs: 20 },
    );
  const signal = (runId: string, name: string, body: unknown, on = server) =>
    on.api('POST', `/v1/workflow-runs/${runId}/signals/${name}`, body);

  it('parks until the signal comes, then the step outputs its payload', async () => {
    const workflowId = await createWorkflow(server, definition());
    const runId = await start(workflowId);
    const parked = await waiting(runId);
    expect(parked.steps.find((s: { id: string }) => s.id === 'credit').status).toBe('running');
    const sent = await signal(runId, 'credit-check', { payload: { rating: 'A', limit: 250000 } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.data).toEqual({ runId, name: 'credit-check', payload: { rating: 'A', limit: 250000 } });
    const run = await waitForRun(server, runId);
    expect(run.status).toBe('completed');
    expect(run.output).toEqual({ verdict: 'Acme: A', credit: { rating: 'A', limit: 250000 } });
    // One signal per run and name.
    expect((await signal(runId, 'credit-check', { payload: { rating: 'B' } })).status).toBe(409);
  });

  it('keeps a signal sent before the run reaches the step', async () => {
    const workflowId = await createWorkflow(server, definition(1));
    const runId = await start(workflowId);
    expect((await signal(runId, 'credit-check', { payload: { rating: 'B' } })).status).toBe(202);
    const run = await waitForRun(server, runId);
    expect(run.status).toBe('completed');
    expect(run.output.verdict).toBe('Acme: B');
  });

  it('fails the step when the timeout passes first, naming the signal', async () => {
    const workflowId = await createWorkflow(server, definition(0, 1));
    const run = await waitForRun(server, await start(workflowId));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'step_timeout', stepId: 'credit', message: 'no signal "credit-check" arrived within 1 s' });
    // Too late now.
    expect((await signal(run.id, 'credit-check', { payload: { rating: 'A' } })).status).toBe(409);
  });

  it('refuses a payload that misses the schema, an unknown name and a bad name (400), and another workspace (404)', async () => {
    const workflowId = await createWorkflow(server, definition());
    const runId = await start(workflowId);
    const bad = await signal(runId, 'credit-check', { payload: { rating: 'Z' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toEqual({ path: 'payload.rating', message: 'must be equal to one of the allowed values ("A", "B", "C")' });
    const missing = await signal(runId, 'credit-check', { payload: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain("must have required property 'rating'");
    const unknown = await signal(runId, 'approval', { payload: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('name: the run\'s workflow has no wait.signal step for a signal named "approval"');
    expect((await signal(runId, 'bad name!', { payload: {} })).status).toBe(400);
    expect((await signal(runId, 'credit-check', { payload: { rating: 'A' }, extra: 1 })).status).toBe(400);
    const other = await createOtherWorkspace(server);
    expect((await signal(runId, 'credit-check', { payload: { rating: 'A' } }, other as unknown as TestServer)).status).toBe(404);
    expect((await signal('0123456789abcdef01234567', 'credit-check', { payload: { rating: 'A' } })).status).toBe(404);
    // Still waiting, and still answerable.
    expect((await signal(runId, 'credit-check', { payload: { rating: 'C' } })).status).toBe(202);
    expect((await waitForRun(server, runId)).output.verdict).toBe('Acme: C');
  });

  it('keeps a parked run across a restart, and the signal still resumes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-signals-'));
    try {
      let first: TestServer | null = await startTestServerIn(dir);
      const workflowId = await createWorkflow(first, definition());
      const runId = (await first.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'Acme' } })).body.data.id as string;
      await waiting(runId, first);
      await first.close();
      first = null;
      const second = await startTestServerIn(dir);
      try {
        expect((await signal(runId, 'credit-check', { payload: { rating: 'A' } }, second)).status).toBe(202);
        const run = await waitForRun(second, runId);
        expect(run.output.verdict).toBe('Acme: A');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
