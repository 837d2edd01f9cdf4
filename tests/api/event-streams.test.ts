import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '@assay/server';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { openSse } from '../support/sse';

const chain = {
  name: 'Three in a row',
  inputs: { n: { type: 'number', required: true } },
  steps: [
    { id: 'a', type: 'transform', with: { expression: 'input.n + 1' } },
    { id: 'b', type: 'transform', needs: ['a'], with: { expression: 'steps.a.output * 2' } },
    { id: 'c', type: 'transform', needs: ['b'], with: { expression: 'steps.b.output - 3' } },
  ],
};
const flaky = {
  name: 'Waits, then fails',
  steps: [
    // Long enough to park the run (run.waiting) even when its checkpoint waits out a busy machine: a
    // wait with under PARK_THRESHOLD_MS (250 ms) left when the engine decides is slept through instead.
    { id: 'pause', type: 'wait', with: { seconds: 1.5 } },
    { id: 'boom', type: 'fail', needs: ['pause'], with: { message: 'nope' } },
  ],
};
const EVERY_STEP = [
  'run.queued',
  'run.started',
  'step.started',
  'step.completed',
  'step.started',
  'step.completed',
  'step.started',
  'step.completed',
  'run.completed',
];

describe('live event streams (Server-Sent Events)', () => {
  let server: TestServer;
  let workflowId: string;
  const url = (path: string) => server.url + path;

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_SSE_HEARTBEAT_MS: '200' });
    workflowId = await createWorkflow(server, chain);
  });
  afterAll(() => server.close());

  it('shows a client connected before a run starts every step event in order, with increasing ids', async () => {
    const stream = await openSse(url(`/v1/events?workflowId=${workflowId}`), server.headers);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 1 } })).body.data;
    const messages = await stream.waitFor(EVERY_STEP.length);
    stream.close();
    expect(messages.map((m) => m.event)).toEqual(EVERY_STEP);
    const events = messages.map((m) => JSON.parse(m.data));
    expect(events.every((e) => e.runId === run.id && e.workflowId === workflowId)).toBe(true);
    expect(events.filter((e) => e.type.startsWith('step.')).map((e) => `${e.stepId}:${e.data.status}`)).toEqual([
      'a:running',
      'a:completed',
      'b:running',
      'b:completed',
      'c:running',
      'c:completed',
    ]);
    const ids = messages.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.at(-1)).toMatchObject({ type: 'run.completed', data: { status: 'completed' } });
    expect(events[3].data).toMatchObject({ stepId: 'a', attempt: 1, durationMs: expect.any(Number) });
  });

  it('misses no event across a reconnect with Last-Event-ID', async () => {
    const first = await openSse(url(`/v1/events?workflowId=${workflowId}`), server.headers);
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push((await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: i } })).body.data.id);
    const seen = await first.waitFor(5);
    first.close();
    const lastId = seen.at(-1)?.id as string;
    // More happens while the client is away.
    for (let i = 0; i < 3; i++)
      runs.push((await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 10 + i } })).body.data.id);
    for (const id of runs) await waitForRun(server, id);

    const again = await openSse(url(`/v1/events?workflowId=${workflowId}`), { ...server.headers, 'Last-Event-ID': lastId });
    const total = runs.length * EVERY_STEP.length;
    const rest = await again.waitFor(total - seen.length);
    again.close();
    const all = [...seen, ...rest];
    expect(all).toHaveLength(total);
    expect(new Set(all.map((m) => m.id)).size).toBe(total);
    for (const id of runs) {
      expect(all.filter((m) => JSON.parse(m.data).runId === id).map((m) => m.event)).toEqual(EVERY_STEP);
    }
  });

  it("replays a run's whole history, follows it live and ends with it; a finished run then answers 204", async () => {
    const flakyId = await createWorkflow(server, flaky);
    const run = (await server.api('POST', `/v1/workflows/${flakyId}/runs`, {})).body.data;
    const stream = await openSse(url(`/v1/workflow-runs/${run.id}/events`), server.headers);
    await stream.ended; // the server ends the stream after the run's last event
    const types = stream.messages.map((m) => m.event);
    expect(types[0]).toBe('run.queued');
    expect(types).toContain('run.waiting');
    expect(types.slice(-3)).toEqual(['step.started', 'step.failed', 'run.failed']);
    expect(JSON.parse(stream.messages.at(-1)?.data ?? '{}').data.error).toMatchObject({ message: 'nope', stepId: 'boom' });

    // Resuming in the middle sends exactly the rest.
    const middle = stream.messages[2];
    const resumed = await openSse(url(`/v1/workflow-runs/${run.id}/events`), { ...server.headers, 'Last-Event-ID': middle?.id ?? '' });
    await resumed.ended;
    expect(resumed.messages.map((m) => m.id)).toEqual(stream.messages.slice(3).map((m) => m.id));

    const done = await openSse(url(`/v1/workflow-runs/${run.id}/events`), {
      ...server.headers,
      'Last-Event-ID': stream.messages.at(-1)?.id ?? '',
    });
    expect(done.status).toBe(204);
  });

  it('goes on after a retry: the stream of a retried run shows the new attempt', async () => {
    const flakyId = await createWorkflow(server, { ...flaky, name: 'retry me' });
    const run = (await server.api('POST', `/v1/workflows/${flakyId}/runs?wait=10`, {})).body.data;
    expect(run.status).toBe('failed');
    const before = await openSse(url(`/v1/workflow-runs/${run.id}/events`), server.headers);
    await before.ended;
    expect((await server.api('POST', `/v1/workflow-runs/${run.id}/retry`)).status).toBe(200);
    await waitForRun(server, run.id);
    const after = await openSse(url(`/v1/workflow-runs/${run.id}/events`), {
      ...server.headers,
      'Last-Event-ID': before.messages.at(-1)?.id ?? '',
    });
    await after.ended;
    expect(after.messages.map((m) => m.event)).toEqual(['run.queued', 'run.started', 'step.started', 'step.failed', 'run.failed']);
    expect(JSON.parse(after.messages[0]?.data ?? '{}').data.trigger).toBe('retry');
  });

  it('filters by event type and sends heartbeats while idle', async () => {
    const stream = await openSse(url(`/v1/events?types=run.completed,run.failed&workflowId=${workflowId}`), server.headers);
    await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 5 } });
    const done = await stream.waitUntil((m) => m.event === 'run.completed');
    await new Promise((r) => setTimeout(r, 500));
    stream.close();
    expect(stream.messages.every((m) => m.event === 'run.completed' || m.event === 'run.failed')).toBe(true);
    expect(JSON.parse(done.data).data.status).toBe('completed');
    expect(stream.comments.length).toBeGreaterThan(0);
  });

  it("answers 400 naming the parameter for a bad filter or Last-Event-ID, 404 for another workspace's run, 401 without a key", async () => {
    const badType = await server.api('GET', '/v1/events?types=run.exploded');
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body.details)).toContain('types');
    const badId = await server.api('GET', '/v1/events', undefined, { 'last-event-id': 'yesterday' });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body.details)).toContain('last-event-id');
    expect((await server.api('GET', '/v1/events?workflowId=nope')).status).toBe(400);

    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=5`, { input: { n: 2 } })).body.data;
    const workspace = await server.assay.store.access.createWorkspace('other');
    await server.assay.store.access.createKey({
      workspaceId: workspace.id,
      name: 'b',
      clientId: 'sse-b',
      secretHash: hashSecret('sse-b-secret-value-123'),
      scope: 'admin',
    });
    const asB = { 'x-metal-client-id': 'sse-b', 'x-metal-api-key': 'sse-b-secret-value-123' };
    expect((await fetch(url(`/v1/workflow-runs/${run.id}/events`), { headers: asB })).status).toBe(404);
    // B's workspace stream shows none of A's events, even replaying from the start.
    const bStream = await openSse(url('/v1/events?after=0'), asB);
    await new Promise((r) => setTimeout(r, 300));
    bStream.close();
    expect(bStream.messages).toEqual([]);
    expect((await fetch(url('/v1/events'))).status).toBe(401);
  });

  it('ends open streams when the server shuts down, so it stops promptly', async () => {
    const other = await startTestServer();
    const stream = await openSse(`${other.url}/v1/events`, other.headers);
    const started = Date.now();
    await other.assay.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(2000);
    await other.close(); // the test's own cleanup (its data directory, its database)
  });
});
