import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { pdftotext } from '../support/pdftotext';

const CITATIONS = [
  {
    id: 'rev-2024',
    sourceId: 'doc_1',
    page: 3,
    quote: 'Revenue grew 12% in 2024.',
    verified: true,
    title: 'Annual Report 2024',
    url: 'https://example.com/report',
    field: 'revenue',
  },
  { id: 'churn', sourceId: 'doc_2', page: null, quote: 'Churn fell to 4%', verified: false, title: 'Board memo', url: null },
];
const NOTE_1 = 'Annual Report 2024, p. 3. \u201cRevenue grew 12% in 2024.\u201d https://example.com/report';
const NOTE_2 = 'Board memo. \u201cChurn fell to 4%\u201d (unverified)';

/**
 * Citations as footnotes: `document.render` with `citations` turns the template's `[^id]` markers into
 * numbered footnotes in every format, and refuses a marker no citation has.
 */
describe('document.render footnotes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function run(workflow: string, input: Record<string, unknown> = {}): Promise<any> {
    const answer = await server.api('POST', `/v1/workflows/${workflow}/runs?wait=60`, { input });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body.data;
  }

  async function artifact(runId: string, name: string): Promise<Buffer> {
    const response = await fetch(`${server.url}/v1/workflow-runs/${runId}/artifacts/${name}`, { headers: server.headers });
    expect(response.status, name).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  it('renders cited claims as numbered footnotes in Markdown, HTML, PDF and DOCX', async () => {
    const workflow = await createWorkflow(server, {
      name: 'Cited memo',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: {
            name: 'memo',
            formats: ['md', 'html', 'pdf', 'docx'],
            template:
              '# {{ input.company }} memo\n\nRevenue grew strongly.[^rev-2024] Churn fell[^churn], and revenue grew again[^rev-2024].\n\n`[^rev-2024]` stays code.\n',
            citations: CITATIONS,
          },
        },
      ],
    });
    const done = await run(workflow, { company: 'Acme' });
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.artifacts.map((a: { name: string }) => a.name).sort()).toEqual(['memo.docx', 'memo.html', 'memo.md', 'memo.pdf']);

    const markdown =
      '# Acme memo\n\nRevenue grew strongly.[^1] Churn fell[^2], and revenue grew again[^1].\n\n`[^rev-2024]` stays code.\n\n' +
      `[^1]: ${NOTE_1}\n[^2]: ${NOTE_2}\n`;
    expect(done.steps[0].output.markdown).toBe(markdown);
    expect((await artifact(done.id, 'memo.md')).toString('utf8')).toBe(markdown);

    const html = (await artifact(done.id, 'memo.html')).toString('utf8');
    expect(html).toContain('strongly.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>');
    expect(html).toContain('Churn fell<sup class="footnote-ref"><a href="#fn-2" id="fnref-2">2</a></sup>');
    expect(html).toContain('again<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2">1</a></sup>');
    expect(html).toContain(
      '<section class="footnotes"><hr><ol>' +
        '<li id="fn-1">Annual Report 2024, p. 3. \u201cRevenue grew 12% in 2024.\u201d <a href="https://example.com/report">https://example.com/report</a> <a href="#fnref-1">\u21a9</a></li>' +
        `<li id="fn-2">${NOTE_2} <a href="#fnref-2">\u21a9</a></li>` +
        '</ol></section>',
    );

    const text = await pdftotext(await artifact(done.id, 'memo.pdf'));
    expect(text).toMatch(/strongly\.\s?1 Churn fell\s?2, and revenue grew again\s?1\./);
    expect(text).toContain('Notes');
    expect(text).toContain(`1. ${NOTE_1}`);
    expect(text).toContain(`2. ${NOTE_2}`);
    expect(text).toContain('[^rev-2024] stays code');

    const docx = await JSZip.loadAsync(await artifact(done.id, 'memo.docx'));
    const body = (await docx.file('word/document.xml')?.async('string')) ?? '';
    expect([...body.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['1', '2']);
    const footnotes = (await docx.file('word/footnotes.xml')?.async('string')) ?? '';
    const noteText = (id: number) =>
      [...(footnotes.match(new RegExp(`<w:footnote w:id="${id}">(.*?)</w:footnote>`))?.[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .join('')
        .trim();
    expect(noteText(1)).toBe(NOTE_1);
    expect(noteText(2)).toBe(NOTE_2);
  });

  it('takes lists of citations from other steps, flattened', async () => {
    const workflow = await createWorkflow(server, {
      name: 'Cited from steps',
      steps: [
        { id: 'cites', type: 'transform', with: { expression: JSON.stringify([CITATIONS[1]]) } },
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', template: 'Churn[^churn], revenue[^rev-2024].', citations: ['{{ steps.cites.output }}', [CITATIONS[0]]] },
        },
      ],
    });
    const done = await run(workflow);
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.steps[1].output.markdown).toBe(`Churn[^1], revenue[^2].\n\n[^1]: ${NOTE_2}\n[^2]: ${NOTE_1}\n`);
  });

  it('fails the run with invalid_input naming the label when no citation has it', async () => {
    const workflow = await createWorkflow(server, {
      name: 'Unknown label',
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', formats: ['md', 'pdf'], template: 'Claim[^rev-2024] and another[^made-up].', citations: CITATIONS },
        },
      ],
    });
    const done = await run(workflow);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'invalid_input', stepId: 'memo' });
    expect(done.error.message).toContain('steps.memo.with.template');
    expect(done.error.message).toContain('[^made-up]');
    expect(done.artifacts).toEqual([]);
  });

  it('refuses a malformed citation when the workflow is saved, naming its place', async () => {
    const answer = await server.api('POST', '/v1/workflows', {
      name: 'Bad citation',
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', template: 'x[^a]', citations: [CITATIONS[0], [{ id: 'a', sourceId: 's', quote: 'q' }]] },
        },
      ],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.code).toBe('invalid_input');
    expect(answer.body.details).toContainEqual({ path: 'steps[0].with.citations[1][0].verified', message: expect.any(String) });
  });
});
