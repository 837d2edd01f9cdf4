import type { Run } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { AssayClient, AssayTimeoutError } from './index';

/**
 * A fetch stand-in answering each request from a function, recording the requests. Event streams
 * answer with `sse` (Server-Sent Events text) when given, else as a server without them would (404).
 */
function fakeFetch(answer: (method: string, url: URL) => { status: number; body: unknown }, sse?: () => string) {
  const calls: string[] = [];
  const fetch = (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    if (url.pathname.endsWith('/events')) {
      if (!sse)
        return new Response(JSON.stringify({ error: 'no route', code: 'not_found' }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        });
      const text = sse();
      return text
        ? new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } })
        : new Response(null, { status: 204 });
    }
    const { status, body } = answer(init?.method ?? 'GET', url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const sseEvent = (id: number, type: string) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id: String(id), type, runId: 'r1', data: {} })}\n\n`;

const run = (status: Run['status'], steps: Array<Partial<Run['steps'][number]>> = []): Partial<Run> => ({
  id: 'r1',
  status,
  steps: steps as Run['steps'],
});

describe('waiting for runs', () => {
  it('waitFor follows the run event stream, resuming after the last event when the connection ends', async () => {
    const answers = [sseEvent(1, 'run.started') + sseEvent(2, 'step.started'), sseEvent(3, 'run.completed'), ''];
    const sent: string[] = [];
    const { fetch, calls } = fakeFetch(
      () => ({ status: 200, body: { data: run('completed') } }),
      () => answers.shift() ?? '',
    );
    const recording = (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get('last-event-id') ?? '-');
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const client = new AssayClient({ baseUrl: 'http://assay.test', clientId: 'c', apiKey: 'k', fetch: recording });
    const events = [];
    for await (const event of client.runs.events('r1')) events.push(event.type);
    expect(events).toEqual(['run.started', 'step.started', 'run.completed']);
    expect(sent).toEqual(['-', '2', '3']);
    expect((await client.runs.waitFor('r1')).status).toBe('completed');
    expect(calls.filter((c) => !c.endsWith('/events'))).toEqual(['GET /v1/workflow-runs/r1']);
  });

  it('createAndWait asks the server to wait (bounded by the timeout), then polls when there is no event stream', async () => {
    const states = [run('running'), run('running'), run('completed')];
    const { fetch, calls } = fakeFetch((method) => ({
      status: method === 'POST' ? 201 : 200,
      body: { data: method === 'POST' ? run('queued') : states.shift() },
    }));
    const client = new AssayClient({ baseUrl: 'http://assay.test', clientId: 'c', apiKey: 'k', fetch });
    const done = await client.runs.createAndWait('w1', { input: { a: 1 } }, { timeoutMs: 5000, intervalMs: 1 });
    expect(done.status).toBe('completed');
    expect(calls).toEqual([
      'POST /v1/workflows/w1/runs?wait=5',
      'GET /v1/workflow-runs/r1/events',
      'GET /v1/workflow-runs/r1',
      'GET /v1/workflow-runs/r1',
      'GET /v1/workflow-runs/r1',
    ]);
  });

  it('waitFor reports each change once and times out with the last state', async () => {
    const states = [
      run('running', [{ id: 'a', status: 'running', attempts: 1 }]),
      run('running', [{ id: 'a', status: 'running', attempts: 1 }]),
      run('running', [{ id: 'a', status: 'completed', attempts: 1 }]),
    ];
    const { fetch } = fakeFetch(() => ({ status: 200, body: { data: states.length > 1 ? states.shift() : states[0] } }));
    const client = new AssayClient({ baseUrl: 'http://assay.test', clientId: 'c', apiKey: 'k', fetch });
    const changes: string[] = [];
    const error = await client.runs
      .waitFor('r1', { intervalMs: 5, timeoutMs: 100, onChange: (r) => changes.push(r.steps.map((s) => s.status).join()) })
      .catch((e: unknown) => e);
    expect(changes).toEqual(['running', 'completed']);
    expect(error).toBeInstanceOf(AssayTimeoutError);
    expect((error as AssayTimeoutError).run.status).toBe('running');
  });
});
