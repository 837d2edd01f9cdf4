import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSAY_VERSION } from '@assay/runtime';
import { untilDone } from '../support/progress';
import { startLoggedServer, type LoggedServer } from '../support/logged-server';

const SECRET = 'crm-secret-value-8d2f61';

/** Structured process logs: the start and the stop of a process, and one line per failed run. */
describe('process logs', () => {
  let server: LoggedServer;
  let refuser: Server;
  let refuserUrl: string;

  beforeAll(async () => {
    // Refuses every call, quoting the Authorization header it was sent in its error.
    refuser = createServer((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `token ${req.headers.authorization ?? ''} is not allowed` }));
    });
    await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    refuserUrl = `http://127.0.0.1:${(refuser.address() as AddressInfo).port}`;
    server = await startLoggedServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => refuser.close(() => resolve()));
  });

  it('says the process is ready with its role, address, database and version', () => {
    const ready = server.lines().filter((line) => line.msg === 'assay is ready');
    expect(ready).toEqual([
      expect.objectContaining({
        role: 'all',
        url: server.url,
        database: process.env.ASSAY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite',
        version: ASSAY_VERSION,
        pid: process.pid,
      }),
    ]);
  });

  it('writes one line per failed run: run, workflow, workspace and error, with the secrets scrubbed', async () => {
    expect((await server.api('POST', '/v1/credentials', { name: 'crm', type: 'token', value: SECRET })).status).toBe(201);
    const workflow = await server.api('POST', '/v1/workflows', {
      name: 'Refused',
      steps: [{ id: 'call', type: 'http.request', with: { url: `${refuserUrl}/refuse`, credential: 'crm' } }],
    });
    expect(workflow.status).toBe(201);
    const workflowId = workflow.body.data.id as string;
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status).toBe('failed');
    const ok = await server.api('POST', '/v1/workflows', {
      name: 'Fine',
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    expect((await server.api('POST', `/v1/workflows/${ok.body.data.id}/runs?wait=30`, {})).body.data.status).toBe('completed');

    // Written once the failure committed and its record was read back: wait for it to appear.
    const failed = await untilDone(
      async () => {
        const lines = server.lines().filter((line) => line.msg === 'run failed');
        return { done: lines.length > 0 ? lines : null, progress: server.lines().length };
      },
      { what: 'the failed run to be logged', stallMs: 30_000 },
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      runId: run.id,
      workflowId,
      workspaceId: (await server.api('GET', '/v1/keys')).body.data[0].workspaceId,
      error: { code: run.error.code, message: run.error.message, stepId: 'call' },
    });
    expect(failed[0]!.error).toMatchObject({ message: expect.stringContaining('403') });
    expect(server.text()).not.toContain(SECRET);
  });

  it('says it is stopping and that it stopped, last', async () => {
    await server.stop();
    const messages = server.lines().map((line) => line.msg);
    const stopping = messages.lastIndexOf('assay is stopping');
    expect(stopping).toBeGreaterThan(messages.indexOf('assay is ready'));
    expect(messages.at(-1)).toBe('assay stopped');
    expect(server.lines().at(-1)).toMatchObject({ role: 'all', durationMs: expect.any(Number) });
  });
});
