import type { Logger, StepContext } from '@assay/engine';
import { AssayError, WorkflowDefinition } from '@assay/schema';
import { documentRenderStep } from '@assay/steps';
import { parseDocument, DomUtils } from 'htmlparser2';
import JSZip from 'jszip';
import { pdfText } from '../support/pdf-text';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleMemo } from '../support/sample-memo';
import { engineHarness, writtenArtifacts, type EngineHarness } from '../support/engine-harness';

const MARKERS = ['**', '# ', '|---', '```', ']('];
const WORDS = [
  'Globex',
  'Investment Memo',
  'Summary',
  'Highlights',
  'strong',
  'steady',
  'score_v2',
  'Europe',
  'Germany',
  'North America',
  'Score the thesis',
  'Metric',
  'Revenue',
  '12.5M',
  'Churn',
  'the company website',
  'Growth is durable',
  'company.growth * 2',
];

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function memoWorkflow(
  withConfig: Record<string, unknown>,
  inputs: Record<string, unknown> = { company: { type: 'string', required: true } },
) {
  return { name: 'Memo', inputs, steps: [{ id: 'memo', type: 'document.render', with: withConfig }] } as never;
}

async function runMemo(withConfig: Record<string, unknown>, input: Record<string, unknown>, inputs?: Record<string, unknown>) {
  h = await engineHarness([documentRenderStep]);
  const wf = await h.workflow(memoWorkflow(withConfig, inputs));
  const runId = await h.start(wf, input);
  const status = await h.finished(runId, 30_000);
  const [step] = await h.store.runs.steps(runId);
  const run = await h.store.runs.get(h.workspaceId, runId);
  return { status, step, run };
}

function artifact(name: string): Uint8Array {
  const file = writtenArtifacts.get(name);
  if (!file) throw new Error(`artifact ${name} was not written`);
  return file.data;
}

