import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';
import { untilDone } from '../support/progress';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** Version 1 says buy above 5 and sell below; version 2 always says buy (a regression on low n). */
const screen = (expression: string) => ({
  name: 'Screen',
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'judge', type: 'transform', with: { expression } }],
  output: { verdict: '{{ steps.judge.output.verdict }}', n: '{{ input.n }}' },
});
const V1 = screen('{ "verdict": input.n > 5 ? "buy" : "sell" }');
const V2 = screen('{ "verdict": "buy" }');
const ROWS = [
  { n: 7, expectedVerdict: 'buy', company: 'Acme' },
  { n: 2, expectedVerdict: 'sell', company: 'Beta' },
  { n: 9, expectedVerdict: 'buy', company: 'Gamma' },
  { n: 1, expectedVerdict: 'sell', company: 'Delta' },
];

/**
 * Pinned versions and evaluations through the API, on both databases: runs, reruns, batches and
 * schedules target a version; an evaluation runs every row on every version, scores the outputs
 * (exact, numeric, contains, regex, JSONata, an AI judge), compares the versions, shows each row's
 * diff, exports its results and announces `evaluation.completed`.
 */
describe('pinned versions and evaluations', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let receiver: WebhookReceiver;
  let other: OtherWorkspace;
  let workflowId: string;

  beforeAll(async () => {
    [openai, receiver] = await Promise.all([startFakeOpenAI(), startWebhookReceiver()]);
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-evaluations',
      OPENAI_BASE_URL: openai.baseURL,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_AI_PRICES: JSON.stringify({ 'openai:judge-mini': { input: 1, output: 2 } }),
    });
    other = await createOtherWorkspace(server);
    workflowId = await createWorkflow(server, V1);
    expect((await server.api('PUT', `/v1/workflows/${workflowId}`, V2)).status).toBe(200);
    expect((await server.api('POST', '/v1/event-endpoints', { url: receiver.url, events: ['evaluation.completed'] })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), openai?.close(), receiver?.close()]);
  });

  const finished = (id: string) =>
    untilDone(
      async () => {
        const evaluation = (await server.api('GET', `/v1/evaluations/${id}`)).body.data;
        const scored = evaluation.versions.reduce((sum: number, v: { scored: number }) => sum + v.scored, 0);
        return { done: evaluation.status === 'running' ? null : evaluation, progress: scored };
      },
      { what: `evaluation ${id} to finish`, stallMs: 60_000, intervalMs: 50 },
    );

  it('runs a chosen version, and reruns keep it unless asked', async () => {
    const pinned = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input: { n: 2 }, version: 1 });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    expect(pinned.body.data).toMatchObject({ workflowVersion: 1, output: { verdict: 'sell' } });
    const current = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input: { n: 2 } });
    expect(current.body.data).toMatchObject({ workflowVersion: 2, output: { verdict: 'buy' } });

    const rerun = await server.api('POST', `/v1/workflow-runs/${pinned.body.data.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect((await waitForRun(server, rerun.body.data.id)).workflowVersion).toBe(1);
    const moved = await server.api('POST', `/v1/workflow-runs/${pinned.body.data.id}/rerun`, { version: 'current' });
    expect((await waitForRun(server, moved.body.data.id)).output.verdict).toBe('buy');

    const missing = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 2 }, version: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.details).toEqual([{ path: 'version', message: 'no version 9' }]);
    expect((await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 2 }, version: 0 })).status).toBe(400);
    expect((await server.api('POST', `/v1/workflow-runs/${pinned.body.data.id}/rerun`, { version: 9 })).status).toBe(404);

    const batch = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs: [{ n: 1 }, { n: 8 }], version: 1 });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    const runs = await untilDone(
      async () => {
        const page = (await server.api('GET', `/v1/batches/${batch.body.data.id}/runs?direction=asc`)).body.data;
        return {
          done: page.every((r: { status: string }) => r.status === 'completed') && page.length === 2 ? page : null,
          progress: page.length,
        };
      },
      { what: 'the pinned batch', stallMs: 30_000, intervalMs: 50 },
    );
    expect(runs.map((r: { workflowVersion: number }) => r.workflowVersion)).toEqual([1, 1]);

    const schedule = await server.api('POST', `/v1/workflows/${workflowId}/schedules`, { cron: '0 9 * * *', input: { n: 3 }, version: 1 });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    expect(schedule.body.data.version).toBe(1);
    const unpinned = await server.api('PATCH', `/v1/schedules/${schedule.body.data.id}`, { version: null });
    expect(unpinned.body.data.version).toBeNull();
    expect((await server.api('PATCH', `/v1/schedules/${schedule.body.data.id}`, { version: 7 })).status).toBe(404);
  });

  it('replays a run on a new version, executing only the steps whose resolved config changed', async () => {
    const memo = (finalExpression: string, prompt = 'Assess {{ input.company }}.') => ({
      name: 'Memo',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        { id: 'assess', type: 'ai.generate', with: { model: 'openai:judge-mini', prompt } },
        {
          id: 'check',
          type: 'ai.generate',
          needs: ['assess'],
          with: { model: 'openai:judge-mini', prompt: 'Check {{ steps.assess.output.text }}.' },
        },
        { id: 'final', type: 'transform', needs: ['check'], with: { expression: finalExpression } },
      ],
    });
    const memoId = await createWorkflow(server, memo('$uppercase(steps.check.output.text)'));
    openai.reset();
    openai.reply({ text: 'solid' }, { text: 'confirmed' });
    const original = await server.api('POST', `/v1/workflows/${memoId}/runs?wait=30`, { input: { company: 'Acme' } });
    expect(original.body.data.output).toBe('CONFIRMED');
    expect(openai.requests).toHaveLength(2);

    // Version 2 changes only the last step: replaying it makes no model call.
    expect((await server.api('PUT', `/v1/workflows/${memoId}`, memo('"Verdict: " & steps.check.output.text'))).status).toBe(200);
    const replay = await server.api('POST', `/v1/workflow-runs/${original.body.data.id}/replay`, { version: 2 });
    expect(replay.status, JSON.stringify(replay.body)).toBe(201);
    const replayed = await waitForRun(server, replay.body.data.id);
    expect(replayed).toMatchObject({ status: 'completed', output: 'Verdict: confirmed', workflowVersion: 2, trigger: 'replay' });
    expect(replayed.replayOf).toBe(original.body.data.id);
    expect(openai.requests).toHaveLength(2);
    const usage = (id: string) => replayed.steps.find((s: { id: string }) => s.id === id).usage;
    expect(usage('assess')).toEqual({ replayedFrom: original.body.data.id });
    expect(usage('final')).toBeNull();

    // Version 3 changes the first prompt: its output differs, so everything after it runs again too.
    expect(
      (await server.api('PUT', `/v1/workflows/${memoId}`, memo('steps.check.output.text', 'Assess {{ input.company }} briefly.'))).status,
    ).toBe(200);
    openai.reply({ text: 'weak' }, { text: 'doubtful' });
    const again = await server.api('POST', `/v1/workflow-runs/${original.body.data.id}/replay`);
    expect((await waitForRun(server, again.body.data.id)).output).toBe('doubtful');
    expect(openai.requests).toHaveLength(4);

    expect((await server.api('POST', `/v1/workflow-runs/${original.body.data.id}/replay`, { version: 9 })).status).toBe(404);
    expect((await server.api('POST', `/v1/workflow-runs/${original.body.data.id}/replay`, { version: 'x' })).status).toBe(400);
    expect((await other.api('POST', `/v1/workflow-runs/${original.body.data.id}/replay`)).status).toBe(404);
  });

  it('replays an earlier evaluation: unchanged steps of every row are reused, not paid for again', async () => {
    const research = (finalExpression: string) => ({
      name: 'Research',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        { id: 'assess', type: 'ai.generate', with: { model: 'openai:judge-mini', prompt: 'Assess {{ input.company }}.' } },
        { id: 'final', type: 'transform', needs: ['assess'], with: { expression: finalExpression } },
      ],
    });
    const researchId = await createWorkflow(server, research('steps.assess.output.text'));
    const rows = [{ company: 'Acme' }, { company: 'Beta' }];
    openai.reset();
    const baseline = await server.api('POST', '/v1/evaluations', {
      workflowId: researchId,
      versions: [1],
      inputs: rows,
      scorers: [{ type: 'jsonata', expression: '$length(output) > 0' }],
    });
    expect(baseline.status, JSON.stringify(baseline.body)).toBe(201);
    await finished(baseline.body.data.id);
    expect(openai.requests).toHaveLength(2);

    expect((await server.api('PUT', `/v1/workflows/${researchId}`, research('$uppercase(steps.assess.output.text)'))).status).toBe(200);
    const replayed = await server.api('POST', '/v1/evaluations', {
      workflowId: researchId,
      versions: [1, 2],
      inputs: rows,
      scorers: [{ type: 'jsonata', expression: '$length(output) > 0' }],
      replayFrom: baseline.body.data.id,
    });
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(201);
    expect(replayed.body.data.replayFrom).toBe(baseline.body.data.id);
    const done = await finished(replayed.body.data.id);
    expect(done.versions.map((v: { passRate: number }) => v.passRate)).toEqual([1, 1]);
    // Both versions reused every model call of the baseline: none was made again.
    expect(openai.requests).toHaveLength(2);
    const [row] = (await server.api('GET', `/v1/evaluations/${done.id}/rows?limit=1`)).body.data;
    expect(row.versions[1].output).toBe(row.versions[0].output.toUpperCase());

    const mismatch = await server.api('POST', '/v1/evaluations', {
      workflowId: researchId,
      versions: [2],
      inputs: [{ company: 'Acme' }],
      scorers: [{ type: 'jsonata', expression: 'true' }],
      replayFrom: baseline.body.data.id,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details[0].path).toBe('replayFrom');
  });

  it('scores every row on every version, compares them, and exports the results', async () => {
    const created = await server.api('POST', '/v1/evaluations', {
      workflowId,
      name: 'buy/sell regression',
      versions: [1, 2],
      inputs: ROWS,
      expected: { verdict: 'expectedVerdict' },
      scorers: [
        { type: 'exact' },
        { type: 'contains', field: 'verdict' },
        { type: 'regex', pattern: '^(buy|sell)$' },
        { type: 'jsonata', name: 'agrees', expression: 'output.verdict = expected.verdict' },
        { type: 'numeric', field: 'verdict', tolerance: 0 },
      ],
      concurrency: 2,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'running', rows: 4, workflowName: 'Screen', name: 'buy/sell regression' });
    const evaluation = await finished(created.body.data.id);
    expect(evaluation.status).toBe('completed');
    const [v1, v2] = evaluation.versions;
    expect(v1).toMatchObject({ version: 1, passRate: 0, runs: { total: 4, completed: 4, failed: 0 }, scored: 4 });
    // Every row of version 1 passes all but the numeric scorer (a verdict is no number): 4 of 5.
    expect(v1.score).toBeCloseTo(0.8);
    expect(v1.scorers.map((s: { scorer: string; passRate: number }) => [s.scorer, s.passRate])).toEqual([
      ['exact', 1],
      ['contains:verdict', 1],
      ['regex', 1],
      ['agrees', 1],
      ['numeric:verdict', 0],
    ]);
    expect(v2.scorers.find((s: { scorer: string }) => s.scorer === 'exact').passRate).toBe(0.5);
    expect(v2.score).toBeLessThan(v1.score);
    expect(v1.latencyMs.p95).toBeGreaterThanOrEqual(v1.latencyMs.p50);

    const rows = await server.api('GET', `/v1/evaluations/${evaluation.id}/rows?limit=2`);
    expect(rows.body.hasMore).toBe(true);
    expect(rows.body.data.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    const beta = rows.body.data[1];
    expect(beta).toMatchObject({ index: 1, input: { n: 2 }, expected: { verdict: 'sell' } });
    expect(beta.versions[0]).toMatchObject({ version: 1, status: 'completed', output: { verdict: 'sell', n: 2 }, diff: [] });
    expect(beta.versions[1].diff).toEqual([{ path: 'verdict', type: 'changed', before: 'sell', after: 'buy' }]);
    expect(beta.versions[1].scores[0]).toMatchObject({
      scorer: 'exact',
      score: 0,
      passed: false,
      reason: 'verdict: expected "sell", got "buy"',
    });
    const next = await server.api('GET', `/v1/evaluations/${evaluation.id}/rows?after=${rows.body.nextCursor}`);
    expect(next.body.data.map((r: { index: number }) => r.index)).toEqual([2, 3]);

    const jsonl = await server.api('GET', `/v1/evaluations/${evaluation.id}/results?format=jsonl`);
    const lines = (jsonl.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    const csv = await fetch(`${server.url}/v1/evaluations/${evaluation.id}/results?format=csv`, { headers: server.headers });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, first] = (await csv.text()).trim().split('\n');
    expect(header).toContain('index,input.n,expected.verdict,v1.status,v1.score,v1.passed,v1.exact');
    expect(first).toMatch(/^0,7,buy,completed,/);

    const [event] = await receiver.waitFor(1, { filter: (r) => r.body.includes(evaluation.id) });
    const body = JSON.parse(event!.body);
    expect(body.type).toBe('evaluation.completed');
    expect(body.data).toMatchObject({ id: evaluation.id, workflowId, status: 'completed' });
    expect(body.data.versions.map((v: { version: number; passRate: number }) => [v.version, v.passRate])).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });

  it('reads rows from a dataset, and grades with an AI judge whose cost is recorded', async () => {
    const dataset = await server.api('POST', '/v1/datasets', { name: 'screen-rows', rows: ROWS.slice(0, 2) });
    expect(dataset.status).toBe(201);
    openai.reset();
    openai.reply(
      { text: JSON.stringify({ score: 0.9, reason: 'Clear verdict.' }), inputTokens: 100, outputTokens: 10 },
      { text: JSON.stringify({ score: 0.2, reason: 'Sells a stock the rubric says to hold.' }), inputTokens: 100, outputTokens: 10 },
    );
    const created = await server.api('POST', '/v1/evaluations', {
      workflowId,
      versions: [1],
      datasetId: dataset.body.data.id,
      expected: { verdict: 'expectedVerdict' },
      scorers: [{ type: 'judge', rubric: 'Is the verdict justified by n?', model: 'openai:judge-mini', threshold: 0.5 }],
      concurrency: 1,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const evaluation = await finished(created.body.data.id);
    expect(evaluation.versions[0]).toMatchObject({ passRate: 0.5, judgeCost: { tokens: 220 } });
    expect(evaluation.versions[0].score).toBeCloseTo(0.55);
    expect(evaluation.versions[0].judgeCost.usd).toBeCloseTo((200 * 1 + 20 * 2) / 1e6);
    expect(openai.requests).toHaveLength(2);
    const prompt = JSON.stringify(openai.requests[0]!.body.messages);
    expect(prompt).toContain('Is the verdict justified by n?');
    expect(prompt).toContain('expected');
    const rows = (await server.api('GET', `/v1/evaluations/${evaluation.id}/rows`)).body.data;
    expect(rows.map((r: { versions: Array<{ scores: Array<{ reason: string }> }> }) => r.versions[0]!.scores[0]!.reason).sort()).toEqual([
      'Clear verdict.',
      'Sells a stock the rubric says to hold.',
    ]);
  });

  it('names bad input, and keeps each workspace to its own evaluations', async () => {
    const body = { workflowId, versions: [1, 2], inputs: ROWS, expected: { verdict: 'expectedVerdict' }, scorers: [{ type: 'exact' }] };
    const cases: Array<[unknown, number, string]> = [
      [{ ...body, versions: [1, 9] }, 404, 'versions[1]'],
      [{ ...body, versions: [1, 1] }, 400, 'versions'],
      [{ ...body, versions: [] }, 400, 'versions'],
      [{ ...body, datasetId: '0123456789abcdef01234567' }, 400, 'datasetId'],
      [{ ...body, inputs: undefined }, 400, 'datasetId'],
      [{ ...body, expected: {} }, 400, 'scorers[0]'],
      [{ ...body, expected: { verdict: 'nope' } }, 400, 'expected.verdict'],
      [{ ...body, mapping: { n: 'missing' } }, 400, 'mapping.n'],
      [{ ...body, mapping: { x: 'n' } }, 400, 'mapping.x'],
      [{ ...body, scorers: [{ type: 'exact', field: 'other' }] }, 400, 'scorers[0]'],
      [{ ...body, scorers: [{ type: 'magic' }] }, 400, 'scorers[0]'],
      [{ ...body, scorers: [{ type: 'jsonata', expression: 'output.(' }] }, 400, 'scorers[0]'],
      [{ ...body, scorers: [{ type: 'regex', pattern: '(unclosed' }] }, 400, 'scorers[0]'],
      [{ ...body, inputs: [{ n: 'not a number', expectedVerdict: 'buy' }] }, 400, 'n'],
      [{ ...body, workflowId: '0123456789abcdef01234567' }, 404, 'workflowId'],
    ];
    for (const [request, status, field] of cases) {
      const answer = await server.api('POST', '/v1/evaluations', request);
      expect(answer.status, `${JSON.stringify(request).slice(0, 200)} → ${JSON.stringify(answer.body)}`).toBe(status);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    // A refused evaluation leaves no batches running behind.
    const batches = (await server.api('GET', `/v1/batches?workflowId=${workflowId}&status=running`)).body.data;
    expect(batches).toEqual([]);

    const mine = await server.api('POST', '/v1/evaluations', body);
    expect(mine.status).toBe(201);
    const id = mine.body.data.id;
    expect((await other.api('GET', `/v1/evaluations/${id}`)).status).toBe(404);
    expect((await other.api('GET', `/v1/evaluations/${id}/rows`)).status).toBe(404);
    expect((await other.api('GET', `/v1/evaluations/${id}/results`)).status).toBe(404);
    expect((await other.api('POST', `/v1/evaluations/${id}/cancel`)).status).toBe(404);
    expect((await other.api('GET', '/v1/evaluations')).body.data).toEqual([]);
    expect((await other.api('POST', '/v1/evaluations', body)).status).toBe(404);
    expect((await server.api('GET', `/v1/evaluations/${id}/rows?limit=0`)).status).toBe(200);
    expect((await server.api('GET', `/v1/evaluations/${id}/results?format=xml`)).status).toBe(400);
    await finished(id);
  });
});
