import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { createOtherWorkspace } from '../support/other-workspace';
import { sampleMemo } from '../support/sample-memo';

/** A small corpus whose best passage for each query is plain to a reader (and to BM25 and ts_rank alike). */
const CORPUS: Record<string, string> = {
  'acme-annual.md':
    '# Acme annual report\n\nAcme revenue grew to 12.5 million in 2025, driven by industrial sensors.\n\n## Risks\n\nSupply of semiconductor parts remains the main risk for Acme.',
  'globex-brief.md':
    '# Globex brief\n\nGlobex sells logistics software. Its churn fell to 4 percent.\n\n## Outlook\n\nGlobex expects revenue to stay flat while it rebuilds its sales team.',
  'initech-notes.txt': 'Initech notes\n\nInitech makes printers and staplers.\n\nA staple shortage hurt Initech margins last quarter.',
};

/**
 * Documents through the API on both databases: upload (PDF rendered by Assay itself, DOCX, HTML,
 * Markdown, text), pages, the original, delete; a file that cannot be read is refused and nothing
 * is stored; passage search (the same top passages on SQLite and PostgreSQL) through the API, the
 * `document.search` step and an agent's tool; one workspace never sees another's documents.
 */
describe('documents', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  const ids: Record<string, string> = {};

  /** Sends the file as it is (the request helper would send anything but text as JSON). */
  const upload = async (body: Uint8Array | string, contentType: string, query = '') => {
    const answer = await fetch(`${server.url}/v1/documents${query}`, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': contentType },
      body: typeof body === 'string' ? body : Buffer.from(body),
    });
    return { status: answer.status, body: (await answer.json()) as any };
  };

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ OPENAI_API_KEY: 'sk-test-docs', OPENAI_BASE_URL: openai.baseURL });
    for (const [name, text] of Object.entries(CORPUS)) {
      const type = name.endsWith('.md') ? 'text/markdown' : 'text/plain';
      const stored = await upload(text, type, `?filename=${name}&collection=companies`);
      expect(stored.status, JSON.stringify(stored.body)).toBe(201);
      ids[name] = stored.body.data.id;
    }
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });

  async function renderedFiles(): Promise<Record<'pdf' | 'docx' | 'html', Uint8Array>> {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Render a memo',
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', template: sampleMemo('Acme Corp', 4), formats: ['pdf', 'docx', 'html'] },
        },
      ],
    });
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=60`, {});
    expect(run.body.data.status).toBe('completed');
    const files = {} as Record<'pdf' | 'docx' | 'html', Uint8Array>;
    for (const format of ['pdf', 'docx', 'html'] as const) {
      const answer = await fetch(`${server.url}${run.body.data.steps[0].output.artifacts[format].url}`, { headers: server.headers });
      files[format] = new Uint8Array(await answer.arrayBuffer());
    }
    return files;
  }

  it('stores a PDF Assay rendered, page by page, with its original; DOCX and HTML by section', async () => {
    const files = await renderedFiles();
    const pdf = await upload(files.pdf, 'application/pdf', '?filename=memo.pdf&title=Acme%20memo');
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body.data).toMatchObject({ title: 'Acme memo', kind: 'pdf', collection: 'default', bytes: files.pdf.byteLength });
    const read = await server.api('GET', `/v1/documents/${pdf.body.data.id}`);
    expect(read.body.data.pages.length).toBe(pdf.body.data.pageCount);
    read.body.data.pages.forEach((page: { number: number; text: string }, i: number) =>
      expect(page.text).toContain(`Page ${i + 1} of ${pdf.body.data.pageCount}`),
    );
    const original = await fetch(`${server.url}/v1/documents/${pdf.body.data.id}/file`, { headers: server.headers });
    expect(original.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(files.pdf))).toBe(true);

    const docx = await upload(files.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '?filename=memo.docx');
    const html = await upload(files.html, 'text/html');
    for (const answer of [docx, html]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const pages = (await server.api('GET', `/v1/documents/${answer.body.data.id}`)).body.data.pages;
      expect(pages.map((p: { heading: string | null }) => p.heading)).toEqual(expect.arrayContaining(['Section 4: Summary']));
    }
    expect([docx.body.data.kind, html.body.data.kind]).toEqual(['docx', 'html']);
  });

  it('refuses a file it cannot read with a clear 400, storing nothing', async () => {
    const before = (await server.api('GET', '/v1/documents?limit=1000')).body.data.length;
    const corrupt = await upload('%PDF-1.7\nnot really a PDF', 'application/pdf');
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error).toMatch(/not a readable PDF/);
    const image = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png');
    expect(image.status).toBe(400);
    expect(image.body.details[0].path).toBe('(body)');
    const empty = await upload('', 'text/plain');
    expect(empty.status).toBe(400);
    const badCollection = await upload('hello', 'text/plain', '?collection=no%20spaces');
    expect(badCollection.status).toBe(400);
    expect(badCollection.body.details[0].path).toBe('collection');
    expect((await server.api('GET', '/v1/documents?limit=1000')).body.data.length).toBe(before);
  });

  it('finds the passage holding every word, best first, with its document, page and a snippet', async () => {
    const search = async (q: string, collection = 'companies') =>
      (await server.api('GET', `/v1/documents/search?q=${encodeURIComponent(q)}&collection=${collection}`)).body.data;
    const revenue = await search('Acme revenue');
    expect(revenue[0]).toMatchObject({ documentId: ids['acme-annual.md'], title: 'Acme annual report', page: 1 });
    expect(revenue[0].snippet).toContain('[Acme]');
    expect(revenue[0].score).toBeGreaterThan(0);
    const risk = await search('semiconductor risk');
    expect(risk).toHaveLength(1);
    expect(risk[0]).toMatchObject({ documentId: ids['acme-annual.md'], page: 2 });
    // Stemmed: "staples" finds "staple" and "staplers".
    expect((await search('staples'))[0].documentId).toBe(ids['initech-notes.txt']);
    expect(await search('revenue', 'other-collection')).toEqual([]);
    expect(await search('"; drop table passages; --')).toEqual([]);
  });

  it('searches from a workflow with document.search, and as an agent tool', async () => {
    openai.reply({ text: '', toolCalls: [{ name: 'sources', args: { query: 'Globex churn' } }] }, { text: 'Churn fell to 4 percent.' });
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Read the sources',
      steps: [
        { id: 'find', type: 'document.search', with: { query: 'Globex revenue', collection: 'companies', limit: 3 } },
        {
          id: 'agent',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'What happened to Globex churn?',
            tools: [
              {
                name: 'sources',
                description: 'Search the company documents',
                parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
                step: { type: 'document.search', with: { query: '{{ args.query }}', collection: 'companies' } },
              },
            ],
          },
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, {});
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe('completed');
    expect(run.body.data.steps[0].output.passages[0]).toMatchObject({ documentId: ids['globex-brief.md'], page: 2 });
    const call = run.body.data.steps[1].output.transcript.find((e: { kind: string }) => e.kind === 'tool');
    expect(call.result.passages[0].text).toContain('churn fell to 4 percent');
  });

  it("keeps each workspace's documents to itself", async () => {
    const other = await createOtherWorkspace(server, 'docs-other');
    expect((await other.api('GET', '/v1/documents')).body.data).toEqual([]);
    expect((await other.api('GET', `/v1/documents/${ids['acme-annual.md']}`)).status).toBe(404);
    expect((await other.api('GET', `/v1/documents/${ids['acme-annual.md']}/file`)).status).toBe(404);
    expect((await other.api('DELETE', `/v1/documents/${ids['acme-annual.md']}`)).status).toBe(404);
    expect((await other.api('GET', '/v1/documents/search?q=Acme')).body.data).toEqual([]);
  });

  it('deletes a document with its pages and passages', async () => {
    const removed = await server.api('DELETE', `/v1/documents/${ids['initech-notes.txt']}`);
    expect(removed.status).toBe(204);
    expect((await server.api('GET', `/v1/documents/${ids['initech-notes.txt']}`)).status).toBe(404);
    expect((await server.api('GET', '/v1/documents/search?q=staples')).body.data).toEqual([]);
  });
});
