import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';

const screen = {
  name: 'Screen a company!',
  description: 'Scores a company against the fund criteria.',
  inputs: {
    company: { type: 'string', required: true, description: 'The company name' },
    depth: { type: 'string', enum: ['quick', 'deep'], default: 'quick' },
    employees: { type: 'integer' },
  },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.company)' } }],
  output: { company: '{{ steps.up.output }}', depth: '{{ input.depth }}' },
};
const failing = {
  name: 'Always fails',
  steps: [{ id: 'boom', type: 'fail', with: { message: 'the data source is down' } }],
};
/** Waits for a signal nobody sends: the run cannot finish while the test looks at it. */
const approval = {
  name: 'Needs approval',
  inputs: { note: { type: 'string' } },
  steps: [{ id: 'approval', type: 'wait.signal', with: { name: 'go' } }],
};
const memo = {
  name: 'Write memo',
  inputs: { company: { type: 'string', required: true } },
  steps: [
    {
      id: 'memo',
      type: 'document.render',
      with: { name: 'memo', formats: ['md', 'pdf'], template: '# {{ input.company }}\n\nA short memo.\n' },
    },
  ],
  output: { memo: '{{ steps.memo.output.artifacts.md.url }}' },
};

/** An MCP client (the SDK's own) connected to the server's `/mcp` with these headers. */
async function connect(server: TestServer, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'assay-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
  return client;
}

/** A tool call's answer (the SDK's type also allows the protocol's old `toolResult` shape). */
const call = async (client: Client, params: Parameters<Client['callTool']>[0]) => (await client.callTool(params)) as CallToolResult;
const textOf = (result: CallToolResult) =>
  result.content
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
const linksOf = (result: CallToolResult) => result.content.flatMap((c) => (c.type === 'resource_link' ? [c.uri] : []));
const runIdOf = (result: CallToolResult) => result._meta?.['assay/runId'] as string;

/**
 * `/mcp`: the workspace's workflows as MCP tools over streamable HTTP, driven by the SDK's client:
 * listing (schemas from the declared inputs, archived workflows absent), calls that complete, fail,
 * take wrong arguments or outlast the wait, run and artifact resources, workspace isolation, scopes
 * and authentication.
 */