describe('document.render through the engine', () => {
  it('renders a Liquid template to md, html, pdf and docx artifacts', async () => {
    const template = sampleMemo('{{ input.company }}') + '\n{% for risk in input.risks %}- Risk: {{ risk }}\n{% endfor %}';
    const { status, step } = await runMemo(
      { name: 'memo', formats: ['md', 'html', 'pdf', 'docx'], template },
      { company: 'Globex <Labs>', risks: ['churn', 'pricing'] },
      { company: { type: 'string', required: true }, risks: { type: 'array', required: true } },
    );
    expect(status).toBe('completed');
    const output = step?.output as {
      markdown: string;
      artifacts: Record<string, { name: string; url: string; contentType: string; bytes: number }>;
    };
    expect(output.markdown).toContain('# Globex <Labs> Investment Memo');
    expect(output.markdown).toContain('- Risk: pricing');
    expect(Object.keys(output.artifacts).sort()).toEqual(['docx', 'html', 'md', 'pdf']);
    expect(output.artifacts.pdf).toMatchObject({
      name: 'memo.pdf',
      contentType: 'application/pdf',
      url: expect.stringMatching(/\/artifacts\/memo\.pdf$/),
    });
    expect(output.artifacts.docx?.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(output.artifacts.md?.contentType).toBe('text/markdown; charset=utf-8');
    expect(output.artifacts.html?.contentType).toBe('text/html; charset=utf-8');
    for (const format of ['md', 'html', 'pdf', 'docx']) expect(output.artifacts[format]?.bytes).toBe(artifact(`memo.${format}`).byteLength);

    expect(Buffer.from(artifact('memo.md')).toString('utf8')).toBe(output.markdown);

    const pdf = artifact('memo.pdf');
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    for (const word of [...WORDS, 'Globex <Labs>', 'Risk: pricing', 'Page 1 of']) expect(text).toContain(word);
    for (const marker of MARKERS) expect(text).not.toContain(marker);

    const zip = await JSZip.loadAsync(artifact('memo.docx'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const docxText = xml
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    for (const word of [...WORDS, 'Globex <Labs>', 'Risk: pricing']) expect(docxText).toContain(word);
    for (const marker of MARKERS) expect(docxText).not.toContain(marker);
    expect(xml).toContain('<w:b/>');
    expect(xml).toContain('<w:i/>');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:hyperlink');
    expect(xml).toContain('<w:numPr>');
    expect(xml).toContain('w:val="Heading1"');
    expect(await zip.file('word/_rels/document.xml.rels')?.async('string')).toContain('https://acme.example/about?section=1');

    const html = Buffer.from(artifact('memo.html')).toString('utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Globex &lt;Labs&gt; Investment Memo</title>');
    expect(html).toContain('<h1>Globex &lt;Labs&gt; Investment Memo</h1>');
    const dom = parseDocument(html);
    for (const tag of ['html', 'head', 'body', 'title', 'style']) expect(DomUtils.getElementsByTagName(tag, dom)).toHaveLength(1);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('title', dom))).toBe('Globex <Labs> Investment Memo');
    expect(DomUtils.getElementsByTagName('table', dom)).toHaveLength(1);
    expect(DomUtils.getElementsByTagName('th', dom).map((th) => DomUtils.textContent(th))).toEqual(['Metric', 'Value', 'Trend']);
    expect(DomUtils.getElementsByTagName('td', dom)).toHaveLength(9);
    expect(DomUtils.getElementsByTagName('a', dom).map((a) => a.attribs.href)).toEqual(['https://acme.example/about?section=1']);
    expect(DomUtils.getElementsByTagName('li', dom).length).toBeGreaterThanOrEqual(10);
    expect(DomUtils.getElementsByTagName('blockquote', dom)).toHaveLength(1);
    expect(DomUtils.getElementsByTagName('pre', dom)).toHaveLength(1);
    expect(DomUtils.getElementsByTagName('h1', dom).map((e) => DomUtils.textContent(e))).toEqual(['Globex <Labs> Investment Memo']);
  });

  it('defaults to Markdown only and honours an explicit title', async () => {
    const { status, step } = await runMemo(
      { name: 'note_1', template: '# {{ input.company }}\n\nHello.', title: 'Custom & Title' },
      { company: 'Initech' },
    );
    expect(status).toBe('completed');
    const output = step?.output as { markdown: string; artifacts: Record<string, unknown> };
    expect(output.markdown).toBe('# Initech\n\nHello.');
    expect(Object.keys(output.artifacts)).toEqual(['md']);
  });

  it('fails the run naming the field when a resolved config is invalid', async () => {
    const inputs = { company: { type: 'string' }, formats: { type: 'array' }, name: { type: 'string' } };
    const badFormat = await runMemo({ name: 'memo', formats: '{{ input.formats }}', template: '# x' }, { formats: ['pdf', 'xls'] }, inputs);
    expect(badFormat.status).toBe('failed');
    expect(badFormat.run?.error).toMatchObject({ code: 'invalid_input', stepId: 'memo' });
    expect(badFormat.run?.error?.message).toContain('steps.memo.with.formats[1]');
    await h?.close();

    const badName = await runMemo({ name: '{{ input.name }}', formats: ['md'], template: '# x' }, { name: '../etc/passwd' }, inputs);
    expect(badName.status).toBe('failed');
    expect(badName.run?.error?.message).toContain('steps.memo.with.name');
    expect(badName.step?.error?.message).toContain('steps.memo.with.name');
  });

  it('rejects invalid configs when the workflow is saved, naming the path', async () => {
    h = await engineHarness([documentRenderStep]);
    const compile = (withConfig: Record<string, unknown>) => {
      try {
        h?.engine.compile(WorkflowDefinition.parse(memoWorkflow(withConfig)));
      } catch (error) {
        expect(error).toBeInstanceOf(AssayError);
        return (error as AssayError).details?.map((d) => d.path) ?? [];
      }
      return [];
    };
    expect(compile({ name: 'memo', formats: ['xls'], template: '# x' })).toContain('steps[0].with.formats[0]');
    expect(compile({ name: 'bad name!', template: '# x' })).toContain('steps[0].with.name');
    expect(compile({ name: 'memo', template: '# x', colour: 'red' })).toEqual(['steps[0].with']);
    expect(compile({ name: 'memo' })).toContain('steps[0].with.template');
    expect(compile({ name: 'memo', formats: ['md', 'pdf'], template: '# {{ input.company }}' })).toEqual([]);
  });
});

describe('document.render execution', () => {
  function context(signal: AbortSignal, onWrite: (name: string) => void = () => {}): StepContext {
    const logger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => logger };
    return {
      runId: 'r1',
      workspaceId: 'w1',
      workflowId: 'wf1',
      stepId: 'memo',
      attempt: 1,
      signal,
      logger,
      now: () => Date.now(),
      credentials: { get: async () => '' },
      artifacts: {
        write: async (file: { name: string; contentType: string; data: Uint8Array }) => {
          onWrite(file.name);
          return { name: file.name, contentType: file.contentType, bytes: file.data.byteLength, url: `/a/${file.name}` };
        },
      },
      scope: {},
      previous: undefined,
    } as Partial<StepContext> as StepContext; // only what document.render uses
  }

  it('stops between formats once the signal is aborted', async () => {
    const controller = new AbortController();
    const written: string[] = [];
    const config = documentRenderStep.config.parse({ name: 'memo', formats: ['md', 'pdf', 'docx'], template: sampleMemo() });
    const run = documentRenderStep.execute(
      config,
      context(controller.signal, (name) => {
        written.push(name);
        controller.abort(new Error('cancelled'));
      }),
    );
    await expect(run).rejects.toThrow('cancelled');
    expect(written).toEqual(['memo.md']);
  });

  it('does nothing when already aborted, and de-duplicates formats', async () => {
    const aborted = AbortSignal.abort(new Error('stopped'));
    const config = documentRenderStep.config.parse({ name: 'memo', formats: ['md', 'md'], template: '# x' });
    expect((config as { formats: string[] }).formats).toEqual(['md']);
    await expect(documentRenderStep.execute(config, context(aborted))).rejects.toThrow('stopped');
  });
});
