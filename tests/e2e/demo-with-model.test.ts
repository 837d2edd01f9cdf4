import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';

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