describe('Assay as an MCP server', () => {
  let server: TestServer;
  let client: Client;
  let other: OtherWorkspace;
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    for (const definition of [screen, failing, approval, memo]) await createWorkflow(server, definition);
    const archived = await createWorkflow(server, { ...screen, name: 'Old screen' });
    expect((await server.api('DELETE', `/v1/workflows/${archived}`)).status).toBe(200);
    client = await connect(server, server.headers);
    clients.push(client);
    other = await createOtherWorkspace(server, 'mcp-other');
  });
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await server?.close();
  });

  it('lists each active workflow as a tool with a JSON Schema of its inputs', async () => {
    expect(client.getServerVersion()?.name).toBe('assay');
    expect(client.getInstructions()).toContain('assay://runs/{id}');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['always_fails', 'needs_approval', 'screen_a_company', 'write_memo']);
    const tool = tools.find((t) => t.name === 'screen_a_company');
    expect(tool?.title).toBe('Screen a company!');
    expect(tool?.description).toContain('Scores a company against the fund criteria.');
    expect(tool?.description).toMatch(/[0-9a-f]{24}/);
    expect(tool?.inputSchema).toEqual({
      type: 'object',
      properties: {
        company: { type: 'string', description: 'The company name' },
        depth: { type: 'string', enum: ['quick', 'deep'], default: 'quick' },
        employees: { type: 'integer' },
      },
      required: ['company'],
      additionalProperties: false,
    });
    expect(tools.find((t) => t.name === 'always_fails')?.inputSchema).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
  });

  it('calls a tool: the run completes and its output comes back as text and structured content', async () => {
    const result = await call(client, { name: 'screen_a_company', arguments: { company: 'Northwind' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ company: 'NORTHWIND', depth: 'quick' });
    expect(JSON.parse(textOf(result))).toEqual({ company: 'NORTHWIND', depth: 'quick' });
    const runId = runIdOf(result);
    const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
    expect(run).toMatchObject({ status: 'completed', trigger: 'api', input: { company: 'Northwind', depth: 'quick' } });
  });

  it('answers wrong arguments with a tool error naming the field, not a protocol error', async () => {
    const wrongType = await call(client, { name: 'screen_a_company', arguments: { company: 42 } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('input.company');
    const missing = await call(client, { name: 'screen_a_company', arguments: { employees: 3 } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('input.company');
    const unknown = await call(client, { name: 'screen_a_company', arguments: { company: 'A', colour: 'red' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('input.colour');
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/unknown tool/);
  });

  it("answers a failed run with a tool error carrying the run's error", async () => {
    const result = await call(client, { name: 'always_fails', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the data source is down');
    expect(textOf(result)).toContain('boom');
  });

  it('answers a run still going at the limit with its id and a link, and the link reads the run', async () => {
    const result = await call(client, { name: 'needs_approval', arguments: { note: 'hi' }, _meta: { 'assay/waitSeconds': 1 } });
    expect(result.isError).toBeFalsy();
    const runId = runIdOf(result);
    expect(runId).toMatch(/^[0-9a-f]{24}$/);
    expect(textOf(result)).toContain(runId);
    expect(linksOf(result)).toEqual([`assay://runs/${runId}`]);

    const read = await client.readResource({ uri: `assay://runs/${runId}` });
    const content = read.contents[0] as { uri: string; mimeType?: string; text: string };
    expect(content.mimeType).toBe('application/json');
    const run = JSON.parse(content.text);
    expect(run).toMatchObject({ id: runId, input: { note: 'hi' } });
    expect(['queued', 'running', 'waiting']).toContain(run.status);
    expect(run.steps.map((s: { id: string }) => s.id)).toEqual(['approval']);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toEqual(['assay://runs/{id}', 'assay://runs/{id}/artifacts/{name}']);
    await server.api('POST', `/v1/workflow-runs/${runId}/cancel`);
  });

  it('reads the files a run produced: text as text, the rest as base64', async () => {
    const result = await call(client, { name: 'write_memo', arguments: { company: 'Acme' } });
    expect(result.isError).toBeFalsy();
    const runId = runIdOf(result);
    expect(linksOf(result).sort()).toEqual([`assay://runs/${runId}/artifacts/memo.md`, `assay://runs/${runId}/artifacts/memo.pdf`]);

    const md = (await client.readResource({ uri: `assay://runs/${runId}/artifacts/memo.md` })).contents[0] as {
      text: string;
      mimeType: string;
    };
    expect(md.mimeType).toMatch(/^text\/markdown/);
    expect(md.text).toContain('# Acme');
    const pdf = (await client.readResource({ uri: `assay://runs/${runId}/artifacts/memo.pdf` })).contents[0] as {
      blob: string;
      mimeType: string;
    };
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.blob, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await expect(client.readResource({ uri: `assay://runs/${runId}/artifacts/nope.txt` })).rejects.toThrow(/not found/);
    await expect(client.readResource({ uri: 'assay://elsewhere/1' })).rejects.toThrow(/not found/);
  });

  it("keeps workspaces apart: another workspace's key sees only its workflows and cannot read this one's runs", async () => {
    const created = await other.api('POST', '/v1/workflows', { ...screen, name: 'Their screen' });
    expect(created.status).toBe(201);
    const archived = await other.api('POST', '/v1/workflows', { ...failing, name: 'Their old one' });
    await other.api('DELETE', `/v1/workflows/${archived.body.data.id}`);
    await other.api('POST', '/v1/workflows', { ...failing, name: 'Their failing one' });
    const theirs = await connect(server, other.headers);
    clients.push(theirs);
    expect((await theirs.listTools()).tools.map((t) => t.name).sort()).toEqual(['their_failing_one', 'their_screen']);

    const ours = await call(client, { name: 'screen_a_company', arguments: { company: 'Mine' } });
    const runId = runIdOf(ours);
    await expect(theirs.readResource({ uri: `assay://runs/${runId}` })).rejects.toThrow(/not found/);
    await expect(theirs.readResource({ uri: `assay://runs/${runId}/artifacts/memo.md` })).rejects.toThrow(/not found/);
    await expect(theirs.callTool({ name: 'screen_a_company', arguments: { company: 'X' } })).rejects.toThrow(/unknown tool/);
  });

  it('offers at most the 200 newest workflows, and says so in its instructions', async () => {
    const many = await createOtherWorkspace(server, 'mcp-many');
    const ids: string[] = [];
    for (let i = 0; i < 201; i += 20) {
      const batch = Array.from({ length: Math.min(20, 201 - i) }, (_, j) =>
        many.api('POST', '/v1/workflows', { ...failing, name: `Workflow ${String(i + j).padStart(3, '0')}` }),
      );
      for (const created of await Promise.all(batch)) ids.push(created.body.data.id as string);
    }
    const oldest = ids.sort()[0] as string;
    const theirs = await connect(server, many.headers);
    clients.push(theirs);
    expect(theirs.getInstructions()).toContain('only the 200 newest');
    const { tools } = await theirs.listTools();
    expect(tools).toHaveLength(200);
    expect(tools.some((t) => t.description?.includes(oldest))).toBe(false);
    expect(client.getInstructions()).not.toContain('only the 200 newest');
  });

  it('accepts the key as a bearer token, and a read-only key lists tools but cannot call them', async () => {
    const bearer = await connect(server, { authorization: `Bearer ${CLIENT_ID}:${API_KEY}` });
    clients.push(bearer);
    expect((await bearer.listTools()).tools).toHaveLength(4);

    const reader = (await server.api('POST', '/v1/keys', { name: 'mcp reader', scope: 'read' })).body.data;
    const readOnly = await connect(server, { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret });
    clients.push(readOnly);
    expect((await readOnly.listTools()).tools).toHaveLength(4);
    const refused = await call(readOnly, { name: 'screen_a_company', arguments: { company: 'A' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('"run"');
  });

  it('refuses requests without a valid key with 401, and bodies over the limit with 413, as the rest of the API', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(initialize),
      });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    expect((await post({ authorization: `Bearer ${CLIENT_ID}:wrong-secret` })).status).toBe(401);
    expect((await post({ authorization: 'Bearer not-a-pair' })).status).toBe(401);
    await expect(connect(server, {})).rejects.toThrow(/401|nauthorized/);

    const raw = await post(server.headers);
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('assay');
    expect((await fetch(`${server.url}/mcp`, { headers: server.headers })).status).toBe(405);
    const tooLarge = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ ...initialize, padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
  });
});
