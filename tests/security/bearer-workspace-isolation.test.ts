import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';

const DEFINITION = {
  name: 'Victim',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 's', type: 'transform', with: { expression: 'input.n' } }],
};

/**
 * An attacker holding a Bearer token of workspace B goes after a run of workspace A (the test
 * server's default workspace): the token is B's key, so A's run answers 404 as it does to B's key
 * headers, and a token made of A's client id with B's secret is no key at all.
 */
describe("a Bearer token of another workspace cannot read this workspace's runs", () => {
  let server: TestServer;
  let b: OtherWorkspace;
  let bToken: string;
  let bSecret: string;
  let aRunId: string;
  let aWorkflowId: string;
  const asBearer = (token: string, method: string, path: string, body?: unknown) =>
    request(server.url, method, path, { authorization: `Bearer ${token}` }, body);

  beforeAll(async () => {
    server = await startTestServer();
    b = await createOtherWorkspace(server, 'attacker');
    // B's admin makes itself a key through the API, as an attacker would, and gets its token.
    const created = await b.api('POST', '/v1/keys', { name: 'attacker token', scope: 'admin' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    bToken = created.body.data.token;
    bSecret = created.body.data.secret;
    aWorkflowId = await createWorkflow(server, DEFINITION);
    const run = await server.api('POST', `/v1/workflows/${aWorkflowId}/runs`, { input: { n: 7 } });
    expect(run.status).toBe(201);
    aRunId = run.body.data.id;
  });
  afterAll(() => server?.close());

  it("answers 404 for A's run and its workflow, and leaves them out of B's lists", async () => {
    expect((await asBearer(bToken, 'GET', '/v1/keys/current')).body.data.workspaceId).toBe(b.id);
    const run = await asBearer(bToken, 'GET', `/v1/workflow-runs/${aRunId}`);
    expect(run.status).toBe(404);
    expect(JSON.stringify(run.body)).not.toContain('"n":7');
    expect((await asBearer(bToken, 'GET', `/v1/workflows/${aWorkflowId}`)).status).toBe(404);
    expect((await asBearer(bToken, 'GET', `/v1/workflow-runs/${aRunId}/events`)).status).toBe(404);
    const runs = await asBearer(bToken, 'GET', '/v1/workflow-runs');
    expect(runs.status).toBe(200);
    expect(runs.body.data.map((r: { id: string }) => r.id)).not.toContain(aRunId);
  });

  it("cannot act on A's run", async () => {
    expect((await asBearer(bToken, 'POST', `/v1/workflow-runs/${aRunId}/cancel`)).status).toBe(404);
    expect((await asBearer(bToken, 'POST', `/v1/workflows/${aWorkflowId}/runs`, { input: { n: 1 } })).status).toBe(404);
    expect((await server.api('GET', `/v1/workflow-runs/${aRunId}`)).body.data.status).not.toBe('cancelled');
  });

  it("refuses A's client id with B's secret (a key is its own client id and secret)", async () => {
    const answer = await asBearer(`test-client:${bSecret}`, 'GET', `/v1/workflow-runs/${aRunId}`);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('invalid API key');
  });
});
