import { hashSecret } from '@assay/server';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { untilDone } from '../support/progress';

/**
 * Screens a company: upper-cases its name and doubles its score; a score that is a multiple of 7
 * fails the run (deterministically), so a batch ends with both completed and failed runs.
 */
const SCREEN = {
  name: 'Screen',
  inputs: { name: { type: 'string', required: true }, score: { type: 'integer', required: true }, tags: { type: 'array' } },
  steps: [
    { id: 'reject', type: 'fail', if: 'input.score % 7 = 0', with: { message: 'multiple of seven' } },
    { id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } },
    { id: 'double', type: 'transform', with: { expression: 'input.score * 2' } },
  ],
  output: { upper: '{{ steps.up.output }}', stats: { double: '{{ steps.double.output }}' } },
};

/** Holds each run for `seconds` (short: the run stays running in memory; long: it parks as waiting). */
const pause = (seconds: number, name = `Pause ${seconds}`) => ({
  name,
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'pause', type: 'wait', with: { seconds } }],
});

const csvOf = (header: string[], rows: unknown[][]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batches: run over a list', () => {
  let server: TestServer;
  let workspaceId: string;
  let screen: string;
  const csvHeaders = { 'content-type': 'text/csv' };

  /** Polls the batch until every run of it finished (`completedAt` set); fails only if its counts stop moving. */
  async function waitForBatch(id: string, stallMs = 30_000): Promise<any> {
    return untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${id}`);
        return { done: body.data?.completedAt ? body.data : null, progress: body.data?.counts };
      },
      { what: `batch ${id}`, stallMs, intervalMs: 50 },
    );
  }

  async function batchEvents(batchId: string, type: 'batch.completed' | 'batch.created') {
    return server.assay.store.events.read({ workspaceId, after: 0, types: [type], batchId, limit: 100 });
  }

  beforeAll(async () => {
    server = await startTestServer();
    workspaceId = (await server.api('GET', '/v1/keys/current')).body.data.workspaceId;
    screen = await createWorkflow(server, SCREEN);
  });
  afterAll(() => server.close());

  // Big enough for every page of the results stream (500 rows) to be crossed several times; the
  // 100,000-row batch is measured by `npm run bench`, not here.
  describe('a 2,000-row CSV batch', () => {
    const N = 2_000;
    const failing = Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 === 0).length;
    let batch: any;

    beforeAll(async () => {
      const csv = csvOf(
        ['name', 'score'],
        Array.from({ length: N }, (_, i) => [`company ${i}`, i]),
      );
      const created = await server.api('POST', `/v1/workflows/${screen}/batches`, csv, csvHeaders);
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        workflowId: screen,
        workflowVersion: 1,
        status: 'running',
        source: 'csv',
        total: N,
        priority: 0,
        concurrency: null,
        invalidCount: 0,
      });
      batch = await waitForBatch(created.body.data.id);
    }, 600_000);

    it('completes with the right count per status', () => {
      expect(batch.status).toBe('completed');
      expect(batch.counts).toEqual({ queued: 0, running: 0, waiting: 0, completed: N - failing, failed: failing, cancelled: 0 });
      expect(batch.progress).toBe(1);
      expect(batch.startedAt).not.toBeNull();
      expect(Date.parse(batch.completedAt)).toBeGreaterThanOrEqual(Date.parse(batch.startedAt));
      expect(batch.throughput).toBeGreaterThan(0);
    });

    it('exports CSV results: one row per run in input order, inputs, flattened outputs, status, error, runId', async () => {
      const response = await fetch(`${server.url}/v1/batches/${batch.id}/results`, { headers: server.headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(N);
      expect(Object.keys(rows[0] as object)).toEqual(['name', 'score', 'tags', 'upper', 'stats.double', 'status', 'error', 'runId']);
      expect(rows[1]).toMatchObject({
        name: 'company 1',
        score: '1',
        upper: 'COMPANY 1',
        'stats.double': '2',
        status: 'completed',
        error: '',
      });
      expect(rows[7]).toMatchObject({ name: 'company 7', score: '7', status: 'failed', error: 'multiple of seven' });
      expect(rows.map((r) => Number(r.score))).toEqual(Array.from({ length: N }, (_, i) => i));
      expect(rows.filter((r) => r.status === 'failed')).toHaveLength(failing);
      const ids = rows.map((r) => r.runId);
      expect(new Set(ids).size).toBe(N);
      expect([...ids].sort()).toEqual(ids);
    });

    it('exports JSON Lines results (by ?format= or the Accept header)', async () => {
      for (const [query, headers] of [
        ['?format=jsonl', {}],
        ['', { accept: 'application/x-ndjson' }],
      ] as const) {
        const response = await fetch(`${server.url}/v1/batches/${batch.id}/results${query}`, {
          headers: { ...server.headers, ...headers },
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
        const lines = (await response.text())
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line));
        expect(lines).toHaveLength(N);
        expect(Object.keys(lines[3])).toEqual(['name', 'score', 'tags', 'upper', 'stats.double', 'status', 'error', 'runId']);
        expect(lines[3]).toMatchObject({
          name: 'company 3',
          score: 3,
          tags: null,
          upper: 'COMPANY 3',
          'stats.double': 6,
          status: 'completed',
          error: null,
        });
        expect(lines[14]).toMatchObject({ score: 14, status: 'failed', error: 'multiple of seven' });
      }
    });

    it('records batch.created and batch.completed exactly once', async () => {
      expect(await batchEvents(batch.id, 'batch.created')).toHaveLength(1);
      const completed = await batchEvents(batch.id, 'batch.completed');
      expect(completed).toHaveLength(1);
      expect(completed[0]?.data).toMatchObject({
        batchId: batch.id,
        status: 'completed',
        total: N,
        counts: { completed: N - failing, failed: failing },
      });
    });

    it('records run.queued once for every run, before batch.created', async () => {
      const queued = await server.assay.store.events.read({
        workspaceId,
        after: 0,
        types: ['run.queued'],
        batchId: batch.id,
        limit: N + 1,
      });
      expect(queued).toHaveLength(N);
      expect(queued.every((e) => e.workflowId === screen && e.data.status === 'queued' && e.data.trigger === 'batch')).toBe(true);
      const runs = await server.assay.store.runs.list(workspaceId, { batchId: batch.id, limit: N + 1, offset: 0, direction: 'asc' });
      expect(queued.map((e) => e.runId).sort()).toEqual(runs.map((r) => r.id));
      const [created] = await batchEvents(batch.id, 'batch.created');
      expect(Math.max(...queued.map((e) => e.seq))).toBeLessThan(created?.seq as number);
    });

    it("lists the batch's runs filtered by status, a page at a time", async () => {
      const first = await server.api('GET', `/v1/batches/${batch.id}/runs?status=failed&limit=200`);
      expect(first.status).toBe(200);
      expect(first.body.data).toHaveLength(200);
      expect(first.body.hasMore).toBe(true);
      expect(first.body.data.every((r: any) => r.status === 'failed' && r.batchId === batch.id && r.trigger === 'batch')).toBe(true);
      const second = await server.api('GET', `/v1/batches/${batch.id}/runs?status=failed&limit=200&lt=${first.body.nextCursor}`);
      expect(first.body.data.length + second.body.data.length).toBe(failing);
      expect(second.body.hasMore).toBe(false);
    });
  });

  it('types CSV cells by the input types (arrays as JSON) and runs them', async () => {
    const csv = 'name,score,tags\n"Acme, Inc.",3,"[""a"",""b""]"\nBeta,4,\n';
    const created = await server.api('POST', `/v1/workflows/${screen}/batches`, csv, csvHeaders);
    expect(created.status).toBe(201);
    await waitForBatch(created.body.data.id);
    const runs = (await server.api('GET', `/v1/batches/${created.body.data.id}/runs?direction=asc`)).body.data;
    expect(runs.map((r: any) => r.input)).toEqual([
      { name: 'Acme, Inc.', score: 3, tags: ['a', 'b'] },
      { name: 'Beta', score: 4 },
    ]);
    const queued = await server.assay.store.events.read({
      workspaceId,
      after: 0,
      types: ['run.queued'],
      batchId: created.body.data.id,
      limit: 10,
    });
    expect(queued.map((e) => e.runId)).toEqual(runs.map((r: any) => r.id));
    const results = await (await fetch(`${server.url}/v1/batches/${created.body.data.id}/results`, { headers: server.headers })).text();
    expect(parse(results, { columns: true })[0]).toMatchObject({ name: 'Acme, Inc.', tags: '["a","b"]', upper: 'ACME, INC.' });
  });

  it('exports a mapped output field that holds an object as dotted columns, as the web table shows it', async () => {
    const memo = await createWorkflow(server, {
      name: 'Memo fields',
      inputs: { name: { type: 'string', required: true } },
      steps: [
        {
          id: 'make',
          type: 'transform',
          with: { expression: '{ "title": $uppercase(input.name), "stats": { "words": 2 }, "tags": ["a", "b"] }' },
        },
      ],
      output: { memo: '{{ steps.make.output }}', plain: '{{ input.name }}' },
    });
    const created = await server.api('POST', `/v1/workflows/${memo}/batches`, 'name\nacme\nglobex\n', csvHeaders);
    expect(created.status).toBe(201);
    await waitForBatch(created.body.data.id);
    const csv = await (await fetch(`${server.url}/v1/batches/${created.body.data.id}/results`, { headers: server.headers })).text();
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] as object)).toEqual([
      'name',
      'memo.title',
      'memo.stats.words',
      'memo.tags',
      'plain',
      'status',
      'error',
      'runId',
    ]);
    expect(rows[1]).toMatchObject({
      name: 'globex',
      'memo.title': 'GLOBEX',
      'memo.stats.words': '2',
      'memo.tags': '["a","b"]',
      plain: 'globex',
    });
  });

  it('refuses invalid rows with a 400 naming each row and field, and creates nothing', async () => {
    const wf = await createWorkflow(server, { ...SCREEN, name: 'Screen (refused)' });
    const json = await server.api('POST', `/v1/workflows/${wf}/batches`, {
      inputs: [{ name: 'ok', score: 1 }, { name: 'bad', score: 'x' }, { score: 2 }, { name: 'extra', score: 3, colour: 'red' }],
    });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('invalid_input');
    expect(json.body.details).toEqual([
      { path: 'rows[2].score', message: 'must be an integer, got string' },
      { path: 'rows[3].name', message: 'required string is missing' },
      { path: 'rows[4].colour', message: 'is not an input of this workflow' },
    ]);
    expect(json.body.invalid).toEqual([
      { row: 2, field: 'score', reason: 'must be an integer, got string' },
      { row: 3, field: 'name', reason: 'required string is missing' },
      { row: 4, field: 'colour', reason: 'is not an input of this workflow' },
    ]);
    expect(json.body.invalidCount).toBe(3);

    const csv = await server.api('POST', `/v1/workflows/${wf}/batches`, 'name,score\nok,1\nbad,1.5\n,2\nfine,x\n', csvHeaders);
    expect(csv.status).toBe(400);
    expect(csv.body.details).toEqual([
      { path: 'rows[2].score', message: '"1.5" is not an integer' },
      { path: 'rows[3].name', message: 'required string is missing' },
      { path: 'rows[4].score', message: '"x" is not a number' },
    ]);

    const notObjects = await server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [{ name: 'ok', score: 1 }, 5, null, ['a']] });
    expect(notObjects.status).toBe(400);
    expect(notObjects.body.details).toEqual([2, 3, 4].map((row) => ({ path: `rows[${row}]`, message: 'must be an object' })));

    const column = await server.api('POST', `/v1/workflows/${wf}/batches`, 'name,score,colour\nok,1,red\n', csvHeaders);
    expect(column.status).toBe(400);
    expect(column.body.details).toEqual([{ path: 'columns.colour', message: 'is not an input of this workflow' }]);

    for (const empty of [
      server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [] }),
      server.api('POST', `/v1/workflows/${wf}/batches`, 'name,score\n', csvHeaders),
      server.api('POST', `/v1/workflows/${wf}/batches`, '', csvHeaders),
      server.api('POST', `/v1/workflows/${wf}/batches`, {}),
      server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [{ name: 'a', score: 1 }], priority: 1000 }),
      server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [{ name: 'a', score: 1 }], concurrency: 0 }),
      server.api('POST', `/v1/workflows/${wf}/batches?concurrency=abc`, 'name,score\na,1\n', csvHeaders),
      server.api('POST', `/v1/workflows/${wf}/batches`, 'name,score\na,1,surplus\n', csvHeaders),
      server.api('POST', `/v1/workflows/${wf}/batches`, 'name,score\n"unterminated,1\n', csvHeaders),
      server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [{ name: 'a', score: 1 }], mapping: { name: 'x' } }),
    ]) {
      const answer = await empty;
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    const wrongType = await server.api('POST', `/v1/workflows/${wf}/batches`, '<rows/>', { 'content-type': 'application/xml' });
    expect(wrongType.status).toBe(415);

    const tooMany = await server.api(
      'POST',
      `/v1/workflows/${wf}/batches`,
      csvOf(
        ['name', 'score'],
        Array.from({ length: 100_001 }, (_, i) => ['n', i]),
      ),
      csvHeaders,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatch(/at most 100000 rows/);

    expect((await server.api('GET', `/v1/batches?workflowId=${wf}`)).body.data).toEqual([]);
    expect((await server.api('GET', `/v1/workflows/${wf}/runs`)).body.data).toEqual([]);
  });

  it('with skipInvalid, runs the valid rows and reports the invalid ones on the batch', async () => {
    const created = await server.api('POST', `/v1/workflows/${screen}/batches`, {
      skipInvalid: true,
      inputs: [{ name: 'a', score: 1 }, { name: 'b' }, { name: 'c', score: 2 }, { name: 3, score: 3 }],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      total: 2,
      invalidCount: 2,
      invalid: [
        { row: 2, field: 'score', reason: 'required integer is missing' },
        { row: 4, field: 'name', reason: 'must be a string, got number' },
      ],
    });
    const done = await waitForBatch(created.body.data.id);
    expect(done.counts.completed).toBe(2);
    expect(done.invalid).toHaveLength(2);

    const csv = await server.api(
      'POST',
      `/v1/workflows/${screen}/batches?skipInvalid=true&priority=5&concurrency=1`,
      'name,score\nx,1\ny,zz\n',
      csvHeaders,
    );
    expect(csv.status).toBe(201);
    expect(csv.body.data).toMatchObject({
      total: 1,
      invalidCount: 1,
      priority: 5,
      concurrency: 1,
      invalid: [{ row: 2, field: 'score', reason: '"zz" is not a number' }],
    });
    await waitForBatch(csv.body.data.id);

    const allBad = await server.api('POST', `/v1/workflows/${screen}/batches`, { skipInvalid: true, inputs: [{ name: 'only' }] });
    expect(allBad.status).toBe(400);
  });

  it("runs over a dataset's rows through a mapping (and by same-named columns without one)", async () => {
    const dataset = await server.api('POST', '/v1/datasets', {
      name: 'screen-targets',
      rows: [
        { company: 'Acme', rating: 10, name: 'x1', score: 1 },
        { company: 'Beta', rating: 14, name: 'x2', score: 2 },
        { company: 'Gamma', rating: 16, name: 'x3', score: 3 },
      ],
    });
    expect(dataset.status).toBe(201);
    const datasetId = dataset.body.data.id;
    const mapped = await server.api('POST', `/v1/workflows/${screen}/batches`, {
      datasetId,
      mapping: { name: 'company', score: 'rating' },
    });
    expect(mapped.status).toBe(201);
    expect(mapped.body.data).toMatchObject({ source: 'dataset', total: 3 });
    const done = await waitForBatch(mapped.body.data.id);
    expect(done.counts).toMatchObject({ completed: 2, failed: 1 });
    const lines = (await (await fetch(`${server.url}/v1/batches/${done.id}/results?format=jsonl`, { headers: server.headers })).text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.name, l.score, l.upper, l.status])).toEqual([
      ['Acme', 10, 'ACME', 'completed'],
      ['Beta', 14, null, 'failed'],
      ['Gamma', 16, 'GAMMA', 'completed'],
    ]);

    const byName = await server.api('POST', `/v1/workflows/${screen}/batches`, { datasetId });
    expect(byName.status).toBe(201);
    const runs = (await server.api('GET', `/v1/batches/${byName.body.data.id}/runs?direction=asc`)).body.data;
    expect(runs.map((r: any) => r.input)).toEqual([
      { name: 'x1', score: 1 },
      { name: 'x2', score: 2 },
      { name: 'x3', score: 3 },
    ]);

    const badMapping = await server.api('POST', `/v1/workflows/${screen}/batches`, {
      datasetId,
      mapping: { name: 'nope', colour: 'company' },
    });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.details).toEqual([
      { path: 'mapping.name', message: 'the dataset has no column "nope"' },
      { path: 'mapping.colour', message: 'is not an input of this workflow' },
    ]);
    const missing = await server.api('POST', `/v1/workflows/${screen}/batches`, { datasetId: '0123456789abcdef01234567' });
    expect(missing.status).toBe(404);
  });

  it('never has more runs of the batch in progress than its concurrency cap', async () => {
    const wf = await createWorkflow(server, pause(0.1, 'Capped'));
    const created = await server.api('POST', `/v1/workflows/${wf}/batches`, {
      concurrency: 3,
      inputs: Array.from({ length: 24 }, (_, n) => ({ n })),
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    let peak = 0;
    for (;;) {
      const { body } = await server.api('GET', `/v1/batches/${id}`);
      const inProgress = body.data.counts.running + body.data.counts.waiting;
      expect(inProgress).toBeLessThanOrEqual(3);
      peak = Math.max(peak, inProgress);
      if (body.data.completedAt) {
        expect(body.data.counts.completed).toBe(24);
        break;
      }
      await sleep(15);
    }
    expect(peak).toBe(3);
    // Held runs start in input order.
    const runs = (await server.api('GET', `/v1/batches/${id}/runs?direction=asc`)).body.data;
    const starts = runs.map((r: any) => Date.parse(r.startedAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('cancels the queued and waiting runs of a batch, lets running ones finish, and touches nothing else', async () => {
    const short = await createWorkflow(server, pause(0.15, 'Short pause'));
    const long = await createWorkflow(server, pause(60, 'Long pause'));
    // Bystanders: a run of another workflow, a plain run and another batch of the same workflow.
    const otherWorkflow = await createWorkflow(server, pause(0.5, 'Bystander'));
    const bystander = (await server.api('POST', `/v1/workflows/${otherWorkflow}/runs`, {})).body.data.id;
    const sameWorkflowRun = (await server.api('POST', `/v1/workflows/${short}/runs`, {})).body.data.id;
    const otherBatch = (
      await server.api('POST', `/v1/workflows/${short}/batches`, { concurrency: 2, inputs: Array.from({ length: 6 }, (_, n) => ({ n })) })
    ).body.data.id;

    const target = (
      await server.api('POST', `/v1/workflows/${short}/batches`, { concurrency: 2, inputs: Array.from({ length: 40 }, (_, n) => ({ n })) })
    ).body.data.id;
    // Parked (waiting) runs are cancelled too.
    const parked = (await server.api('POST', `/v1/workflows/${long}/batches`, { inputs: [{ n: 1 }, { n: 2 }] })).body.data.id;
    for (;;) {
      const counts = (await server.api('GET', `/v1/batches/${parked}`)).body.data.counts;
      if (counts.waiting === 2) break;
      await sleep(20);
    }
    await sleep(200);

    const cancelled = await server.api('POST', `/v1/batches/${target}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect(cancelled.body.data.counts.queued).toBe(0);
    expect(cancelled.body.data.counts.cancelled).toBeGreaterThan(30);
    const done = await waitForBatch(target);
    expect(done.status).toBe('cancelled');
    expect(done.counts.failed).toBe(0);
    expect(done.counts.completed).toBeGreaterThan(0);
    expect(done.counts.completed + done.counts.cancelled).toBe(40);
    const aCancelled = (await server.api('GET', `/v1/batches/${target}/runs?status=cancelled&limit=1`)).body.data[0];
    expect(aCancelled.error).toEqual({ code: 'cancelled', message: 'batch cancelled', stepId: null });
    const completedEvents = await batchEvents(target, 'batch.completed');
    expect(completedEvents).toHaveLength(1);
    expect(completedEvents[0]?.data).toMatchObject({ status: 'cancelled' });

    const parkedCancel = await server.api('POST', `/v1/batches/${parked}/cancel`);
    expect(parkedCancel.body.data).toMatchObject({ status: 'cancelled', counts: { waiting: 0, cancelled: 2 } });
    expect(parkedCancel.body.data.completedAt).not.toBeNull();
    const parkedRun = (await server.api('GET', `/v1/batches/${parked}/runs?limit=1`)).body.data[0];
    expect((await server.api('GET', `/v1/workflow-runs/${parkedRun.id}`)).body.data.steps[0].status).toBe('cancelled');

    expect((await waitForRun(server, bystander)).status).toBe('completed');
    expect((await waitForRun(server, sameWorkflowRun)).status).toBe('completed');
    expect(await waitForBatch(otherBatch)).toMatchObject({ status: 'completed', counts: { completed: 6, cancelled: 0 } });

    const again = await server.api('POST', `/v1/batches/${target}/cancel`);
    expect(again.status).toBe(409);
  });

  it("retries a batch's failed runs (under its cap) and reports completion once more", async () => {
    const created = await server.api('POST', `/v1/workflows/${screen}/batches`, {
      concurrency: 2,
      inputs: Array.from({ length: 15 }, (_, i) => ({ name: `r${i}`, score: i })),
    });
    const first = await waitForBatch(created.body.data.id);
    expect(first.counts).toMatchObject({ completed: 12, failed: 3 });
    const failedBefore = (await server.api('GET', `/v1/batches/${first.id}/runs?status=failed`)).body.data;

    const retriedAt = Date.now();
    const retried = await server.api('POST', `/v1/batches/${first.id}/retry-failed`);
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ status: 'running', completedAt: null });
    expect(retried.body.data.counts.failed + retried.body.data.counts.queued + retried.body.data.counts.running).toBe(3);
    const second = await waitForBatch(first.id);
    expect(second.counts).toMatchObject({ completed: 12, failed: 3 });
    const failedAfter = (await server.api('GET', `/v1/batches/${first.id}/runs?status=failed`)).body.data;
    expect(failedAfter.map((r: any) => r.id)).toEqual(failedBefore.map((r: any) => r.id));
    // Each failed run ran again (and failed again: the failure is deterministic).
    for (const run of failedAfter) expect(Date.parse(run.completedAt)).toBeGreaterThanOrEqual(retriedAt);
    expect(await batchEvents(first.id, 'batch.completed')).toHaveLength(2);

    const clean = await server.api('POST', `/v1/workflows/${screen}/batches`, { inputs: [{ name: 'fine', score: 1 }] });
    await waitForBatch(clean.body.data.id);
    expect((await server.api('POST', `/v1/batches/${clean.body.data.id}/retry-failed`)).status).toBe(409);
  });

  it('lists batches newest first with a cursor, and filters by workflow and status', async () => {
    const wf = await createWorkflow(server, { ...SCREEN, name: 'Listed' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await server.api('POST', `/v1/workflows/${wf}/batches`, { inputs: [{ name: 'a', score: 1 }] })).body.data.id);
    const first = await server.api('GET', `/v1/batches?workflowId=${wf}&limit=2`);
    expect(first.body.data.map((b: any) => b.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.hasMore).toBe(true);
    const second = await server.api('GET', `/v1/batches?workflowId=${wf}&limit=2&lt=${first.body.nextCursor}`);
    expect(second.body.data.map((b: any) => b.id)).toEqual([ids[0]]);
    for (const id of ids) await waitForBatch(id);
    expect((await server.api('GET', `/v1/batches?workflowId=${wf}&status=completed`)).body.data).toHaveLength(3);
    expect((await server.api('GET', `/v1/batches?workflowId=${wf}&status=cancelled`)).body.data).toHaveLength(0);
  });

  it("keeps batches to their workspace and checks the key's scope", async () => {
    const mine = (await server.api('POST', `/v1/workflows/${screen}/batches`, { inputs: [{ name: 'private', score: 1 }] })).body.data.id;
    const other = await server.assay.store.access.createWorkspace('batch-other');
    await server.assay.store.access.createKey({
      workspaceId: other.id,
      name: 'other admin',
      clientId: 'batch-other-client',
      secretHash: hashSecret('batch-other-secret-value'),
      scope: 'admin',
    });
    const asOther = (method: string, path: string, body?: unknown) =>
      request(server.url, method, path, { 'x-metal-client-id': 'batch-other-client', 'x-metal-api-key': 'batch-other-secret-value' }, body);
    for (const [method, path, body] of [
      ['GET', `/v1/batches/${mine}`],
      ['GET', `/v1/batches/${mine}/runs`],
      ['GET', `/v1/batches/${mine}/results`],
      ['POST', `/v1/batches/${mine}/cancel`],
      ['POST', `/v1/batches/${mine}/retry-failed`],
      ['POST', `/v1/workflows/${screen}/batches`, { inputs: [{ name: 'x', score: 1 }] }],
    ] as Array<[string, string, unknown?]>) {
      const answer = await asOther(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    expect((await asOther('GET', '/v1/batches')).body.data).toEqual([]);

    const reader = (await server.api('POST', '/v1/keys', { name: 'batch reader', scope: 'read' })).body.data;
    const asReader = (method: string, path: string, body?: unknown) =>
      request(server.url, method, path, { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret }, body);
    expect((await asReader('GET', `/v1/batches/${mine}`)).status).toBe(200);
    expect((await asReader('GET', `/v1/batches/${mine}/results`)).status).toBe(200);
    expect((await asReader('POST', `/v1/workflows/${screen}/batches`, { inputs: [{ name: 'x', score: 1 }] })).status).toBe(403);
    expect((await asReader('POST', `/v1/batches/${mine}/cancel`)).status).toBe(403);
    expect((await asReader('POST', `/v1/batches/${mine}/retry-failed`)).status).toBe(403);
    await waitForBatch(mine);
  });

  it('documents every batch route in the OpenAPI description', async () => {
    const doc = (await server.api('GET', '/v1/openapi.json')).body;
    for (const path of [
      '/v1/workflows/{id}/batches',
      '/v1/batches',
      '/v1/batches/{id}',
      '/v1/batches/{id}/runs',
      '/v1/batches/{id}/results',
      '/v1/batches/{id}/cancel',
      '/v1/batches/{id}/retry-failed',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/workflows/{id}/batches'].post.description).toMatch(/numbered from 1/);
  });
});
