import type { RunEvent } from '@assay/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

/** The engine's in-process events and the durable event log speak one vocabulary. */
describe('engine events', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('names what happened to a run and its steps as the durable event log does', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'vocabulary',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1' } },
        { id: 'b', type: 'transform', needs: ['a'], if: 'false', with: { expression: '2' } },
        { id: 'c', type: 'transform', needs: ['a'], with: { expression: '$error("no")' } },
      ],
    });
    const seen: RunEvent[] = [];
    const off = server.assay.engine.onRunEvent((event) => seen.push(event));
    const { body } = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: {} });
    const run = await waitForRun(server, body.data.id);
    off();
    expect(run.status).toBe('failed');
    const mine = seen.filter((event) => event.runId === run.id);
    expect(mine.map((event) => ('stepId' in event ? `${event.type}:${event.stepId}` : event.type)).sort()).toEqual([
      'run.failed',
      'step.completed:a',
      'step.failed:c',
      'step.skipped:b',
    ]);
    const durable = await server.assay.store.events.read({ workspaceId: mine[0]!.workspaceId, after: 0, runId: run.id, limit: 100 });
    const durableTypes = new Set(durable.map((event) => event.type));
    for (const event of mine) expect(durableTypes, event.type).toContain(event.type);
  });
});
