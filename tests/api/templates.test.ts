import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { createOtherWorkspace } from '../support/other-workspace';
import { startFakeSearxng, type FakeSearchProvider } from '../support/search-providers';

/**
 * The template gallery through the API: six research workflows, each created in one call and run to
 * completion with its sample input against a fake model and a fake SearXNG; what one call creates
 * besides the workflow; and what a run says when the model or the search provider is missing.
 */

const THEMES = ['company-screen', 'filing-figures', 'news-monitor', 'crm-enrichment', 'due-diligence-memo', 'csv-scoring'];
const ACME_RESULTS = 'https://www.example.com/acme-results';
const ACME_HIRES = 'https://news.example.org/acme-hires';
const ACME_GUIDE = 'https://docs.example.com/acme/guide';

/** A model answer given as JSON text (structured output). */
const answer = (value: unknown) => ({ text: JSON.stringify(value) });
const stepOf = (run: { steps: Array<{ id: string }> }, id: string) => run.steps.find((s) => s.id === id) as any;

let server: TestServer;
let openai: FakeLlmServer;
let searxng: FakeSearchProvider;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  searxng = await startFakeSearxng();
  server = await startTestServer({
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: openai.baseURL,
    ASSAY_SEARXNG_URL: searxng.url,
  });
});

afterAll(async () => {
  await server?.close();
  await openai?.close();
  await searxng?.close();
});

