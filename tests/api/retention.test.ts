import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@assay/runtime';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { untilDone } from '../support/progress';

const DAY = 86_400_000;

/**
 * With ASSAY_RETENTION_DAYS, finished runs older than the period are pruned with their steps,
 * artifacts, events and deliveries, in small transactions, while runs in progress (however old) and
 * recent runs stay, and the engine keeps working.
 */
describe('retention', () => {
  let server: TestServer;
  let workflowId: string;
  const age = (ids: string[], days: number) =>
    server.assay.store.db
      .updateTable('runs')
      .set({ completed_at: Date.now() - days * DAY })
      .where('id', 'in', ids)
      .execute();
  const create = async (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: i } }).then((r) => r.body.data.id as string),
      ),
    );

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_RETENTION_DAYS: '30', ASSAY_RETENTION_BATCH: '500' });
    workflowId = await createWorkflow(server, {
      name: 'Kept a while',
      inputs: { n: { type: 'integer' } },
      steps: [
        { id: 'a', type: 'transform', with: { expression: 'input.n' } },
        { id: 'memo', type: 'document.render', needs: ['a'], with: { name: 'memo', formats: ['md'], template: '# {{ steps.a.output }}' } },
      ],
    });
  });
  afterAll(() => server.close());

  it('prunes old finished runs with everything that hangs off them, and nothing else', async () => {
    const old = await create(3);
    const recent = await create(2);
    for (const id of [...old, ...recent]) expect((await waitForRun(server, id)).status).toBe('completed');
    await age(old, 40);
    await age([recent[0] as string], 10);
    // An old run still waiting is kept, whatever its age.
    const waitingWf = await createWorkflow(server, { name: 'Waits long', steps: [{ id: 'w', type: 'wait', with: { seconds: 3600 } }] });
    const waiting = (await server.api('POST', `/v1/workflows/${waitingWf}/runs`, {})).body.data.id as string;
    await new Promise((r) => setTimeout(r, 300));
    await server.assay.store.db
      .updateTable('runs')
      .set({ created_at: Date.now() - 90 * DAY })
      .where('id', '=', waiting)
      .execute();

    const artifactBefore = await server.api('GET', `/v1/workflow-runs/${recent[1]}/artifacts/memo.md`);
    expect(artifactBefore.status).toBe(200);
    const workspaceId = (await server.assay.store.access.defaultWorkspace())?.id as string;
    const pruned = await server.assay.retention?.sweep();
    expect(pruned).toBe(3);
    for (const id of old) {
      expect((await server.api('GET', `/v1/workflow-runs/${id}`)).status).toBe(404);
      expect((await server.api('GET', `/v1/workflow-runs/${id}/artifacts/memo.md`)).status).toBe(404);
      expect(await server.assay.store.events.read({ workspaceId, runId: id, after: 0, limit: 10 })).toEqual([]);
      expect(await server.assay.store.queue.loadStepRecords(id)).toEqual([]);
    }
    for (const id of recent) expect((await server.api('GET', `/v1/workflow-runs/${id}`)).body.data.status).toBe('completed');
    expect((await server.api('GET', `/v1/workflow-runs/${waiting}`)).body.data.status).toBe('waiting');
  });

  it('prunes a large backlog in several small transactions while the engine keeps completing runs', async () => {
    const { store } = server.assay;
    const quick = await createWorkflow(server, {
      name: 'Quick',
      inputs: { n: { type: 'integer' } },
      steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n' } }],
    });
    const workspaceId = (await store.access.defaultWorkspace())?.id as string;
    const old = await Promise.all(
      Array.from({ length: 1200 }, (_, n) =>
        store.runs.create({ workspaceId, workflowId: quick, workflowVersion: 1, input: { n }, trigger: 'api' }).then((r) => r.run.id),
      ),
    );
    server.assay.engine.notify();
    const completed = async () =>
      Number(
        (
          await store.db
            .selectFrom('runs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('workflow_id', '=', quick)
            .where('status', '=', 'completed')
            .executeTakeFirst()
        )?.n,
      );
    await untilDone(
      async () => {
        const n = await completed();
        return { done: n >= 1200 ? true : null, progress: n };
      },
      { what: 'the backlog of 1,200 runs', stallMs: 60_000, intervalMs: 100 },
    );
    await age(old, 45);
    const calls: number[] = [];
    const prune = store.retention.pruneFinishedRuns.bind(store.retention);
    store.retention.pruneFinishedRuns = async (options) => {
      const result = await prune(options);
      calls.push(result.runs);
      return result;
    };
    const meanwhile = create(50);
    const pruned = await server.assay.retention?.sweep();
    expect(pruned).toBe(1200);
    expect(calls).toEqual([500, 500, 200]);
    expect(await completed()).toBe(0);
    for (const id of await meanwhile) expect((await waitForRun(server, id)).status).toBe('completed');
  });

  it('refuses a bad setting, naming it', () => {
    expect(() => loadConfig({ ASSAY_RETENTION_DAYS: 'forever' })).toThrow(ConfigError);
    expect(() => loadConfig({ ASSAY_RETENTION_DAYS: '-1' })).toThrow(/ASSAY_RETENTION_DAYS/);
  });
});
