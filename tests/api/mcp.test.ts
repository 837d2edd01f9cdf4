import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { startMcpHttpServer, STDIO_SERVER_SCRIPT, type McpHttpServer } from '../support/mcp-servers';
import { createOtherWorkspace } from '../support/other-workspace';

const TOKEN = 'mcp-token-0123456789abcdef';

/**
 * MCP through the API, against real MCP servers built with the official SDK: one over streamable
 * HTTP, one over stdio. Servers are registered per workspace with a credential; their tools are
 * listed live, called by `mcp.call` steps and offered to agents.
 */
describe('MCP servers', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let mcp: McpHttpServer;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    mcp = await startMcpHttpServer();
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-mcp',
      OPENAI_BASE_URL: openai.baseURL,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_MCP_STDIO: 'true',
    });
    const credential = await server.api('POST', '/v1/credentials', { name: 'research-token', type: 'api_key', value: TOKEN });
    expect(credential.status, JSON.stringify(credential.body)).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
    await mcp.close();
  });

  async function runWorkflow(steps: unknown[]): Promise<any> {
    const created = await server.api('POST', '/v1/workflows', { name: `MCP ${Math.random()}`, steps });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, {});
    expect(run.status).toBe(201);
    return run.body.data;
  }

  it('registers a streamable HTTP server with a credential and lists its tools', async () => {
    const created = await server.api('POST', '/v1/mcp-servers', {
      name: 'research',
      description: 'Company research tools',
      transport: { type: 'http', url: mcp.url },
      credential: { name: 'research-token' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'research',
      transport: { type: 'http', url: mcp.url },
      credential: { name: 'research-token', header: 'authorization' },
    });
    const listed = await server.api('GET', '/v1/mcp-servers');
    expect(listed.body.data.map((s: { name: string }) => s.name)).toContain('research');

    const tools = await server.api('GET', `/v1/mcp-servers/${created.body.data.id}/tools`);
    expect(tools.status, JSON.stringify(tools.body)).toBe(200);
    expect(tools.body.data.map((t: { name: string }) => t.name).sort()).toEqual(['company_facts', 'registry_status', 'token_check']);
    expect(tools.body.data.find((t: { name: string }) => t.name === 'company_facts').inputSchema).toMatchObject({
      properties: { id: { type: 'string' } },
    });

    const taken = await server.api('POST', '/v1/mcp-servers', { name: 'research', transport: { type: 'http', url: mcp.url } });
    expect(taken.status).toBe(409);
  });

  it('refuses what cannot work, naming the field', async () => {
    const noCredential = await server.api('POST', '/v1/mcp-servers', {
      name: 'other',
      transport: { type: 'http', url: mcp.url },
      credential: { name: 'nope' },
    });
    expect(noCredential.status).toBe(400);
    expect(noCredential.body.details[0].path).toBe('credential.name');
    const privateUrl = await server.api('POST', '/v1/mcp-servers', {
      name: 'inside',
      transport: { type: 'http', url: 'http://10.1.2.3/mcp' },
    });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.details[0].path).toBe('transport.url');
    const badName = await server.api('POST', '/v1/mcp-servers', { name: 'Bad Name', transport: { type: 'http', url: mcp.url } });
    expect(badName.status).toBe(400);
    expect(badName.body.details[0].path).toBe('name');
    const reserved = await server.api('POST', '/v1/mcp-servers', {
      name: 'hosty',
      transport: { type: 'http', url: mcp.url },
      credential: { name: 'research-token', header: 'Host' },
    });
    expect(reserved.status).toBe(400);
    expect(reserved.body.details[0].path).toBe('credential.header');
  });

  it('calls a tool with mcp.call: structured output, the token sent, and never shown in the run', async () => {
    const run = await runWorkflow([
      { id: 'facts', type: 'mcp.call', with: { server: 'research', tool: 'company_facts', arguments: { id: 'acme' } } },
      { id: 'token', type: 'mcp.call', with: { server: 'research', tool: 'token_check' } },
    ]);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.steps[0].output.structured).toEqual({ id: 'acme', revenue: 40, employees: 42 });
    expect(mcp.calls.find((c) => c.tool === 'company_facts')?.authorization).toBe(`Bearer ${TOKEN}`);
    // The tool echoed the credential: the run records it scrubbed.
    expect(JSON.stringify(run)).not.toContain(TOKEN);
    expect(run.steps[1].output.text).toContain('token:Bearer [redacted');
  });

  it('fails an mcp.call whose tool answers with an error, with its text', async () => {
    const run = await runWorkflow([{ id: 'status', type: 'mcp.call', with: { server: 'research', tool: 'registry_status' } }]);
    expect(run.status).toBe('failed');
    expect(run.error.message).toContain('the registry is down for maintenance');
  });

  it("offers an agent the server's tools: a call's result and a tool's error go back to the model", async () => {
    openai.reply(
      { text: '', toolCalls: [{ name: 'company_facts', args: { id: 'acme' } }] },
      { text: '', toolCalls: [{ name: 'registry_status', args: {} }] },
      { text: 'Acme has revenue 40.' },
    );
    const before = openai.requests.length;
    const run = await runWorkflow([
      {
        id: 'research',
        type: 'ai.agent',
        with: {
          model: 'openai:gpt-4o-mini',
          prompt: 'Research acme.',
          mcp: [{ server: 'research', tools: ['company_facts', 'registry_status'] }],
        },
      },
    ]);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.output.answer).toBe('Acme has revenue 40.');
    const offered = openai.requests[before]!.body.tools.map((t: { function: { name: string } }) => t.function.name);
    expect(offered).toEqual(['company_facts', 'registry_status']);
    const calls = run.output.transcript.filter((e: { kind: string }) => e.kind === 'tool');
    expect(calls[0]).toMatchObject({ name: 'company_facts', result: { id: 'acme', revenue: 40, employees: 42 } });
    expect(calls[1]).toMatchObject({ name: 'registry_status', error: 'the registry is down for maintenance' });
    // The model read the error as a tool error.
    expect(JSON.stringify(openai.requests[before + 2]!.body.messages)).toContain('the registry is down for maintenance');
  });

  it('fails an agent that names a tool the server does not have, listing what it has', async () => {
    const run = await runWorkflow([
      {
        id: 'research',
        type: 'ai.agent',
        with: { model: 'openai:gpt-4o-mini', prompt: 'x', mcp: [{ server: 'research', tools: ['nope'] }] },
      },
    ]);
    expect(run.status).toBe('failed');
    expect(run.error.message).toContain('has no tool "nope"; it has: company_facts, registry_status, token_check');
  });

  it('starts a stdio server where the operator allows it, with the credential as its variable', async () => {
    const created = await server.api('POST', '/v1/mcp-servers', {
      name: 'local-research',
      transport: { type: 'stdio', command: process.execPath, args: [STDIO_SERVER_SCRIPT] },
      credential: { name: 'research-token' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.credential).toEqual({ name: 'research-token', header: 'MCP_TOKEN' });
    const tools = await server.api('GET', `/v1/mcp-servers/${created.body.data.id}/tools`);
    expect(tools.body.data).toHaveLength(3);

    openai.reply({ text: '', toolCalls: [{ name: 'company_facts', args: { id: 'globex' } }] }, { text: 'Globex: 60.' });
    const run = await runWorkflow([
      { id: 'token', type: 'mcp.call', with: { server: 'local-research', tool: 'token_check' } },
      {
        id: 'research',
        type: 'ai.agent',
        with: { model: 'openai:gpt-4o-mini', prompt: 'Research globex.', mcp: [{ server: 'local-research' }] },
      },
    ]);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.steps[0].output.text).toMatch(/^token:\[redacted/);
    expect(JSON.stringify(run)).not.toContain(TOKEN);
    expect(run.steps[1].output.transcript[1]).toMatchObject({ name: 'company_facts', result: { id: 'globex', revenue: 60 } });
  });

  it("keeps a workspace's servers to itself: another workspace neither sees nor calls them", async () => {
    const other = await createOtherWorkspace(server, 'mcp-other');
    const listed = await other.api('GET', '/v1/mcp-servers');
    expect(listed.body.data).toEqual([]);
    const mine = (await server.api('GET', '/v1/mcp-servers')).body.data[0];
    expect((await other.api('GET', `/v1/mcp-servers/${mine.id}`)).status).toBe(404);
    expect((await other.api('GET', `/v1/mcp-servers/${mine.id}/tools`)).status).toBe(404);
    expect((await other.api('DELETE', `/v1/mcp-servers/${mine.id}`)).status).toBe(404);
    const created = await other.api('POST', '/v1/workflows', {
      name: 'Borrow',
      steps: [{ id: 'facts', type: 'mcp.call', with: { server: 'research', tool: 'company_facts', arguments: { id: 'x' } } }],
    });
    const calls = mcp.calls.length;
    const run = await other.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, {});
    expect(run.body.data.status).toBe('failed');
    expect(run.body.data.error.message).toContain('no MCP server named "research" in this workspace');
    expect(mcp.calls.length).toBe(calls);
  });

  it('refuses stdio servers where the operator has not allowed them', async () => {
    const closed = await startTestServer({});
    try {
      const refused = await closed.api('POST', '/v1/mcp-servers', {
        name: 'local',
        transport: { type: 'stdio', command: process.execPath, args: [STDIO_SERVER_SCRIPT] },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].path).toBe('transport.type');
      expect(refused.body.error).toContain('ASSAY_MCP_STDIO');
    } finally {
      await closed.close();
    }
  });
});