/** Creates a workflow from the template; answers the created workflow and side effects. */
async function createFrom(id: string, body: unknown = {}) {
  const created = await server.api('POST', `/v1/templates/${id}/workflows`, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data as { workflow: any; created: { datasets: any[]; documents: any[]; schedules: any[] } };
}

/** Creates the template's workflow, runs it with the template's sample input and waits for the end. */
async function runTemplate(id: string) {
  const template = (await server.api('GET', `/v1/templates/${id}`)).body.data;
  const { workflow } = await createFrom(id);
  const started = await server.api('POST', `/v1/workflows/${workflow.id}/runs`, { input: template.sampleInput });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const run = await waitForRun(server, started.body.data.id, 60_000);
  expect(run.status, JSON.stringify(run.error ?? run.steps.filter((s: any) => s.error))).toBe('completed');
  return run;
}

async function artifact(runId: string, name: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/workflow-runs/${runId}/artifacts/${name}`, { headers: server.headers });
  expect(response.status, name).toBe(200);
  return response.text();
}

describe('the template gallery', () => {
  it('lists at least six research templates, each with what it needs and a sample input', async () => {
    const { status, body } = await server.api('GET', '/v1/templates');
    expect(status).toBe(200);
    const ids = body.data.map((t: { id: string }) => t.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    expect(ids).toEqual(expect.arrayContaining(THEMES));
    for (const template of body.data) {
      expect(template.name.length, template.id).toBeGreaterThan(5);
      expect(template.description.length, template.id).toBeGreaterThan(150);
      expect(template.needs.length, template.id).toBeGreaterThan(0);
      expect(template.sampleInput, template.id).toBeTypeOf('object');
      // The list leaves the definitions out; one template has it.
      expect(template.definition).toBeUndefined();
    }
    const byId = new Map(body.data.map((t: any) => [t.id, t]));
    expect(byId.get('news-monitor')).toMatchObject({
      needs: expect.arrayContaining(['model', 'webSearch']),
      creates: { schedules: [{ cron: '0 7 * * 1-5', timezone: 'UTC' }] },
    });
    expect(byId.get('due-diligence-memo')).toMatchObject({ stepTypes: expect.arrayContaining(['ai.agent', 'web.search', 'web.extract']) });
    expect(byId.get('company-screen')).toMatchObject({
      needs: expect.arrayContaining(['dataset']),
      creates: { datasets: ['companies'] },
      stepTypes: expect.arrayContaining(['dataset.lookup', 'map', 'ai.extract', 'document.render']),
    });
  });

  it('answers one template with a definition that validates, and whose inputs default to the sample input', async () => {
    for (const id of THEMES) {
      const { status, body } = await server.api('GET', `/v1/templates/${id}`);
      expect(status).toBe(200);
      const template = body.data;
      const validation = await server.api('POST', '/v1/workflows/validate', template.definition);
      expect(validation.body.data, id).toMatchObject({ valid: true, errors: [] });
      const defaults = Object.fromEntries(
        Object.entries(template.definition.inputs as Record<string, { default?: unknown }>).map(([name, spec]) => [name, spec.default]),
      );
      expect(defaults, id).toEqual(template.sampleInput);
    }
  });

  it('answers 404 naming an unknown template, for reading and creating', async () => {
    const read = await server.api('GET', '/v1/templates/no-such-template');
    expect(read.status).toBe(404);
    expect(read.body.error).toContain('no-such-template');
    const create = await server.api('POST', '/v1/templates/no-such-template/workflows', {});
    expect(create.status).toBe(404);
    expect(create.body.error).toContain('no-such-template');
  });

  it('refuses a bad name with a 400 naming the field', async () => {
    const long = await server.api('POST', '/v1/templates/csv-scoring/workflows', { name: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.details)).toContain('name');
    const extra = await server.api('POST', '/v1/templates/csv-scoring/workflows', { name: 'ok', admin: true });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('admin');
  });

  it('lets a read key list templates but not create from one (403)', async () => {
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const headers = { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret };
    expect((await request(server.url, 'GET', '/v1/templates', headers)).status).toBe(200);
    const refused = await request(server.url, 'POST', '/v1/templates/csv-scoring/workflows', headers, {});
    expect(refused.status).toBe(403);
    const names = (await server.api('GET', '/v1/workflows?limit=200')).body.data.map((w: { name: string }) => w.name);
    expect(names).not.toContain('CSV scoring');
  });
});

describe('one click creates the workflow and what it runs on', () => {
  it('creates the sample dataset once, and names the workflow as asked', async () => {
    const first = await createFrom('company-screen', { name: 'My screen' });
    expect(first.workflow).toMatchObject({ name: 'My screen', version: 1, trigger: null });
    expect(first.created.datasets).toHaveLength(1);
    expect(first.created.datasets[0]).toMatchObject({ name: 'companies', rowCount: 16, keys: ['id', 'sector'] });
    expect(first.created.schedules).toEqual([]);
    const second = await createFrom('company-screen');
    expect(second.workflow.name).toBe('Company screen');
    expect(second.workflow.id).not.toBe(first.workflow.id);
    // The workspace has a `companies` dataset now: it is not replaced.
    expect(second.created.datasets).toEqual([]);
  });

  it('loads the CSV sample as an upload would, with inferred column types', async () => {
    const { created } = await createFrom('csv-scoring');
    expect(created.datasets).toHaveLength(1);
    expect(created.datasets[0]).toMatchObject({
      name: 'sample-leads',
      rowCount: 8,
      columns: expect.objectContaining({ employees: 'integer' }),
    });
  });

  it('creates the news monitor with a disabled schedule carrying the sample input', async () => {
    const { workflow, created } = await createFrom('news-monitor');
    expect(created.schedules).toHaveLength(1);
    expect(created.schedules[0]).toMatchObject({
      workflowId: workflow.id,
      name: 'Weekday morning digest',
      cron: '0 7 * * 1-5',
      timezone: 'UTC',
      enabled: false,
      nextFireAt: null,
      input: { topic: 'Acme', recency: 'week', limit: 8 },
    });
    const listed = (await server.api('GET', `/v1/workflows/${workflow.id}/schedules`)).body.data;
    expect(listed.map((s: { enabled: boolean }) => s.enabled)).toEqual([false]);
  });

  it('creates the CRM enrichment workflow without a webhook trigger (the user sets it up, signed)', async () => {
    const { workflow, created } = await createFrom('crm-enrichment');
    expect(workflow.trigger).toBeNull();
    expect((await server.api('GET', `/v1/workflows/${workflow.id}/trigger`)).status).toBe(404);
    expect(created).toEqual({ datasets: [], documents: [], schedules: [] });
  });

  it('keeps workspaces apart: another workspace gets its own samples and cannot see these workflows', async () => {
    const mine = await createFrom('company-screen');
    const other = await createOtherWorkspace(server, 'templates');
    const theirs = await other.api('POST', '/v1/templates/company-screen/workflows', {});
    expect(theirs.status).toBe(201);
    // This workspace's `companies` dataset is not theirs: they get a sample of their own.
    expect(theirs.body.data.created.datasets.map((d: { name: string }) => d.name)).toEqual(['companies']);
    expect((await other.api('GET', `/v1/workflows/${mine.workflow.id}`)).status).toBe(404);
    expect((await server.api('GET', `/v1/workflows/${theirs.body.data.workflow.id}`)).status).toBe(404);
    const myDatasets = (await server.api('GET', '/v1/datasets?limit=100')).body.data.map((d: { id: string }) => d.id);
    expect(myDatasets).not.toContain(theirs.body.data.created.datasets[0].id);
  });
});

describe('every template runs with its sample input', () => {
  it('company screen: ranks the sector and reads the best, citing dataset rows', async () => {
    openai.reset();
    const reading = (id: string, name: string) =>
      answer({
        values: { thesis: `${name} grows fast with strong margins.`, risk: 'Its valuation leaves little room for error.' },
        citations: [
          { field: 'thesis', sourceId: id, page: null, quote: `name: ${name}` },
          { field: 'risk', sourceId: id, page: null, quote: 'sector: Software' },
        ],
      });
    openai.reply(reading('cmp-01', 'Larkspur Data'), reading('cmp-02', 'Quillon Security'), reading('cmp-06', 'Nightjar Cloud'));
    const run = await runTemplate('company-screen');
    expect(run.output).toMatchObject({ screened: 6, passed: 5 });
    expect(run.output.top.map((c: { name: string; score: number }) => `${c.name}:${c.score}`)).toEqual([
      'Larkspur Data:100',
      'Quillon Security:85',
      'Nightjar Cloud:70',
    ]);
    expect(run.output.readings).toHaveLength(3);
    for (const reading of run.output.readings) {
      expect(reading.thesis).toContain('grows fast');
      expect(reading.citations.map((c: { verified: boolean }) => c.verified)).toEqual([true, true]);
    }
    expect(openai.requests).toHaveLength(3);
    const memo = await artifact(run.id, 'company-screen.md');
    expect(memo).toContain('| Larkspur Data | United States | 100 | 25.4 % |');
    expect(memo).toContain('Its valuation leaves little room for error.');
  });

  it('filing figures: extracts figures citing the pages of the sample filing, in a memo with footnotes', async () => {
    openai.reset();
    const { workflow, created } = await createFrom('filing-figures');
    expect(created.documents).toHaveLength(1);
    expect(created.documents[0]).toMatchObject({
      collection: 'sample-filings',
      kind: 'pdf',
      title: 'Fjordline Robotics — Annual report 2025',
    });
    const documentId = created.documents[0].id;
    const pages = (await server.api('GET', `/v1/documents/${documentId}`)).body.data.pages as Array<{ number: number; text: string }>;
    const pageOf = (quote: string) => {
      const page = pages.find((p) => p.text.replace(/\s+/g, ' ').includes(quote));
      expect(page, quote).toBeDefined();
      return page!.number;
    };
    const quotes = {
      company: 'Fjordline Robotics ASA is a fictional company',
      revenue: 'Revenue rose 18.4% to $311.2 million',
      operatingMarginPct: 'an operating margin of 12.5%',
      mainRisk: 'dependence on a single supplier of the lidar sensors',
    };
    openai.reply(
      answer({
        values: {
          company: 'Fjordline Robotics',
          revenue: 311.2,
          revenueGrowthPct: null,
          operatingMarginPct: 12.5,
          netIncome: null,
          netCash: null,
          employees: null,
          mainRisk: 'It depends on a single supplier of lidar sensors.',
          outlook: null,
        },
        citations: Object.entries(quotes).map(([field, quote]) => ({ field, sourceId: documentId, page: pageOf(quote), quote })),
      }),
    );
    // The sample is added once: a second workflow from the template finds the collection filled.
    expect((await createFrom('filing-figures')).created.documents).toEqual([]);
    const started = await server.api('POST', `/v1/workflows/${workflow.id}/runs`, { input: { collection: 'sample-filings' } });
    const run = await waitForRun(server, started.body.data.id, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.output.company).toBe('Fjordline Robotics');
    expect(run.output.figures.citations.map((c: { id: string; verified: boolean }) => [c.id, c.verified])).toEqual([
      ['figures.company', true],
      ['figures.revenue', true],
      ['figures.operatingMarginPct', true],
      ['figures.mainRisk', true],
    ]);
    const memo = await artifact(run.id, 'filing-figures.md');
    expect(memo).toContain('| Revenue | $311.2 million[^1] |');
    expect(memo).toContain('| Operating margin | 12.5%[^2] |');
    expect(memo).toContain('| Net income | not stated |');
    expect(memo).toContain('Fjordline Robotics — Annual report 2025, p. 1. “Revenue rose 18.4% to $311.2 million”');
  });

  it('news monitor: a digest of the search results, each claim citing its result', async () => {
    openai.reset();
    searxng.requests.length = 0;
    openai.reply(
      answer({
        text: '- Acme said revenue grew to 40 million this year [1].\n- A new CFO starts in May [2].\nWatch: the first results under the new CFO.',
        citations: [
          { marker: 1, sourceId: ACME_RESULTS, page: null, quote: 'revenue grew to 40 million' },
          { marker: 2, sourceId: ACME_HIRES, page: null, quote: 'CFO starts in May' },
        ],
      }),
    );
    const run = await runTemplate('news-monitor');
    expect(searxng.requests.at(-1)?.query).toMatchObject({ q: 'Acme news', time_range: 'week', format: 'json' });
    expect(run.output.results).toBe(5);
    expect(run.output.digest).toContain('revenue grew to 40 million this year [^digest.1]');
    expect(run.output.citations.map((c: { url: string; verified: boolean }) => [c.url, c.verified])).toEqual([
      [ACME_RESULTS, true],
      [ACME_HIRES, true],
    ]);
    const digest = await artifact(run.id, 'news-digest.md');
    expect(digest).toContain('# News digest: Acme');
    expect(digest).toContain('[^1]: Acme reports record revenue. “revenue grew to 40 million”');
    expect(digest).toContain(`- [Acme hires a new CFO](${ACME_HIRES}) (2024-04-01)`);
  });

  it('CRM enrichment: the fields found, each from a cited page, as the update to send back', async () => {
    openai.reset();
    openai.reply(
      answer({
        values: {
          industry: null,
          headquarters: null,
          employees: null,
          description: 'Acme makes products with a user guide.',
          latestNews: 'Acme hired a new CFO who starts in May.',
        },
        citations: [
          { field: 'description', sourceId: ACME_GUIDE, page: null, quote: 'How to use Acme products' },
          { field: 'latestNews', sourceId: ACME_HIRES, page: null, quote: 'new CFO starts in May' },
        ],
      }),
    );
    const run = await runTemplate('crm-enrichment');
    expect(run.output).toEqual({
      recordId: 'crm-0001',
      fields: { description: 'Acme makes products with a user guide.', latestNews: 'Acme hired a new CFO who starts in May.' },
      sources: [ACME_GUIDE, ACME_HIRES],
      verifiedCitations: 2,
    });
  });

  it('due-diligence memo: an agent searches with its tools, then writes a memo whose claims cite what they returned', async () => {
    openai.reset();
    openai.reply(
      { text: '', toolCalls: [{ name: 'web_search', args: { query: 'Acme annual results' } }] },
      answer({
        text: '## Overview\n\nAcme reported revenue of 40 million [1].\n\n## Leadership\n\nA new CFO starts in May [2].',
        citations: [
          { marker: 1, sourceId: ACME_RESULTS, page: null, quote: 'revenue grew to 40 million' },
          { marker: 2, sourceId: ACME_HIRES, page: null, quote: 'CFO starts in May' },
        ],
      }),
    );
    const run = await runTemplate('due-diligence-memo');
    const research = stepOf(run, 'research');
    expect(research.output.transcript.filter((e: { kind: string }) => e.kind === 'tool').map((t: { name: string }) => t.name)).toEqual([
      'web_search',
    ]);
    expect(run.output.citations.map((c: { verified: boolean }) => c.verified)).toEqual([true, true]);
    // The model read the tool's results before answering.
    expect(JSON.stringify(openai.requests[1]?.body.messages)).toContain('Acme hires a new CFO');
    const memo = await artifact(run.id, 'due-diligence.md');
    expect(memo).toContain('# Due diligence: Acme');
    expect(memo).toContain('Acme reported revenue of 40 million [^1].');
    expect(memo).toContain(`[^2]: Acme hires a new CFO. “CFO starts in May” ${ACME_HIRES}`);
  });

  it('CSV scoring: every row scored, ranked best first, in a table', async () => {
    openai.reset();
    const scores = [91, 12, 78, 30, 85, 5, 88, 20];
    openai.reply(
      ...scores.map((score) => answer({ score, fit: score > 80 ? 'strong' : score > 40 ? 'possible' : 'poor', reason: `scored ${score}` })),
    );
    const run = await runTemplate('csv-scoring');
    expect(run.output.scored).toBe(8);
    expect(run.output.ranked.map((r: { score: number }) => r.score)).toEqual([...scores].sort((a, b) => b - a));
    for (const row of run.output.ranked) expect(row.reason).toBe(`scored ${row.score}`);
    expect(openai.requests).toHaveLength(8);
    // Each request scored one row of the CSV against the criteria.
    expect(JSON.stringify(openai.requests.map((r) => r.body.messages))).toContain('Brightwater Logistics');
    expect(JSON.stringify(openai.requests[0]?.body.messages)).toContain('B2B software companies in Europe');
    const table = await artifact(run.id, 'scored-list.md');
    expect(table).toContain('| 91 | strong |');
  });
});

describe('without a provider, a template says what to set', () => {
  it('stops a model-needing template at once, naming the model settings', async () => {
    const bare = await startTestServer();
    try {
      for (const id of ['news-monitor', 'csv-scoring']) {
        const template = (await bare.api('GET', `/v1/templates/${id}`)).body.data;
        const { body } = await bare.api('POST', `/v1/templates/${id}/workflows`, {});
        const started = await bare.api('POST', `/v1/workflows/${body.data.workflow.id}/runs`, { input: template.sampleInput });
        const run = await waitForRun(bare, started.body.data.id);
        expect(run.status).toBe('failed');
        expect(run.error.message).toContain('No AI model provider is configured');
        expect(run.error.message).toContain('ASSAY_AI_DEFAULT_MODEL');
      }
    } finally {
      await bare.close();
    }
  });

  it('fails a web-searching template naming the search settings when a model but no search provider is configured', async () => {
    const noSearch = await startTestServer({ OPENAI_API_KEY: 'sk-test-not-a-real-key', OPENAI_BASE_URL: openai.baseURL });
    try {
      const { body } = await noSearch.api('POST', '/v1/templates/news-monitor/workflows', {});
      const started = await noSearch.api('POST', `/v1/workflows/${body.data.workflow.id}/runs`, { input: { topic: 'Acme' } });
      const run = await waitForRun(noSearch, started.body.data.id);
      expect(run.status).toBe('failed');
      expect(run.error.message).toContain('ASSAY_SEARXNG_URL');
      expect(stepOf(run, 'digest').status).not.toBe('completed');
    } finally {
      await noSearch.close();
    }
  });
});
