import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { pdftotext } from '../support/pdftotext';

const FILING_WORKFLOW_ID = '665f1c2a9b1e4a0012a3b4d1';
const words = (text: string) => text.replace(/\s+/g, ' ');

/** The demo asks a model for an assessment when a provider is configured (and skips it otherwise). */
describe('the demo workflows with a model provider', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ ASSAY_DEMO: 'true', OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_BASE_URL: openai.baseURL });
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });

  it('writes the model assessment into the memo and records its usage', async () => {
    openai.reply({ text: 'Northwind pairs double-digit growth with strong margins; worth a closer look.' });
    const run = (
      await server.api('POST', '/v1/workflows/665f1c2a9b1e4a0012a3b4c5/runs?wait=30', { input: { companyId: '665f1c2a9b1e4a0012a3b4c6' } })
    ).body.data;
    expect(run.status).toBe('completed');
    const assessment = run.steps.find((s: { id: string }) => s.id === 'assessment');
    expect(assessment).toMatchObject({ status: 'completed', output: { text: expect.stringContaining('double-digit growth') } });
    expect(assessment.usage).toMatchObject({ model: 'openai:gpt-4o-mini' });
    expect(openai.requests).toHaveLength(1);
    expect(JSON.stringify(openai.requests[0]?.body)).toContain('Northwind Analytics');
    const memo = await fetch(`${server.url}/v1/workflow-runs/${run.id}/artifacts/memo.md`, { headers: server.headers }).then((r) =>
      r.text(),
    );
    expect(memo).toContain('## Assessment');
    expect(memo).toContain('double-digit growth');
    expect(JSON.stringify(run)).not.toContain('sk-test-not-a-real-key');
  });

  it('looks the company and its peers up with tools, then writes a memo of its verdict', async () => {
    openai.reset();
    const answer = {
      company: 'Northwind Analytics',
      summary: 'Fast-growing software with strong margins.',
      verdict: 'strong fit',
      strengths: ['Revenue growth'],
      risks: ['Valuation'],
      peers: ['Kestrel Cybersecurity'],
    };
    openai.reply(
      { text: '', toolCalls: [{ name: 'company', args: { id: '665f1c2a9b1e4a0012a3b4c6' } }] },
      { text: '', toolCalls: [{ name: 'sector_peers', args: { sector: 'Software' } }] },
      { text: JSON.stringify(answer) },
    );
    const run = (
      await server.api('POST', '/v1/workflows/665f1c2a9b1e4a0012a3b4d0/runs?wait=30', { input: { companyId: '665f1c2a9b1e4a0012a3b4c6' } })
    ).body.data;
    expect(run.status).toBe('completed');
    expect(run.output).toMatchObject({ verdict: 'strong fit', summary: answer.summary });
    const research = run.steps.find((s: { id: string }) => s.id === 'research');
    const tools = research.output.transcript.filter((e: { kind: string }) => e.kind === 'tool');
    expect(tools.map((t: { name: string }) => t.name)).toEqual(['company', 'sector_peers']);
    expect(JSON.stringify(tools[0].result)).toContain('Northwind Analytics');
    expect(JSON.stringify(tools[1].result)).toContain('Kestrel Cybersecurity');
    // The model read what the tools returned.
    expect(JSON.stringify(openai.requests[2]?.body.messages)).toContain('Kestrel Cybersecurity');
    const memo = await fetch(`${server.url}/v1/workflow-runs/${run.id}/artifacts/research.md`, { headers: server.headers }).then((r) =>
      r.text(),
    );
    expect(memo).toContain('**Verdict: strong fit**');
    expect(memo).toContain('- Kestrel Cybersecurity');
  });
});

