import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const csv = (rows: number) =>
  [
    'id,name,revenue,public',
    ...Array.from({ length: rows }, (_, i) => `${String(i).padStart(24, '0')},Company ${i},${i * 1.5},${i % 2 === 0}`),
  ].join('\n');

describe('datasets and dataset.lookup', () => {
  let server: TestServer;
  const upload = (path: string, body: string, type = 'text/csv', method = 'POST') =>
    request(server.url, method, path, { ...server.headers, 'content-type': type }, body);
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('creates a dataset from CSV with inferred types and id-like key columns', async () => {
    const created = await upload('/v1/datasets?name=companies', csv(50));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'companies',
      rowCount: 50,
      keys: ['id'],
      columns: { id: 'string', name: 'string', revenue: 'number', public: 'boolean' },
    });
    const rows = await server.api('GET', `/v1/datasets/${created.body.data.id}/rows?limit=2&offset=3`);
    expect(rows.body.data).toEqual([
      { id: '000000000000000000000003', name: 'Company 3', revenue: 4.5, public: false },
      { id: '000000000000000000000004', name: 'Company 4', revenue: 6, public: true },
    ]);
  });

  it('looks rows up by key and by other columns through a workflow step', async () => {
    const wf = await createWorkflow(server, {
      name: 'Lookup',
      inputs: { companyId: { type: 'string', required: true } },
      steps: [
        { id: 'profile', type: 'dataset.lookup', with: { dataset: 'companies', where: { id: '{{ input.companyId }}' } } },
        { id: 'public', type: 'dataset.lookup', with: { dataset: 'companies', where: { public: true, revenue: 6 } } },
        {
          id: 'big',
          type: 'dataset.lookup',
          with: { dataset: 'companies', where: { public: false }, filter: 'revenue > 60 and $contains(name, "9")', limit: 3 },
        },
      ],
      output: {
        name: '{{ steps.profile.output.row.name }}',
        count: '{{ steps.public.output.count }}',
        other: '{{ steps.public.output.row.name }}',
        big: '{{ steps.big.output.rows }}',
      },
    });
    const run = (await server.api('POST', `/v1/workflows/${wf}/runs?wait=10`, { input: { companyId: '000000000000000000000007' } })).body
      .data;
    expect(run.status).toBe('completed');
    expect(run.output).toMatchObject({ name: 'Company 7', count: 1, other: 'Company 4' });
    expect(run.output.big.map((r: { name: string }) => r.name)).toEqual(['Company 49']);
  });

  it('answers an empty result, or fails when asked to, when nothing matches; and names a missing dataset', async () => {
    const empty = await createWorkflow(server, {
      name: 'Empty',
      steps: [{ id: 'l', type: 'dataset.lookup', with: { dataset: 'companies', where: { id: 'nope' } } }],
    });
    expect((await server.api('POST', `/v1/workflows/${empty}/runs?wait=10`, {})).body.data.output).toEqual({
      row: null,
      rows: [],
      count: 0,
    });
    const strict = await createWorkflow(server, {
      name: 'Strict',
      steps: [{ id: 'l', type: 'dataset.lookup', with: { dataset: 'companies', where: { id: 'nope' }, onMissing: 'error' } }],
    });
    const failed = (await server.api('POST', `/v1/workflows/${strict}/runs?wait=10`, {})).body.data;
    expect(failed.status).toBe('failed');
    expect(failed.error.message).toContain('no row of dataset "companies"');
    const missing = await createWorkflow(server, {
      name: 'Missing',
      steps: [{ id: 'l', type: 'dataset.lookup', with: { dataset: 'ghosts' } }],
    });
    expect(
      (await waitForRun(server, (await server.api('POST', `/v1/workflows/${missing}/runs`, {})).body.data.id)).error.message,
    ).toContain('dataset "ghosts" does not exist');
  });

  it('replaces and appends rows (JSON and NDJSON), keeping key lookups right', async () => {
    const created = await server.api('POST', '/v1/datasets', { name: 'people', keys: ['email'], rows: [{ email: 'a@x.io', age: 30 }] });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const appended = await upload(
      `/v1/datasets/${id}/rows`,
      '{"email":"b@x.io","age":41}\n{"email":"c@x.io","age":52}\n',
      'application/x-ndjson',
    );
    expect(appended.body.data.rowCount).toBe(3);
    const replaced = await upload(`/v1/datasets/${id}/rows`, JSON.stringify([{ email: 'z@x.io', age: 9 }]), 'application/json', 'PUT');
    expect(replaced.body.data.rowCount).toBe(1);
    const found = await server.assay.store.datasets.find(replaced.body.data, { email: 'b@x.io' }, 10);
    expect(found).toEqual([]);
    expect(await server.assay.store.datasets.find(replaced.body.data, { email: 'z@x.io' }, 10)).toEqual([{ email: 'z@x.io', age: 9 }]);
  });

  it('refuses a bad value naming its row and column, and keeps the dataset as it was', async () => {
    const created = await server.api('POST', '/v1/datasets', { name: 'typed', columns: { n: 'integer' }, rows: [{ n: 1 }] });
    const bad = await upload(`/v1/datasets/${created.body.data.id}/rows`, 'n\n2\nthree\n', 'text/csv', 'PUT');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('row 3, column "n"');
    expect((await server.api('GET', `/v1/datasets/${created.body.data.id}/rows`)).body.data).toEqual([{ n: 1 }]);
  });

  it('streams a 100,000-row CSV upload and still finds a row by key', async () => {
    const created = await upload('/v1/datasets?name=big', csv(100_000));
    expect(created.status).toBe(201);
    expect(created.body.data.rowCount).toBe(100_000);
    const [row] = await server.assay.store.datasets.find(created.body.data, { id: '000000000000000000099999' }, 1);
    expect(row).toMatchObject({ name: 'Company 99999' });
  });

  it('refuses uploads without a name, in an unknown format, or with a taken name', async () => {
    expect((await upload('/v1/datasets', csv(2))).status).toBe(400);
    expect((await upload('/v1/datasets?name=x', 'a,b', 'application/xml')).status).toBe(415);
    expect((await upload('/v1/datasets?name=companies', csv(2))).status).toBe(409);
  });

  it('refuses an upload over the limit with 413, declared or streamed', async () => {
    const small = await startTestServer({ ASSAY_UPLOAD_LIMIT: '2048' });
    try {
      const body = csv(200);
      const declared = await request(small.url, 'POST', '/v1/datasets?name=big', { ...small.headers, 'content-type': 'text/csv' }, body);
      expect(declared.status).toBe(413);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      });
      const streamed = await fetch(`${small.url}/v1/datasets?name=big2`, {
        method: 'POST',
        headers: { ...small.headers, 'content-type': 'text/csv' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect((await small.api('GET', '/v1/datasets')).body.data).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
