import { AssayApiError, AssayClient } from '@assay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, createWorkflow, startTestServer, type TestServer } from '../support/assay-server';

/** The TypeScript SDK against a real server: the resources the web app and the CLI build on. */
describe('the SDK', () => {
  let server: TestServer;
  let client: AssayClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = new AssayClient({ baseUrl: server.url, clientId: CLIENT_ID, apiKey: API_KEY });
  });
  afterAll(() => server.close());

  it('uploads, reads, appends to, replaces and deletes datasets', async () => {
    const fromJson = await client.datasets.create({ name: 'json-rows', rows: [{ id: 'a1', score: 3 }] });
    expect(fromJson).toMatchObject({ name: 'json-rows', rowCount: 1 });
    const csv = await client.datasets.createFromCsv('ticker,score\nACME,7\nGLOBX,4\n', { name: 'tickers', keys: ['ticker'] });
    expect(csv).toMatchObject({ name: 'tickers', rowCount: 2, keys: ['ticker'], columns: { ticker: 'string', score: 'integer' } });
    expect(await client.datasets.rows(csv.id)).toEqual([
      { ticker: 'ACME', score: 7 },
      { ticker: 'GLOBX', score: 4 },
    ]);
    expect((await client.datasets.appendRowsFromCsv(csv.id, 'ticker,score\nINIT,1\n')).rowCount).toBe(3);
    expect((await client.datasets.replaceRowsFromCsv(csv.id, 'ticker,score\nONLY,9\n')).rowCount).toBe(1);
    expect((await client.datasets.list()).data.map((d) => d.name).sort()).toEqual(['json-rows', 'tickers']);
    await client.datasets.delete(fromJson.id);
    const missing = await client.datasets.get(fromJson.id).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AssayApiError);
    expect((missing as AssayApiError).status).toBe(404);
  });

  it('manages credentials without ever reading a value back', async () => {
    const created = await client.credentials.create({ name: 'crm-token', type: 'token', value: 'sekret-value-123' });
    expect(created).toMatchObject({ name: 'crm-token', type: 'token' });
    expect(JSON.stringify(created)).not.toContain('sekret');
    await client.credentials.replace(created.id, { type: 'token', value: 'another-sekret-456' });
    const listed = await client.credentials.list();
    expect(listed.data.map((c) => c.name)).toEqual(['crm-token']);
    expect(JSON.stringify(listed)).not.toContain('sekret');
    await client.credentials.delete(created.id);
    expect((await client.credentials.list()).data).toEqual([]);
  });

  it('uploads documents (text and bytes), reads their pages, downloads the original, searches and deletes', async () => {
    const bytes = new TextEncoder().encode('# Acme notes\n\nAcme sells sensors.\n\n## Risks\n\nChip supply is the main risk.');
    const stored = await client.documents.upload(bytes, { contentType: 'text/markdown', filename: 'acme.md', collection: 'sdk' });
    expect(stored).toMatchObject({ title: 'Acme notes', kind: 'markdown', collection: 'sdk', pageCount: 2 });
    const text = await client.documents.upload('Globex plain notes about logistics.', { contentType: 'text/plain', title: 'Globex' });
    expect(text).toMatchObject({ title: 'Globex', collection: 'default' });
    expect((await client.documents.get(stored.id)).pages.map((p) => p.heading)).toEqual(['Acme notes', 'Risks']);
    expect(await client.documents.file(stored.id)).toEqual(bytes);
    const hits = await client.documents.search('chip supply', { collection: 'sdk' });
    expect(hits.map((h) => [h.documentId, h.page])).toEqual([[stored.id, 2]]);
    expect((await client.documents.list({ collection: 'sdk' })).data.map((d) => d.id)).toEqual([stored.id]);
    await client.documents.delete(stored.id);
    const refused = await client.documents.upload('%PDF-1.7 not a pdf', { contentType: 'application/pdf' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AssayApiError);
    expect((refused as AssayApiError).status).toBe(400);
    expect((await client.documents.list()).data.map((d) => d.id)).toEqual([text.id]);
  });

  it('runs a batch from CSV and follows a run through its event stream', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Echo',
      inputs: { name: { type: 'string', required: true } },
      steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
    });
    const batch = await client.batches.createFromCsv(workflowId, 'name\nada\ngrace\n');
    expect((await client.batches.waitFor(batch.id, { intervalMs: 50, timeoutMs: 10_000 })).counts.completed).toBe(2);
    const run = await client.runs.create(workflowId, { input: { name: 'lin' } });
    const types: string[] = [];
    for await (const event of client.runs.events(run.id)) types.push(event.type);
    expect(types).toEqual(['run.queued', 'run.started', 'step.started', 'step.completed', 'run.completed']);
    expect((await client.runs.createAndWait(workflowId, { input: { name: 'x' } })).output).toBe('X');
  });

  it('creates runs with metadata and lists them by it', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Tagged',
      inputs: { name: { type: 'string', required: true } },
      steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
    });
    const metadata = { crmDealId: 'D-1042', source: 'hubspot', seats: 12 };
    const waited = await client.runs.createAndWait(workflowId, { input: { name: 'a' }, metadata });
    expect(waited).toMatchObject({ status: 'completed', metadata });
    const other = await client.runs.create(workflowId, { input: { name: 'b' }, metadata: { crmDealId: 'D-7', source: 'hubspot' } });
    expect((await client.runs.get(other.id)).metadata).toEqual({ crmDealId: 'D-7', source: 'hubspot' });
    expect((await client.runs.list({ metadata: { source: 'hubspot' } })).data.map((r) => r.id).sort()).toEqual(
      [waited.id, other.id].sort(),
    );
    const page = await client.runs.list({ workflowId, metadata: { crmDealId: 'D-1042', seats: '12' }, status: 'completed' });
    expect(page.data.map((r) => [r.id, r.metadata])).toEqual([[waited.id, metadata]]);
    const refused = await client.runs.create(workflowId, { input: { name: 'c' }, metadata: { 'bad key': 'x' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AssayApiError);
    expect((refused as AssayApiError).status).toBe(400);
  });
});
