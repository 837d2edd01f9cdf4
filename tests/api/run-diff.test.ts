import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace } from '../support/other-workspace';

const UNKNOWN_ID = '0123456789abcdef01234567';

/** Version 1 of a screening workflow: facts, a legacy step, and a memo as Markdown and PDF. */
const version1 = {
  name: 'Screen a company',
  inputs: { company: { type: 'string', required: true } },
  steps: [
    {
      id: 'facts',
      type: 'transform',
      with: { expression: '{ "name": input.company, "figures": { "revenue": 12, "margin": { "gross": 0.4 } }, "tags": ["a", "b"] }' },
    },
    { id: 'legacy', type: 'transform', with: { expression: '"old"' } },
    {
      id: 'memo',
      type: 'document.render',
      with: { name: 'memo', formats: ['md', 'pdf'], template: '# {{ input.company }}\n\nRevenue grew.\n\nVerdict: hold\n\nEnd.\n' },
    },
  ],
  output: { verdict: 'hold', figures: '{{ steps.facts.output.figures }}' },
};

/** Version 2: other figures and verdict, `legacy` replaced by `score`, the memo's verdict line changed and HTML added. */
const version2 = {
  ...version1,
  steps: [
    {
      id: 'facts',
      type: 'transform',
      with: { expression: '{ "name": input.company, "figures": { "revenue": 15, "margin": { "gross": 0.4 } }, "tags": ["a", "b", "c"] }' },
    },
    { id: 'score', type: 'transform', with: { expression: '0.8' } },
    {
      id: 'memo',
      type: 'document.render',
      with: { name: 'memo', formats: ['md', 'pdf', 'html'], template: '# {{ input.company }}\n\nRevenue grew.\n\nVerdict: buy\n\nEnd.\n' },
    },
  ],
  output: { verdict: 'buy', figures: '{{ steps.facts.output.figures }}' },
};

/**
 * `GET /v1/workflow-runs/{a}/diff/{b}` on both databases: the same input on two versions of a
 * workflow, compared field by field (output, each step matched by id) and document by document (text
 * as a unified patch, PDF by hash); identical runs give empty diffs; bad ids, unknown runs and another
 * workspace's runs are refused without saying whether they exist.
 */
