import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';

/** A report of three sections (pages, as Assay reads Markdown), each saying one thing plainly. */
const REPORT = [
  '# Acme annual report 2025',
  'Acme revenue grew to 12.5 million dollars in 2025, driven by industrial sensors.',
  '## Risks',
  'Supply of semiconductor parts remains the main risk for Acme.',
  '## Outlook',
  'Acme expects revenue to grow by a tenth in 2026.',
].join('\n\n');

/**
 * Citations through the API: an AI step given sources answers with quotes, Assay checks each quote
 * against the cited source and page, a bad one gets exactly one repair turn, then the step fails
 * naming it — or with `onUnverified: "flag"` completes with it marked. ai.extract, ai.generate and
 * ai.agent (citing what its tools returned).
 */
describe('citations', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let documentId: string;
  let pages: Record<string, number>;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ OPENAI_API_KEY: 'sk-test-citations', OPENAI_BASE_URL: openai.baseURL });
    const stored = await fetch(`${server.url}/v1/documents?filename=acme.md&collection=filings`, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'text/markdown' },
      body: REPORT,
    });
    const body = (await stored.json()) as any;
    expect(stored.status, JSON.stringify(body)).toBe(201);
    documentId = body.data.id;
    const got = await server.api('GET', `/v1/documents/${documentId}`);
    pages = Object.fromEntries(got.body.data.pages.map((p: any) => [p.heading ?? 'top', p.number]));
    expect(Object.keys(pages)).toEqual(['Acme annual report 2025', 'Risks', 'Outlook']);
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });
  beforeEach(() => openai.reset());

  const revenuePage = () => pages['Acme annual report 2025']!;
  const riskPage = () => pages.Risks!;

  async function extractRun(onUnverified?: 'flag'): Promise<any> {
    const workflowId = await createWorkflow(server, {
      name: 'Cited figures',
      steps: [
        { id: 'search', type: 'document.search', with: { query: 'Acme', collection: 'filings', limit: 10 } },
        {
          id: 'figures',
          type: 'ai.extract',
          needs: ['search'],
          with: {
            model: 'openai:gpt-4o-mini',
            fields: { revenue: { type: 'number', description: 'Revenue in millions' }, risk: 'The main risk' },
            citations: true,
            sources: '{{ steps.search.output }}',
            ...(onUnverified && { onUnverified }),
          },
        },
      ],
      output: { figures: '{{ steps.figures.output }}' },
    });
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {});
    expect([200, 201], JSON.stringify(run.body)).toContain(run.status);
    return run.body.data;
  }

  const answer = (risk: { page: number; quote: string }) => ({
    text: JSON.stringify({
      values: { revenue: 12.5, risk: 'semiconductor supply' },
      citations: [
        { field: 'revenue', sourceId: documentId, page: revenuePage(), quote: 'Acme revenue grew to 12.5 million dollars in 2025' },
        { field: 'risk', sourceId: documentId, ...risk },
      ],
    }),
  });

  it('ai.extract: a paraphrase gets one repair turn; the repaired quotes verify and come back with their source', async () => {
    openai.reply(
      answer({ page: riskPage(), quote: 'The main risk is the supply of chips' }),
      answer({ page: riskPage(), quote: 'Supply of semiconductor parts remains the main risk' }),
    );
    const run = await extractRun();
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(2);
    // The sources were put before the model, and the repair turn says what was wrong.
    const first = JSON.stringify(openai.requests[0]!.body.messages);
    expect(first).toContain(`<source id=\\"${documentId}\\" page=\\"${riskPage()}\\"`);
    const repair = openai.requests[1]!.body.messages.at(-1).content as string;
    expect(repair).toContain('the citation for "risk"');
    expect(repair).toContain(`is not in page ${riskPage()} of "${documentId}"`);
    const figures = run.output.figures;
    expect(figures.revenue).toBe(12.5);
    expect(figures.citations).toEqual([
      {
        id: 'figures.revenue',
        field: 'revenue',
        sourceId: documentId,
        page: revenuePage(),
        quote: 'Acme revenue grew to 12.5 million dollars in 2025',
        verified: true,
        title: 'Acme annual report 2025',
        url: null,
      },
      expect.objectContaining({ id: 'figures.risk', page: riskPage(), verified: true }),
    ]);
  });

  it('ai.extract: a wrong page still wrong after the repair turn fails the step naming it (exactly one repair)', async () => {
    const wrong = answer({ page: revenuePage(), quote: 'Supply of semiconductor parts remains the main risk' });
    openai.reply(wrong, wrong, wrong);
    const run = await extractRun();
    expect(run.status).toBe('failed');
    expect(openai.requests).toHaveLength(2);
    expect(run.error.code).toBe('citations_unverified');
    expect(run.error.message).toContain(`the citation for "risk"`);
    expect(run.error.message).toContain(`the quote is on page ${riskPage()}, not page ${revenuePage()}`);
  });

  it('ai.extract: a value without a citation is a problem too', async () => {
    const uncited = {
      text: JSON.stringify({
        values: { revenue: 12.5, risk: null },
        citations: [],
      }),
    };
    openai.reply(uncited, uncited);
    const run = await extractRun();
    expect(run.status).toBe('failed');
    expect(run.error.message).toContain('"revenue" has a value but no citation');
  });

  it('ai.extract with onUnverified "flag": completes with the unverified citation marked and why', async () => {
    const wrong = answer({ page: riskPage(), quote: 'Chips are scarce' });
    openai.reply(wrong, wrong);
    const run = await extractRun('flag');
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(2);
    const [revenue, risk] = run.output.figures.citations;
    expect(revenue.verified).toBe(true);
    expect(risk).toMatchObject({ verified: false, problem: expect.stringContaining('the quote is not in') });
  });

  it('ai.generate: text cites by [n]; the output carries footnote markers and the checked citations', async () => {
    openai.reply({
      text: JSON.stringify({
        text: 'Revenue reached 12.5 million [1]; chip supply is the main risk [2].',
        citations: [
          { marker: 1, sourceId: documentId, page: revenuePage(), quote: 'revenue grew to 12.5 million dollars in 2025' },
          { marker: 2, sourceId: documentId, page: riskPage(), quote: '“Supply of semiconductor parts remains the main risk for Acme.”' },
        ],
      }),
    });
    const workflowId = await createWorkflow(server, {
      name: 'Cited summary',
      steps: [
        { id: 'search', type: 'document.search', with: { query: 'Acme', collection: 'filings' } },
        {
          id: 'summary',
          type: 'ai.generate',
          needs: ['search'],
          with: { model: 'openai:gpt-4o-mini', prompt: 'Summarise Acme.', citations: true, sources: '{{ steps.search.output.passages }}' },
        },
      ],
      output: { summary: '{{ steps.summary.output }}' },
    });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(1);
    expect(run.output.summary.text).toBe('Revenue reached 12.5 million [^summary.1]; chip supply is the main risk [^summary.2].');
    expect(run.output.summary.citations.map((c: any) => [c.id, c.verified])).toEqual([
      ['summary.1', true],
      ['summary.2', true],
    ]);
  });

  it('ai.generate: a marker without a citation is repaired once, then fails', async () => {
    const dangling = {
      text: JSON.stringify({
        text: 'Revenue reached 12.5 million [1] and will double [2].',
        citations: [{ marker: 1, sourceId: documentId, page: revenuePage(), quote: 'revenue grew to 12.5 million dollars' }],
      }),
    };
    openai.reply(dangling, dangling);
    const workflowId = await createWorkflow(server, {
      name: 'Dangling marker',
      steps: [
        {
          id: 'summary',
          type: 'ai.generate',
          with: { model: 'openai:gpt-4o-mini', prompt: 'Summarise.', citations: true, sources: REPORT },
        },
      ],
    });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status).toBe('failed');
    expect(openai.requests).toHaveLength(2);
    expect(run.error.message).toContain('the text cites [2] but there is no citation 2');
  });

  it('ai.agent: cites what its search tool returned, checked against the whole result', async () => {
    openai.reply(
      { text: '', toolCalls: [{ name: 'search', args: { query: 'semiconductor risk' } }] },
      {
        text: JSON.stringify({
          text: 'The main risk is chip supply [1].',
          citations: [
            { marker: 1, sourceId: documentId, page: revenuePage(), quote: 'Supply of semiconductor parts remains the main risk' },
          ],
        }),
      },
      {
        text: JSON.stringify({
          text: 'The main risk is chip supply [1].',
          citations: [{ marker: 1, sourceId: documentId, page: riskPage(), quote: 'Supply of semiconductor parts remains the main risk' }],
        }),
      },
    );
    const workflowId = await createWorkflow(server, {
      name: 'Cited research',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: "What is Acme's main risk?",
            citations: true,
            tools: [
              {
                name: 'search',
                description: 'Search the filings',
                parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
                step: { type: 'document.search', with: { query: '{{ args.query }}', collection: 'filings' } },
              },
            ],
          },
        },
      ],
      output: { research: '{{ steps.research.output }}' },
    });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(3);
    expect(openai.requests[2]!.body.messages.at(-1).content).toContain(`the quote is on page ${riskPage()}, not page ${revenuePage()}`);
    expect(run.output.research.answer).toBe('The main risk is chip supply [^research.1].');
    expect(run.output.research.citations).toEqual([
      expect.objectContaining({
        id: 'research.1',
        sourceId: documentId,
        page: riskPage(),
        verified: true,
        title: 'Acme annual report 2025',
      }),
    ]);
  });

  it('ai.agent: a quote from past what the transcript kept of a long tool result still verifies against the whole', async () => {
    const cite = (quote: string) => ({
      text: JSON.stringify({
        text: 'The figure is 42 widgets [1].',
        citations: [{ marker: 1, sourceId: 'long-report', page: null, quote }],
      }),
    });
    openai.reply({ text: '', toolCalls: [{ name: 'read', args: {} }] }, cite('The hidden figure is 42 widgets'));
    const workflowId = await createWorkflow(server, {
      name: 'Long source',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Find the figure.',
            citations: true,
            tools: [
              {
                name: 'read',
                description: 'Read the long report',
                step: {
                  type: 'transform',
                  with: {
                    expression:
                      '{ "id": "long-report", "text": $join([1..800].("Filler sentence number " & $string($) & "."), " ") & " The hidden figure is 42 widgets." }',
                  },
                },
              },
            ],
          },
        },
      ],
      output: { research: '{{ steps.research.output }}' },
    });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    const tool = run.output.research.transcript.find((e: { kind: string }) => e.kind === 'tool');
    // The transcript (and the model) kept a shortened result; the check read the whole one.
    expect(tool.result).toContain('characters; whole in the run file');
    expect(tool.result).not.toContain('hidden figure');
    expect(run.output.research.citations).toEqual([expect.objectContaining({ sourceId: 'long-report', verified: true })]);
  });

  it('refuses a citing step without sources, or with a schema, when the workflow is saved', async () => {
    const save = (step: unknown) => server.api('POST', '/v1/workflows', { name: 'Bad citing step', steps: [step] });
    const noSources = await save({
      id: 'x',
      type: 'ai.extract',
      with: { model: 'openai:gpt-4o-mini', fields: { a: 'A' }, citations: true },
    });
    expect(noSources.status).toBe(400);
    expect(JSON.stringify(noSources.body)).toContain('sources');
    const withSchema = await save({
      id: 'x',
      type: 'ai.generate',
      with: { model: 'openai:gpt-4o-mini', prompt: 'p', citations: true, sources: 'text', schema: { type: 'object' } },
    });
    expect(withSchema.status).toBe(400);
    expect(JSON.stringify(withSchema.body)).toContain('schema');
  });
});
