import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';
import { openSse } from '../support/sse';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { workspaceSnapshot } from '../support/workspace-snapshot';

const A_SECRET = 'victim-crm-token-7f3a9c';
const DEFINITION = {
  name: 'Victim',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 's', type: 'transform', with: { expression: 'input.n' } }],
};
const ids = (answer: { body: { data: Array<{ id: string }> } }) => answer.body.data.map((item) => item.id);

/**
 * Attacks across workspaces: an attacker holding an admin key of workspace B goes after workspace A
 * (the test server's default workspace) by id, by name and from inside its own workflows' steps.
 * Everything of A's answers 404 to B, nothing of A's reaches B's lists, streams or event endpoints,
 * and A's data is exactly as it was afterwards.
 */
describe("attacks on another workspace's data", () => {
  let server: TestServer;
  let b: OtherWorkspace;
  let receiver: WebhookReceiver;
  const a = {} as Record<
    | 'workflow'
    | 'run'
    | 'failedRun'
    | 'waitingRun'
    | 'artifactRun'
    | 'batch'
    | 'dataset'
    | 'credential'
    | 'schedule'
    | 'endpoint'
    | 'delivery'
    | 'key'
    | 'user'
    | 'slug',
    string
  >;

  /** Polls one of B's runs (with B's key) until it is finished. */
  async function finishedAsB(runId: string): Promise<any> {
    for (;;) {
      const run = (await b.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
      if (['completed', 'failed', 'cancelled'].includes(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  /** Saves a workflow in B and runs it to the end. */
  async function runAsB(definition: unknown): Promise<any> {
    const created = await b.api('POST', '/v1/workflows', definition);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const started = await b.api('POST', `/v1/workflows/${created.body.data.id}/runs`, {});
    expect(started.status).toBe(201);
    return finishedAsB(started.body.data.id);
  }
  const snapshotOfA = () => workspaceSnapshot(server.url, server.headers);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_POLL_MS: '100', ASSAY_SSE_HEARTBEAT_MS: '200' });
    a.workflow = await createWorkflow(server, DEFINITION);
    const trigger = await server.api('PUT', `/v1/workflows/${a.workflow}/trigger`, { verification: 'signature' });
    a.slug = trigger.body.data.slug;
    a.endpoint = (
      await server.api('POST', '/v1/event-endpoints', {
        url: `${receiver.url}/a`,
        events: ['run.completed', 'run.failed', 'batch.completed'],
      })
    ).body.data.id;
    a.run = (await server.api('POST', `/v1/workflows/${a.workflow}/runs?wait=20`, { input: { n: 7 } })).body.data.id;
    const failing = await createWorkflow(server, { name: 'Victim fails', steps: [{ id: 'f', type: 'fail', with: { message: 'no' } }] });
    a.failedRun = (await server.api('POST', `/v1/workflows/${failing}/runs?wait=20`, {})).body.data.id;
    const parked = await createWorkflow(server, { name: 'Victim parked', steps: [{ id: 'w', type: 'wait', with: { seconds: 3600 } }] });
    a.waitingRun = (await server.api('POST', `/v1/workflows/${parked}/runs`, {})).body.data.id;
    const memo = await createWorkflow(server, {
      name: 'Victim memo',
      steps: [{ id: 'memo', type: 'document.render', with: { name: 'memo', formats: ['md'], template: '# Confidential to A' } }],
    });
    a.artifactRun = (await server.api('POST', `/v1/workflows/${memo}/runs?wait=20`, {})).body.data.id;
    a.batch = (await server.api('POST', `/v1/workflows/${a.workflow}/batches`, { inputs: [{ n: 1 }, { n: 2 }] })).body.data.id;
    a.dataset = (
      await server.api('POST', '/v1/datasets', { name: 'a-companies', keys: ['id'], rows: [{ id: 'c1', name: 'A Corp' }] })
    ).body.data.id;
    a.credential = (await server.api('POST', '/v1/credentials', { name: 'a-token', value: A_SECRET })).body.data.id;
    a.schedule = (await server.api('POST', `/v1/workflows/${a.workflow}/schedules`, { cron: '0 0 1 1 *', input: { n: 1 } })).body.data.id;
    a.key = (await server.api('POST', '/v1/keys', { name: 'a reader', scope: 'read' })).body.data.id;
    a.user = (
      await server.api('POST', '/v1/users', {
        email: 'a-viewer@example.com',
        name: 'Vi',
        password: 'a long enough password',
        role: 'viewer',
      })
    ).body.data.id;
    for (const [name, id] of Object.entries(a)) expect(id, name).toMatch(/^[0-9a-f]{24,32}$/);
    for (;;) {
      const batch = (await server.api('GET', `/v1/batches/${a.batch}`)).body.data;
      const deliveries = (await server.api('GET', `/v1/event-endpoints/${a.endpoint}/deliveries`)).body.data as Array<{
        id: string;
        status: string;
      }>;
      if (batch.status === 'completed' && deliveries.length >= 4 && deliveries.every((d) => d.status === 'delivered')) {
        a.delivery = deliveries[0]!.id;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    b = await createOtherWorkspace(server, 'attacker');
  }, 180_000);
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it("answers 404 to every read, change and action on another workspace's resources, and changes nothing", async () => {
    const before = await snapshotOfA();
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/workflows/${a.workflow}`],
      ['PUT', `/v1/workflows/${a.workflow}`, { ...DEFINITION, name: 'Hijacked' }],
      ['DELETE', `/v1/workflows/${a.workflow}`],
      ['GET', `/v1/workflows/${a.workflow}/versions`],
      ['POST', `/v1/workflows/${a.workflow}/versions/restore`, { version: 1 }],
      ['GET', `/v1/workflows/${a.workflow}/runs`],
      ['POST', `/v1/workflows/${a.workflow}/runs`, { input: { n: 1 } }],
      ['POST', `/v1/workflows/${a.workflow}/batches`, { inputs: [{ n: 1 }] }],
      ['GET', `/v1/workflows/${a.workflow}/trigger`],
      ['PUT', `/v1/workflows/${a.workflow}/trigger`, { verification: 'none' }],
      ['POST', `/v1/workflows/${a.workflow}/trigger/webhook-secret/rotate`],
      ['POST', `/v1/workflows/${a.workflow}/trigger/webhook-secret/reveal`],
      ['GET', `/v1/workflows/${a.workflow}/schedules`],
      ['POST', `/v1/workflows/${a.workflow}/schedules`, { cron: '* * * * *' }],
      ['GET', `/v1/workflow-runs/${a.run}`],
      ['GET', `/v1/workflow-runs/${a.run}/events`],
      ['GET', `/v1/workflow-runs/${a.waitingRun}/events`],
      ['GET', `/v1/workflow-runs/${a.artifactRun}/artifacts/memo.md`],
      ['POST', `/v1/workflow-runs/${a.failedRun}/retry`],
      ['POST', `/v1/workflow-runs/${a.run}/rerun`],
      ['POST', `/v1/workflow-runs/${a.waitingRun}/cancel`],
      ['GET', `/v1/batches/${a.batch}`],
      ['GET', `/v1/batches/${a.batch}/runs`],
      ['GET', `/v1/batches/${a.batch}/results`],
      ['GET', `/v1/batches/${a.batch}/results?format=jsonl`],
      ['POST', `/v1/batches/${a.batch}/cancel`],
      ['POST', `/v1/batches/${a.batch}/retry-failed`],
      ['GET', `/v1/datasets/${a.dataset}`],
      ['GET', `/v1/datasets/${a.dataset}/rows`],
      ['PUT', `/v1/datasets/${a.dataset}/rows`, [{ id: 'c9' }]],
      ['POST', `/v1/datasets/${a.dataset}/rows`, [{ id: 'c9' }]],
      ['DELETE', `/v1/datasets/${a.dataset}`],
      ['PUT', `/v1/credentials/${a.credential}`, { value: 'overwritten-by-b' }],
      ['DELETE', `/v1/credentials/${a.credential}`],
      ['GET', `/v1/schedules/${a.schedule}`],
      ['PATCH', `/v1/schedules/${a.schedule}`, { cron: '* * * * *' }],
      ['DELETE', `/v1/schedules/${a.schedule}`],
      ['GET', `/v1/event-endpoints/${a.endpoint}`],
      ['PATCH', `/v1/event-endpoints/${a.endpoint}`, { url: `${receiver.url}/stolen` }],
      ['DELETE', `/v1/event-endpoints/${a.endpoint}`],
      ['POST', `/v1/event-endpoints/${a.endpoint}/secret/rotate`],
      ['GET', `/v1/event-endpoints/${a.endpoint}/deliveries`],
      ['POST', `/v1/event-endpoints/${a.endpoint}/deliveries/${a.delivery}/redeliver`],
      ['DELETE', `/v1/keys/${a.key}`],
      ['PATCH', `/v1/users/${a.user}`, { role: 'admin' }],
      ['DELETE', `/v1/users/${a.user}`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await b.api(method, path, body);
      expect(answer.status, `${method} ${path} → ${JSON.stringify(answer.body)}`).toBe(404);
      expect(JSON.stringify(answer.body), `${method} ${path}`).not.toMatch(/A Corp|Confidential|victim/i);
    }
    expect(await snapshotOfA()).toEqual(before);
  });

  it("shows none of another workspace's resources in lists, even filtered by its ids", async () => {
    const lists = [
      '/v1/workflows?archived=all',
      '/v1/workflow-runs',
      '/v1/batches',
      '/v1/datasets',
      '/v1/credentials',
      '/v1/schedules',
      '/v1/event-endpoints',
      '/v1/users',
      '/v1/audit-log',
    ];
    const filtered = [
      `/v1/workflow-runs?workflowId=${a.workflow}`,
      `/v1/workflow-runs?batchId=${a.batch}`,
      `/v1/audit-log?targetId=${a.workflow}`,
      `/v1/audit-log?targetId=${a.credential}`,
    ];
    const everyIdOfA = Object.values(a);
    for (const path of [...lists, ...filtered]) {
      const answer = await b.api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1000`);
      expect(answer.status, path).toBe(200);
      const text = JSON.stringify(answer.body.data);
      for (const id of everyIdOfA) expect(text, `${path} shows ${id}`).not.toContain(id);
    }
    expect((await b.api('GET', `/v1/workflow-runs?workflowId=${a.workflow}&limit=1000`)).body.data).toEqual([]);
    expect((await b.api('GET', '/v1/keys/current')).body.data.workspaceId).toBe(b.id);
  });

  it("cannot start another workspace's workflow from a workflow.run or map step by its id", async () => {
    const runsOfA = ids(await server.api('GET', `/v1/workflows/${a.workflow}/runs?limit=1000`));
    const child = await runAsB({
      name: 'B child',
      steps: [{ id: 'call', type: 'workflow.run', with: { workflow: a.workflow, input: { n: 1 } } }],
    });
    expect(child.status).toBe('failed');
    expect(child.error.message).toMatch(/not found/);
    const mapped = await runAsB({
      name: 'B map',
      steps: [{ id: 'each', type: 'map', with: { items: '[{"n": 1}, {"n": 2}]', workflow: a.workflow } }],
    });
    expect(mapped.status).toBe('failed');
    expect(mapped.error.message).toMatch(/not found/);
    expect(ids(await server.api('GET', `/v1/workflows/${a.workflow}/runs?limit=1000`))).toEqual(runsOfA);
  });

  it("cannot read another workspace's dataset by name from a dataset.lookup step", async () => {
    for (const dataset of ['a-companies', a.dataset]) {
      const looked = await runAsB({
        name: 'B lookup',
        steps: [{ id: 'l', type: 'dataset.lookup', with: { dataset, where: { id: 'c1' } } }],
      });
      expect(looked.status).toBe('failed');
      expect(looked.error.message).toContain('does not exist in this workspace');
      expect(JSON.stringify(looked)).not.toContain('A Corp');
    }
  });

  it("cannot use another workspace's credential in a step: the step fails and the secret is never sent", async () => {
    const sent = receiver.received.length;
    const called = await runAsB({
      name: 'B steal',
      steps: [{ id: 'call', type: 'http.request', with: { url: `${receiver.url}/b-steal`, credential: 'a-token' } }],
    });
    expect(called.status).toBe('failed');
    expect(called.error.message).toMatch(/credential/i);
    const queried = await runAsB({
      name: 'B sql',
      steps: [{ id: 'q', type: 'sql.query', with: { connection: 'a-token', sql: 'select 1' } }],
    });
    expect(queried.status).toBe('failed');
    expect(queried.error.message).toMatch(/credential/i);
    const newRequests = receiver.received.slice(sent);
    expect(newRequests.filter((r) => r.path === '/b-steal')).toEqual([]);
    expect(JSON.stringify(newRequests)).not.toContain(A_SECRET);
  });

  it("cannot aim its batches, event endpoints or schedules at another workspace's workflow or dataset", async () => {
    const before = await snapshotOfA();
    const own = await b.api('POST', '/v1/workflows', { ...DEFINITION, name: 'B own' });
    const fromDataset = await b.api('POST', `/v1/workflows/${own.body.data.id}/batches`, { datasetId: a.dataset, mapping: { n: 'id' } });
    expect([400, 404]).toContain(fromDataset.status);
    const endpoint = await b.api('POST', '/v1/event-endpoints', {
      url: `${receiver.url}/b-spy`,
      events: ['run.completed'],
      workflowId: a.workflow,
    });
    expect(endpoint.status).toBe(400);
    expect(endpoint.body.details).toEqual([expect.objectContaining({ path: 'workflowId' })]);
    expect((await b.api('GET', '/v1/batches')).body.data).toEqual([]);
    expect((await b.api('GET', '/v1/event-endpoints')).body.data).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
  });

  it("never carries another workspace's events on the workspace event stream, live or replayed from the start", async () => {
    const stream = await openSse(`${server.url}/v1/events`, b.headers);
    expect(stream.status).toBe(200);
    try {
      // A acts, then B: once B's own run shows on B's stream, A's events (earlier in the log) would have too.
      const aRun = (await server.api('POST', `/v1/workflows/${a.workflow}/runs?wait=20`, { input: { n: 11 } })).body.data.id;
      const bWorkflow = (await b.api('POST', '/v1/workflows', { ...DEFINITION, name: 'B events' })).body.data.id;
      const bRun = (await b.api('POST', `/v1/workflows/${bWorkflow}/runs?wait=20`, { input: { n: 12 } })).body.data.id;
      await stream.waitUntil((m) => m.event === 'run.completed' && m.data.includes(bRun), 45_000);
      const replay = await openSse(`${server.url}/v1/events?after=0`, b.headers);
      try {
        await replay.waitUntil((m) => m.event === 'run.completed' && m.data.includes(bRun), 45_000);
        const workflowsOfB = ids(await b.api('GET', '/v1/workflows?archived=all&limit=1000'));
        expect(replay.messages.length).toBeGreaterThan(stream.messages.length);
        for (const message of [...stream.messages, ...replay.messages]) {
          // (A's workflow id may appear in B's own failed steps above, which named it themselves.)
          for (const id of [aRun, a.run, a.batch]) expect(message.data).not.toContain(id);
          expect(workflowsOfB).toContain(JSON.parse(message.data).workflowId);
        }
      } finally {
        replay.close();
      }
    } finally {
      stream.close();
    }
  });

  it("sends nothing of another workspace's when filtering the event stream by its run or workflow id", async () => {
    for (const query of [`runId=${a.run}`, `workflowId=${a.workflow}`, `batchId=${a.batch}`]) {
      const stream = await openSse(`${server.url}/v1/events?after=0&${query}`, b.headers);
      try {
        expect(stream.status).toBe(200);
        // The replay is read as the stream opens, and read again at every poll (100 ms): three
        // heartbeats (200 ms apart) later, anything the filter let through would have been sent.
        await new Promise<void>((resolve) => {
          const check = setInterval(() => {
            if (stream.comments.length >= 3) {
              clearInterval(check);
              resolve();
            }
          }, 10);
        });
        expect(stream.messages, query).toEqual([]);
      } finally {
        stream.close();
      }
    }
  });

  it("never delivers another workspace's events to an endpoint it creates for every workflow", async () => {
    const endpoint = await b.api('POST', '/v1/event-endpoints', {
      url: `${receiver.url}/b-all`,
      events: ['run.completed', 'run.failed', 'batch.completed'],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const aRun = (await server.api('POST', `/v1/workflows/${a.workflow}/runs?wait=20`, { input: { n: 21 } })).body.data.id;
    await waitForRun(server, aRun);
    const bWorkflow = (await b.api('POST', '/v1/workflows', { ...DEFINITION, name: 'B delivered' })).body.data.id;
    const bRun = (await b.api('POST', `/v1/workflows/${bWorkflow}/runs?wait=20`, { input: { n: 22 } })).body.data.id;
    await receiver.waitFor(1, { filter: (r) => r.path === '/b-all' && r.body.includes(bRun), timeoutMs: 20_000 });
    // Deliveries are queued in the order of the event log, so A's run (earlier) would be queued by now.
    const queued = (await b.api('GET', `/v1/event-endpoints/${endpoint.body.data.id}/deliveries?limit=1000`)).body.data;
    expect(JSON.stringify(queued)).not.toContain(aRun);
    const toB = receiver.received.filter((r) => r.path === '/b-all');
    expect(toB.length).toBeGreaterThan(0);
    for (const request of toB) {
      expect(request.body).not.toContain(aRun);
      expect(request.body).not.toContain(a.workflow);
    }
  });

  it("leaves workspace A's data exactly as it was, and A's own calls still work", async () => {
    expect((await server.api('GET', `/v1/workflows/${a.workflow}`)).body.data).toMatchObject({
      name: 'Victim',
      version: 1,
      archivedAt: null,
      trigger: { slug: a.slug, enabled: true, verification: 'signature' },
    });
    expect((await server.api('GET', `/v1/workflow-runs/${a.run}`)).body.data).toMatchObject({ status: 'completed', output: 7 });
    expect((await server.api('GET', `/v1/workflow-runs/${a.waitingRun}`)).body.data.status).toBe('waiting');
    expect((await server.api('GET', `/v1/datasets/${a.dataset}/rows`)).body.data).toEqual([{ id: 'c1', name: 'A Corp' }]);
    expect((await server.api('GET', `/v1/schedules/${a.schedule}`)).body.data).toMatchObject({ cron: '0 0 1 1 *', enabled: true });
    expect((await server.api('GET', `/v1/event-endpoints/${a.endpoint}`)).body.data).toMatchObject({
      url: `${receiver.url}/a`,
      enabled: true,
    });
    expect((await server.api('GET', '/v1/keys')).body.data.map((k: { id: string }) => k.id)).toContain(a.key);
    expect((await server.api('GET', '/v1/users')).body.data.find((u: { id: string }) => u.id === a.user)).toMatchObject({ role: 'viewer' });
    const actors = (await server.api('GET', '/v1/audit-log?limit=1000')).body.data.map((e: { actorName: string }) => e.actorName);
    expect(actors.filter((name: string) => name.includes('attacker'))).toEqual([]);
  });
});