describe('run diffs', () => {
  let server: TestServer;
  let workflowId: string;
  let before: any;
  let after: any;
  let again: any;

  const run = async (input: Record<string, unknown>) => {
    const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const finished = await waitForRun(server, created.body.data.id);
    expect(finished.status, JSON.stringify(finished.error)).toBe('completed');
    return finished;
  };
  const diff = (a: string, b: string, on: { api: TestServer['api'] } = server) => on.api('GET', `/v1/workflow-runs/${a}/diff/${b}`);

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, version1);
    before = await run({ company: 'Acme' });
    const saved = await server.api('PUT', `/v1/workflows/${workflowId}`, version2);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    after = await run({ company: 'Acme' });
    again = await run({ company: 'Acme' });
    expect([before.workflowVersion, after.workflowVersion, again.workflowVersion]).toEqual([1, 2, 2]);
  });
  afterAll(() => server.close());

  it('compares the outputs field by field, nested paths included', async () => {
    const { status, body } = await diff(before.id, after.id);
    expect(status, JSON.stringify(body)).toBe(200);
    const result = body.data;
    expect(result.a).toMatchObject({ id: before.id, workflowId, workflowVersion: 1, status: 'completed', error: null });
    expect(result.b).toMatchObject({ id: after.id, workflowId, workflowVersion: 2, status: 'completed', error: null });
    expect(result).toMatchObject({ identical: false, statusChanged: false, truncated: false, documentsTruncated: false });
    expect(result.input).toEqual({ changes: [], truncated: false });
    expect(result.output).toEqual({
      changes: [
        { path: 'verdict', type: 'changed', before: 'hold', after: 'buy' },
        { path: 'figures.revenue', type: 'changed', before: 12, after: 15 },
      ],
      truncated: false,
    });
  });

  it('matches steps by id: changed ones with their output changes, and steps only in one run as removed or added', async () => {
    const { steps } = (await diff(before.id, after.id)).body.data;
    expect(steps.map((s: { id: string; change: string }) => [s.id, s.change])).toEqual([
      ['facts', 'changed'],
      ['legacy', 'removed'],
      ['memo', 'changed'],
      ['score', 'added'],
    ]);
    const [facts, legacy, memo, score] = steps;
    expect(facts.output).toEqual({
      changes: [
        { path: 'figures.revenue', type: 'changed', before: 12, after: 15 },
        { path: 'tags[2]', type: 'added', after: 'c' },
      ],
      truncated: false,
    });
    expect(facts.before).toEqual({ type: 'transform', status: 'completed', error: null });
    expect(legacy).toEqual({
      id: 'legacy',
      change: 'removed',
      before: { type: 'transform', status: 'completed', error: null },
      after: null,
      output: { changes: [], truncated: false },
    });
    expect(score).toMatchObject({ change: 'added', before: null, after: { type: 'transform', status: 'completed' } });
    // The rendered text changed and an HTML file was added; each run's links to its own files are not a difference.
    const paths = memo.output.changes.map((c: { path: string }) => c.path);
    expect(paths).toContain('markdown');
    expect(paths).toContain('artifacts.html');
    expect(paths.filter((p: string) => p.endsWith('.url'))).toEqual([]);
    expect(memo.output.changes.find((c: { path: string }) => c.path === 'artifacts.html').after.url).toBe(
      `/v1/workflow-runs/${after.id}/artifacts/memo.html`,
    );
  });

  it('diffs text documents line by line, compares a PDF by hash, and lists a document only in one run', async () => {
    const { documents } = (await diff(before.id, after.id)).body.data;
    const byName = Object.fromEntries(documents.map((d: { name: string }) => [d.name, d]));
    expect(documents.map((d: { name: string }) => d.name)).toEqual(['memo.md', 'memo.pdf', 'memo.html']);

    const md = byName['memo.md'];
    expect(md).toMatchObject({ change: 'changed', comparedBy: 'lines', patchTruncated: false });
    expect(md.before.contentType).toMatch(/^text\/markdown/);
    expect(md.before.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(md.after.sha256).not.toBe(md.before.sha256);
    expect(md.patch).toMatch(/^--- a\/memo\.md\n\+\+\+ b\/memo\.md\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    const changed = md.patch.split('\n').filter((line: string) => /^[-+](?![-+]{2} )/.test(line));
    expect(changed).toEqual(['-Verdict: hold', '+Verdict: buy']);
    expect(md.patch).toContain('\n Revenue grew.\n');
    // The patch is the difference of the files the runs serve.
    const served = async (runId: string) =>
      (await fetch(`${server.url}/v1/workflow-runs/${runId}/artifacts/memo.md`, { headers: server.headers })).text();
    expect(await served(before.id)).toContain('Verdict: hold');
    expect(await served(after.id)).toContain('Verdict: buy');

    const pdf = byName['memo.pdf'];
    expect(pdf).toMatchObject({ change: 'changed', comparedBy: 'hash', patch: null, before: { contentType: 'application/pdf' } });
    expect(pdf.before.bytes).toBeGreaterThan(0);
    expect(pdf.before.sha256).not.toBe(pdf.after.sha256);

    expect(byName['memo.html']).toMatchObject({ change: 'added', comparedBy: 'lines', before: null, patch: null });
    expect(byName['memo.html'].after.contentType).toMatch(/^text\/html/);

    // The other way round, what was added is removed and the patch is reversed.
    const reversed = (await diff(after.id, before.id)).body.data;
    expect(reversed.documents.find((d: { name: string }) => d.name === 'memo.html').change).toBe('removed');
    expect(reversed.steps.find((s: { id: string }) => s.id === 'score').change).toBe('removed');
    const back = reversed.documents.find((d: { name: string }) => d.name === 'memo.md').patch;
    expect(back.split('\n').filter((line: string) => /^[-+](?![-+]{2} )/.test(line))).toEqual(['-Verdict: buy', '+Verdict: hold']);
  });

  it('finds nothing between two runs of the same version with the same input (their own file links aside)', async () => {
    const { status, body } = await diff(after.id, again.id);
    expect(status).toBe(200);
    const result = body.data;
    expect(result).toMatchObject({ statusChanged: false, truncated: false, documentsTruncated: false });
    expect(result.input).toEqual({ changes: [], truncated: false });
    expect(result.output).toEqual({ changes: [], truncated: false });
    expect(result.steps.map((s: { id: string; change: string }) => [s.id, s.change])).toEqual([
      ['facts', 'unchanged'],
      ['score', 'unchanged'],
      ['memo', 'unchanged'],
    ]);
    for (const step of result.steps) expect(step.output).toEqual({ changes: [], truncated: false });
    const byName = Object.fromEntries(result.documents.map((d: { name: string }) => [d.name, d]));
    for (const name of ['memo.md', 'memo.html']) {
      expect(byName[name]).toMatchObject({ change: 'unchanged', comparedBy: 'lines', patch: null });
      expect(byName[name].after.sha256).toBe(byName[name].before.sha256);
    }
    // A run against itself is identical through and through (PDFs carry their creation time, so only then).
    const self = (await diff(again.id, again.id)).body.data;
    expect(self.identical).toBe(true);
    expect(self.documents.every((d: { change: string }) => d.change === 'unchanged')).toBe(true);
  });

  it('compares inputs, and runs of a failed status', async () => {
    const other = await run({ company: 'Globex' });
    const failing = await createWorkflow(server, { name: 'Fails', steps: [{ id: 'boom', type: 'fail', with: { message: 'nope' } }] });
    const created = await server.api('POST', `/v1/workflows/${failing}/runs`, {});
    const failed = await waitForRun(server, created.body.data.id);
    expect(failed.status).toBe('failed');

    const inputs = (await diff(again.id, other.id)).body.data;
    expect(inputs.input.changes).toEqual([{ path: 'company', type: 'changed', before: 'Acme', after: 'Globex' }]);
    const facts = inputs.steps.find((s: { id: string }) => s.id === 'facts');
    expect(facts.output.changes).toEqual([{ path: 'name', type: 'changed', before: 'Acme', after: 'Globex' }]);

    const statuses = (await diff(again.id, failed.id)).body.data;
    expect(statuses).toMatchObject({ statusChanged: true, identical: false, a: { status: 'completed' }, b: { status: 'failed' } });
    expect(statuses.b.error).toMatchObject({ message: 'nope', stepId: 'boom' });
    expect(statuses.steps.find((s: { id: string }) => s.id === 'boom')).toMatchObject({
      change: 'added',
      after: { type: 'fail', status: 'failed', error: 'nope' },
    });
    expect(statuses.output.changes).toEqual([{ path: '', type: 'changed', before: again.output, after: null }]);
  });

  it('cuts a long patch at about 200 KB, compares text over 1 MB by hash, and at most 50 documents', async () => {
    const big = await createWorkflow(server, {
      name: 'Many and big documents',
      inputs: { variant: { type: 'string', required: true } },
      steps: [
        // 500 lines of 500 characters, every one different between the variants: a patch of about 500 KB.
        {
          id: 'wide',
          type: 'transform',
          with: { expression: '($v := input.variant; $join([1..500].($pad($v & " line " & $string($), 500, "x")), "\\n"))' },
        },
        // About 1.1 MB.
        {
          id: 'huge',
          type: 'transform',
          with: { expression: '($v := input.variant; $join([1..2200].($pad($v & " " & $string($), 500, "y")), "\\n"))' },
        },
        {
          id: 'wideDoc',
          type: 'document.render',
          needs: ['wide'],
          with: { name: 'wide', formats: ['md'], template: '{{ steps.wide.output }}' },
        },
        {
          id: 'hugeDoc',
          type: 'document.render',
          needs: ['huge'],
          with: { name: 'huge', formats: ['md'], template: '{{ steps.huge.output }}' },
        },
        {
          id: 'each',
          type: 'map',
          needs: ['wideDoc', 'hugeDoc'],
          with: {
            items: '[1..26]',
            steps: [
              {
                id: 'note',
                type: 'document.render',
                with: { name: 'note-{{ item }}', formats: ['md', 'html'], template: '# Note {{ item }}' },
              },
            ],
          },
        },
      ],
    });
    const start = async (variant: string) => {
      const created = await server.api('POST', `/v1/workflows/${big}/runs`, { input: { variant } });
      const finished = await waitForRun(server, created.body.data.id);
      expect(finished.status, JSON.stringify(finished.error)).toBe('completed');
      expect(finished.artifacts).toHaveLength(54);
      return finished;
    };
    const [one, two] = [await start('first'), await start('second')];
    const { status, body } = await diff(one.id, two.id);
    expect(status).toBe(200);
    const result = body.data;
    expect(result).toMatchObject({ documentsTruncated: true, truncated: true, identical: false });
    expect(result.documents).toHaveLength(50);
    const byName = Object.fromEntries(result.documents.map((d: { name: string }) => [d.name, d]));

    const wide = byName['wide.md'];
    expect(wide).toMatchObject({ change: 'changed', comparedBy: 'lines', patchTruncated: true });
    expect(wide.patch.length).toBeLessThanOrEqual(200_000);
    expect(wide.patch.length).toBeGreaterThan(190_000);
    expect(wide.patch).toMatch(/^--- a\/wide\.md\n\+\+\+ b\/wide\.md\n@@ /);
    expect(wide.patch.endsWith('\n')).toBe(true);
    expect(wide.patch.includes(`\n-${'first line 1'.padEnd(500, 'x')}\n`)).toBe(true);

    const huge = byName['huge.md'];
    expect(huge).toMatchObject({ change: 'changed', comparedBy: 'hash', patch: null, patchTruncated: false });
    expect(huge.before.bytes).toBeGreaterThan(1_000_000);

    // The notes are the same in both runs (their links to their own run aside).
    expect(byName['note-1.md']).toMatchObject({ change: 'unchanged', comparedBy: 'lines' });
    expect(byName['note-1.html']).toMatchObject({ change: 'unchanged', comparedBy: 'lines' });
    expect(result.steps.find((s: { id: string }) => s.id === 'each')).toMatchObject({ change: 'unchanged', output: { changes: [] } });
  });

  it('refuses a malformed id with a 400 naming the parameter, and an unknown run with a 404', async () => {
    const badA = await diff('not-an-id', after.id);
    expect(badA.status).toBe(400);
    expect(badA.body.details.map((d: { path: string }) => d.path)).toContain('a');
    const badB = await diff(before.id, 'ABCDEF0123456789abcdef01');
    expect(badB.status).toBe(400);
    expect(badB.body.details.map((d: { path: string }) => d.path)).toContain('b');

    const unknownB = await diff(before.id, UNKNOWN_ID);
    expect(unknownB.status).toBe(404);
    expect(unknownB.body.error).toBe(`run ${UNKNOWN_ID} not found`);
    const unknownA = await diff(UNKNOWN_ID, before.id);
    expect(unknownA.status).toBe(404);
    expect(unknownA.body.error).toBe(`run ${UNKNOWN_ID} not found`);
  });

  it('is in the OpenAPI document under Runs, for any key (read scope), answering a RunDiff', async () => {
    const { body } = await server.api('GET', '/v1/openapi.json');
    const operation = body.paths['/v1/workflow-runs/{a}/diff/{b}'].get;
    expect(operation.tags).toEqual(['Runs']);
    expect(operation['x-required-scope']).toBe('read');
    expect(operation.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:a', 'path:b']);
    expect(JSON.stringify(operation.responses['200'])).toContain('#/components/schemas/RunDiff');
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(['RunDiff', 'StepDiff', 'DocumentDiff', 'FieldChanges']));
  });

  it("never compares with another workspace's run, either way, nor reveals that it exists", async () => {
    const other = await createOtherWorkspace(server, 'diff-other');
    const theirWorkflow = (await other.api('POST', '/v1/workflows', version1)).body.data.id;
    const theirs = (await other.api('POST', `/v1/workflows/${theirWorkflow}/runs?wait=30`, { input: { company: 'Acme' } })).body.data;
    expect(theirs.status).toBe('completed');

    for (const [a, b, missing] of [
      [before.id, theirs.id, theirs.id],
      [theirs.id, before.id, theirs.id],
    ]) {
      const answer = await diff(a, b);
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe(`run ${missing} not found`);
      const fromThem = await diff(a, b, other);
      expect(fromThem.status).toBe(404);
      expect(fromThem.body.error).toBe(`run ${before.id} not found`);
    }
    // Their own runs they may compare.
    expect((await diff(theirs.id, theirs.id, other)).status).toBe(200);
  });
});