describe('the Filing brief demo', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ ASSAY_DEMO: 'true', OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_BASE_URL: openai.baseURL });
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });

  /** The page of the passage a search (the same one the workflow's step makes) finds holding `quote`. */
  async function pageOf(query: string, quote: string): Promise<{ documentId: string; page: number }> {
    const hits = (await server.api('GET', `/v1/documents/search?q=${encodeURIComponent(query)}&collection=demo-filings&limit=5`)).body.data;
    const hit = hits.find((h: { text: string }) => words(h.text).includes(quote));
    expect(hit, `a passage for "${query}" holding "${quote}"`).toBeDefined();
    return { documentId: hit.documentId, page: hit.page };
  }

  it('briefs the sample filing Assay rendered at first start: cited figures, a memo with footnotes', async () => {
    const listed = (await server.api('GET', '/v1/documents?collection=demo-filings')).body.data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ kind: 'pdf', title: 'Harbor Light Instruments — Annual report 2025', pageCount: 3 });

    const quotes = {
      company: ['revenue grew 2024', 'Harbor Light Instruments plc is a fictional company'],
      revenue: ['revenue grew 2024', 'Revenue grew 9.2% to $842.6 million'],
      operatingMarginPct: ['operating margin', 'Operating margin improved to 14.8%'],
      mainRisk: ['main risk', 'The main risk to the business is the supply of semiconductor components'],
    } as const;
    const citations = [];
    for (const [field, [query, quote]] of Object.entries(quotes)) {
      const { documentId, page } = await pageOf(query, quote);
      citations.push({ field, sourceId: documentId, page, quote });
    }
    expect(citations.map((c) => c.page)).toEqual([1, 1, 1, 2]);
    openai.reply({
      text: JSON.stringify({
        values: {
          company: 'Harbor Light Instruments',
          revenue: 842.6,
          revenueGrowthPct: null,
          operatingMarginPct: 14.8,
          netIncome: null,
          netCash: null,
          mainRisk: 'A disruption at its single chip supplier would delay shipments.',
          guidance: null,
        },
        citations,
      }),
    });
    const run = (await server.api('POST', `/v1/workflows/${FILING_WORKFLOW_ID}/runs?wait=60`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(1);
    expect(run.output.figures.citations.map((c: { id: string; verified: boolean }) => [c.id, c.verified])).toEqual([
      ['figures.company', true],
      ['figures.revenue', true],
      ['figures.operatingMarginPct', true],
      ['figures.mainRisk', true],
    ]);
    const file = (name: string) =>
      fetch(`${server.url}/v1/workflow-runs/${run.id}/artifacts/${name}`, { headers: server.headers }).then(
        async (r) => new Uint8Array(await r.arrayBuffer()),
      );
    const memo = new TextDecoder().decode(await file('filing-brief.md'));
    expect(memo).toContain('| Revenue | $842.6 million[^1] |');
    expect(memo).toContain('| Net income | not stated |');
    expect(memo).toContain('[^1]: Harbor Light Instruments — Annual report 2025, p. 1. “Revenue grew 9.2% to $842.6 million”');
    expect(memo).toContain('[^3]: Harbor Light Instruments — Annual report 2025, p. 2. “The main risk to the business');
    const pdf = words(await pdftotext(await file('filing-brief.pdf')));
    expect(pdf).toContain('Harbor Light Instruments — Annual report 2025, p. 2. “The main risk to the business');
  });

  it('without a provider the run stops at once, saying what to set', async () => {
    const bare = await startTestServer({ ASSAY_DEMO: 'true' });
    try {
      const run = (await bare.api('POST', `/v1/workflows/${FILING_WORKFLOW_ID}/runs?wait=30`, {})).body.data;
      expect(run.status).toBe('failed');
      expect(run.error.message).toContain('No AI model provider is configured');
    } finally {
      await bare.close();
    }
  });
});

describe('the demo workflow without a provider', () => {
  it('skips the assessment branch and still writes the memo', async () => {
    const server = await startTestServer({ ASSAY_DEMO: 'true' });
    try {
      const run = (
        await server.api('POST', '/v1/workflows/665f1c2a9b1e4a0012a3b4c5/runs?wait=30', {
          input: { companyId: '665f1c2a9b1e4a0012a3b4c6' },
        })
      ).body.data;
      expect(run.status).toBe('completed');
      expect(run.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual([
        'profile:completed',
        'figures:completed',
        'score:completed',
        'assessment:skipped',
        'memo:completed',
      ]);
      // The research demo needs a model: it stops at once and says what to set.
      const research = (
        await server.api('POST', '/v1/workflows/665f1c2a9b1e4a0012a3b4d0/runs?wait=30', {
          input: { companyId: '665f1c2a9b1e4a0012a3b4c6' },
        })
      ).body.data;
      expect(research.status).toBe('failed');
      expect(research.error.message).toContain('No AI model provider is configured');
      expect(research.error.message).toContain('ASSAY_AI_COMPAT_OLLAMA_BASE_URL');
    } finally {
      await server.close();
    }
  });
});
