import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoggedServer, type LoggedServer } from '../support/logged-server';

const SECRET = 'tok_live_4f9a8b7c6d5e4f3a2b1c';

/**
 * A credential planted in a workspace, used by steps that echo it back and that fail with it in the
 * error: the value appears in no API answer and no log line.
 */
describe('a credential value never leaks', () => {
  let server: LoggedServer;
  let echo: Server;
  let echoUrl: string;
  const answers: string[] = [];
  const api = async (method: string, urlPath: string, body?: unknown) => {
    const answer = await server.api(method, urlPath, body);
    answers.push(JSON.stringify(answer.body));
    return answer;
  };

  beforeAll(async () => {
    // Echoes the Authorization header back, or refuses with it in the error body.
    echo = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      if (req.url?.startsWith('/refuse')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `token ${auth} is not allowed` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ youSent: auth }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    server = await startLoggedServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' }, 'debug');
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('is redacted from outputs, errors, run records, lists and logs', async () => {
    expect((await api('POST', '/v1/credentials', { name: 'crm', type: 'token', value: SECRET })).status).toBe(201);
    const created = await api('POST', '/v1/workflows', {
      name: 'Leaky',
      steps: [
        { id: 'echo', type: 'http.request', with: { url: `${echoUrl}/echo`, credential: 'crm' } },
        { id: 'copy', type: 'transform', needs: ['echo'], with: { expression: 'steps.echo.output.body' } },
      ],
      output: { sent: '{{ steps.echo.output.body.youSent }}' },
    });
    const failing = await api('POST', '/v1/workflows', {
      name: 'Refused',
      steps: [{ id: 'call', type: 'http.request', with: { url: `${echoUrl}/refuse`, credential: 'crm' } }],
    });
    const ok = (await api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=20`, {})).body.data;
    const bad = (await api('POST', `/v1/workflows/${failing.body.data.id}/runs?wait=20`, {})).body.data;
    expect(ok.status).toBe('completed');
    expect(ok.output.sent).toBe('Bearer [redacted]');
    expect(bad.status).toBe('failed');
    expect(bad.error.message).toContain('403');

    await api('GET', `/v1/workflow-runs/${ok.id}`);
    await api('GET', `/v1/workflow-runs/${bad.id}`);
    await api('GET', '/v1/workflow-runs?limit=100');
    await api('GET', `/v1/workflows/${created.body.data.id}/runs`);
    await api('GET', '/v1/credentials');
    await api('GET', `/v1/workflows/${created.body.data.id}`);
    for (const answer of answers) expect(answer).not.toContain(SECRET);
    const logs = server.text().split('\n');
    expect(logs.length).toBeGreaterThan(1);
    for (const line of logs) expect(line).not.toContain(SECRET);
  });
});
