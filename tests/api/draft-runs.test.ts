import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';
import { untilDone } from '../support/progress';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const HOUR = 3_600_000;

/** The saved version: `double` doubles. The drafts below triple instead (an unsaved change). */
const saved = {
  name: 'Draft target',
  inputs: { n: { type: 'number', required: true } },
  steps: [
    { id: 'search', type: 'transform', with: { expression: 'input.n + 1' } },
    { id: 'side', type: 'transform', with: { expression: 'input.n * 100' } },
    { id: 'double', type: 'transform', with: { expression: 'steps.search.output * 2' } },
    { id: 'report', type: 'transform', with: { expression: '"result " & $string(steps.double.output)' } },
  ],
  output: { report: '{{ steps.report.output }}' },
};
const draft = {
  ...saved,
  steps: saved.steps.map((s) => (s.id === 'double' ? { ...s, with: { expression: 'steps.search.output * 3' } } : s)),
};

/**
 * Draft runs ("Test step", "Run to here") execute the editor's unsaved definition through the normal
 * engine, kept apart from runs: never listed, never delivered to event endpoints, pruned after
 * ASSAY_DRAFT_RETENTION_HOURS (2 here) while production runs stay.
 */
describe('draft runs', () => {
  let server: TestServer;
  let other: OtherWorkspace;
  let receiver: WebhookReceiver;
  let workflowId: string;

  const startDraft = async (body: Record<string, unknown>, id = workflowId) => {
    const answer = await server.api('POST', `/v1/workflows/${id}/draft-runs`, { definition: draft, ...body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data as { id: string; status: string; draft: true };
  };
  /** Polls a draft run until it finishes, failing only when it stops making progress. */
  const waitForDraft = (id: string) =>
    untilDone(
      async () => {
        const run = (await server.api('GET', `/v1/draft-runs/${id}`)).body.data;
        return {
          done: ['completed', 'failed', 'cancelled'].includes(run?.status) ? run : null,
          progress: [run?.status, ...(run?.steps ?? []).map((s: { id: string; status: string }) => `${s.id}:${s.status}`)],
        };
      },
      { what: `draft run ${id}`, stallMs: 30_000, intervalMs: 20 },
    );
  const draftRun = async (body: Record<string, unknown>, id = workflowId) => waitForDraft((await startDraft(body, id)).id);
  const productionRun = async (n: number) => {
    const { body } = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n } });
    return waitForRun(server, body.data.id as string);
  };
  const stepIds = (run: { steps: Array<{ id: string }> }) => run.steps.map((s) => s.id);

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_POLL_MS: '100', ASSAY_DRAFT_RETENTION_HOURS: '2' });
    other = await createOtherWorkspace(server);
    receiver = await startWebhookReceiver();
    workflowId = await createWorkflow(server, saved);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('runs to here: the target and what it depends on, with the pinned sample input, on the unsaved definition', async () => {
    const pinned = await server.api('PUT', `/v1/workflows/${workflowId}/sample`, { input: { n: 4 } });
    expect(pinned.status).toBe(200);
    expect(pinned.body.data).toMatchObject({ input: { n: 4 }, outputs: {} });
    expect((await server.api('GET', `/v1/workflows/${workflowId}/sample`)).body.data.input).toEqual({ n: 4 });

    const run = await draftRun({ target: 'double', mode: 'upstream' });
    expect(run).toMatchObject({ status: 'completed', draft: true, target: 'double', mode: 'upstream', trigger: 'draft', input: { n: 4 } });
    // (4 + 1) * 3: the draft's tripling ran, not the saved doubling; its output is the target's.
    expect(run.output).toBe(15);
    expect(run.executes).toEqual(['search', 'double']);
    // The side step and the step after the target are no part of it: no record at all.
    expect(stepIds(run)).toEqual(['search', 'double']);
    expect(run.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed']);

    // Nothing was saved as a version.
    const workflow = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
    expect(workflow.version).toBe(1);
    expect(workflow.definition.steps[2].with.expression).toBe('steps.search.output * 2');
    expect((await server.api('GET', `/v1/workflows/${workflowId}/versions`)).body.data).toHaveLength(1);

    // An input given replaces the sample's, and `?wait` answers with the run.
    const waited = await server.api('POST', `/v1/workflows/${workflowId}/draft-runs?wait=30`, {
      definition: draft,
      target: 'search',
      mode: 'upstream',
      input: { n: 9 },
    });
    expect(waited.status).toBe(201);
    expect((await waitForDraft(waited.body.data.id)).output).toBe(10);
  });

  it('tests a step with its dependencies’ outputs from upstream, the pinned sample, a run, then the latest output', async () => {
    const first = await productionRun(1); // search: 2
    const newest = await productionRun(7); // search: 8
    expect(newest.status).toBe('completed');
    const test = (body: Record<string, unknown>) => draftRun({ target: 'double', mode: 'step', ...body });

    // Latest: the newest run's completed `search` (a given output is not an output of the step).
    const latest = await test({});
    expect(latest.output).toBe(24);
    expect(latest.provided).toEqual({ search: { source: 'latest', runId: newest.id } });
    // Only the target executed; its dependency is completed with the given output, never executed.
    expect(stepIds(latest)).toEqual(['search', 'double']);
    expect(latest.steps[0]).toMatchObject({ id: 'search', status: 'completed', attempts: 0, output: 8 });
    expect(latest.steps[1]).toMatchObject({ id: 'double', status: 'completed', attempts: 1, output: 24 });
    expect(latest.executes).toEqual(['double']);

    // A run named by fromRunId comes before the latest output.
    const fromRun = await test({ fromRunId: first.id });
    expect(fromRun.output).toBe(6);
    expect(fromRun.provided.search).toEqual({ source: 'run', runId: first.id });

    // `upstream` comes before everything.
    const given = await test({ fromRunId: first.id, upstream: { search: 10 } });
    expect(given.output).toBe(30);
    expect(given.provided.search).toEqual({ source: 'upstream', runId: null });

    // A pinned output comes right after `upstream`: before the run and the latest output.
    await server.api('PUT', `/v1/workflows/${workflowId}/sample`, { input: { n: 4 }, outputs: { search: 100 } });
    const sample = await test({ fromRunId: first.id });
    expect(sample.output).toBe(300);
    expect(sample.provided.search).toEqual({ source: 'sample', runId: null });
    expect((await test({ upstream: { search: 10 } })).output).toBe(30);
    await server.api('PUT', `/v1/workflows/${workflowId}/sample`, { input: { n: 4 } });

    // A dependency with no output anywhere is named.
    const fresh = await createWorkflow(server, { ...saved, name: 'Never ran' });
    const missing = await server.api('POST', `/v1/workflows/${fresh}/draft-runs`, {
      definition: draft,
      target: 'double',
      mode: 'step',
      input: { n: 1 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain('steps.search has no output yet: run to here first or pin one');
    expect(missing.body.details).toEqual([expect.objectContaining({ path: 'upstream.search' })]);
    // A step without dependencies needs none.
    expect((await draftRun({ target: 'search', mode: 'step', input: { n: 1 } }, fresh)).output).toBe(2);
  });

  it('shows each step’s latest output, from a draft or a production run', async () => {
    const run = await productionRun(2);
    const drafted = await draftRun({ target: 'double', mode: 'upstream', input: { n: 5 } });
    const { status, body } = await server.api('GET', `/v1/workflows/${workflowId}/latest-outputs`);
    expect(status).toBe(200);
    const steps = body.data.steps;
    expect(steps.double).toMatchObject({ output: 18, status: 'completed', error: null, runId: drafted.id, draft: true });
    expect(steps.search).toMatchObject({ output: 6, runId: drafted.id, draft: true });
    expect(steps.side).toMatchObject({ output: 200, runId: run.id, draft: false });
    expect(steps.report).toMatchObject({ output: 'result 6', runId: run.id, draft: false });
    expect(Date.parse(steps.report.finishedAt)).toBeGreaterThan(0);
  });

  it('keeps drafts out of run lists, run reads and event endpoints', async () => {
    const endpoint = await server.api('POST', '/v1/event-endpoints', {
      url: `${receiver.url}/events`,
      events: ['run.completed', 'run.failed'],
      workflowId,
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const drafted = await draftRun({ target: 'double', mode: 'upstream', input: { n: 3 } });
    const failing = { ...draft, steps: [...draft.steps, { id: 'boom', type: 'fail', with: { message: 'draft failure' } }] };
    const failed = await draftRun({ definition: failing, target: 'boom', mode: 'upstream', input: { n: 3 } });
    expect(failed.status).toBe('failed');
    const production = await productionRun(3);

    // The production run's completion is delivered; the draft's events came first and would have been too.
    await receiver.waitFor(1, { filter: (r) => JSON.parse(r.body).data.id === production.id, timeoutMs: 30_000 });
    // A run event's data is the run; a step event's names its run.
    const delivered = receiver.received.map((r) => {
      const { data } = JSON.parse(r.body);
      return data.runId ?? data.id;
    });
    expect(delivered).toContain(production.id);
    expect(delivered).not.toContain(drafted.id);
    expect(delivered).not.toContain(failed.id);
    const deliveries = (await server.api('GET', `/v1/event-endpoints/${endpoint.body.data.id}/deliveries`)).body.data;
    expect(deliveries.map((d: { runId: string }) => d.runId)).not.toContain(drafted.id);
    expect(deliveries.map((d: { runId: string }) => d.runId)).not.toContain(failed.id);
    expect(deliveries.map((d: { runId: string }) => d.runId)).toContain(production.id);

    const listed = async (path: string) => (await server.api('GET', path)).body.data.map((r: { id: string }) => r.id);
    expect(await listed('/v1/workflow-runs?limit=100')).toContain(production.id);
    expect(await listed('/v1/workflow-runs?limit=100')).not.toContain(drafted.id);
    expect(await listed(`/v1/workflows/${workflowId}/runs?limit=100`)).not.toContain(drafted.id);
    expect(await listed(`/v1/workflow-runs?limit=100&workflowId=${workflowId}&status=completed`)).not.toContain(drafted.id);
    expect((await server.api('GET', `/v1/workflow-runs/${drafted.id}`)).status).toBe(404);
    expect((await server.api('POST', `/v1/workflow-runs/${drafted.id}/rerun`)).status).toBe(404);
    // The workflow list's run count is of production runs only.
    const productionCount = (await listed(`/v1/workflows/${workflowId}/runs?limit=100`)).length;
    const listedWorkflow = (await server.api('GET', '/v1/workflows?limit=100')).body.data.find((w: { id: string }) => w.id === workflowId);
    expect(listedWorkflow.stats.runCount).toBe(productionCount);
    expect(listedWorkflow.stats.lastRun.id).toBe(production.id);
    // A production run's id is no draft run.
    expect((await server.api('GET', `/v1/draft-runs/${production.id}`)).status).toBe(404);
  });

  it('refuses bad requests with a 400 naming the field', async () => {
    const post = (body: unknown) => server.api('POST', `/v1/workflows/${workflowId}/draft-runs`, body);
    const pathOf = async (body: unknown) => {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return answer.body.details.map((d: { path: string }) => d.path);
    };
    expect(await pathOf({ definition: draft, target: 'nope', mode: 'step' })).toEqual(['target']);
    expect(await pathOf({ definition: draft, target: 'double', mode: 'sideways' })).toEqual(['mode']);
    expect(await pathOf({ definition: draft, target: 'double', mode: 'upstream', input: { n: 'four' } })).toEqual(['input.n']);
    expect(await pathOf({ definition: draft, target: 'double', mode: 'upstream', input: { m: 1, n: 1 } })).toEqual(['input.m']);
    expect(await pathOf({ definition: { ...draft, name: '' }, target: 'double', mode: 'upstream' })).toEqual(['definition.name']);
    const unknownType = { ...draft, steps: [...draft.steps, { id: 'odd', type: 'no.such.type', with: {} }] };
    expect((await pathOf({ definition: unknownType, target: 'double', mode: 'upstream' }))[0]).toMatch(/^definition\.steps\[4\]/);
    expect(await pathOf({ definition: draft, target: 'double', mode: 'upstream', extra: 1 })).toEqual(['extra']);
    const otherWorkflow = await createWorkflow(server, { ...saved, name: 'Another' });
    const elsewhere = (await server.api('POST', `/v1/workflows/${otherWorkflow}/runs`, { input: { n: 1 } })).body.data.id;
    expect(await pathOf({ definition: draft, target: 'double', mode: 'step', fromRunId: elsewhere })).toEqual(['fromRunId']);
    const sample = await server.api('PUT', `/v1/workflows/${workflowId}/sample`, { input: { n: 1 }, outputs: [1] });
    expect(sample.status).toBe(400);
    expect(sample.body.details[0].path).toBe('outputs');
    const noInput = await server.api('PUT', `/v1/workflows/${workflowId}/sample`, { outputs: {} });
    expect(noInput.status).toBe(400);
    expect(noInput.body.details[0].path).toBe('input');
  });

  it('is another workspace’s 404, and needs the edit scope to create', async () => {
    const own = await draftRun({ target: 'search', mode: 'upstream' });
    expect((await other.api('GET', `/v1/draft-runs/${own.id}`)).status).toBe(404);
    expect((await other.api('POST', `/v1/draft-runs/${own.id}/cancel`)).status).toBe(404);
    const body = { definition: draft, target: 'search', mode: 'upstream' };
    expect((await other.api('POST', `/v1/workflows/${workflowId}/draft-runs`, body)).status).toBe(404);
    expect((await other.api('GET', `/v1/workflows/${workflowId}/sample`)).status).toBe(404);
    expect((await other.api('PUT', `/v1/workflows/${workflowId}/sample`, { input: {} })).status).toBe(404);
    expect((await other.api('GET', `/v1/workflows/${workflowId}/latest-outputs`)).status).toBe(404);

    const reader = (await server.api('POST', '/v1/keys', { name: 'draft reader', scope: 'read' })).body.data;
    const headers = { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret };
    const asReader = (method: string, path: string, payload?: unknown) =>
      server.api(method, path, payload, {
        'x-metal-client-id': headers['x-metal-client-id'],
        'x-metal-api-key': headers['x-metal-api-key'],
      });
    expect((await asReader('POST', `/v1/workflows/${workflowId}/draft-runs`, body)).status).toBe(403);
    expect((await asReader('PUT', `/v1/workflows/${workflowId}/sample`, { input: {} })).status).toBe(403);
    expect((await asReader('GET', `/v1/workflows/${workflowId}/sample`)).status).toBe(200);
    expect((await asReader('GET', `/v1/draft-runs/${own.id}`)).status).toBe(200);
  });

  it('caps the unfinished draft runs of a workspace, and cancels them', async () => {
    const waits = await createWorkflow(server, { name: 'Waits', steps: [{ id: 'w', type: 'wait', with: { seconds: 3600 } }] });
    const body = {
      definition: { name: 'Waits', steps: [{ id: 'w', type: 'wait', with: { seconds: 3600 } }] },
      target: 'w',
      mode: 'upstream',
    };
    const started: string[] = [];
    for (let i = 0; i < 20; i++) started.push((await startDraft(body, waits)).id);
    const refused = await server.api('POST', `/v1/workflows/${waits}/draft-runs`, body);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toContain('20 unfinished draft runs');

    const cancelled = await server.api('POST', `/v1/draft-runs/${started[0]}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect((await server.api('POST', `/v1/draft-runs/${started[0]}/cancel`)).status).toBe(409);
    // A production run's cancel does not reach a draft run.
    expect((await server.api('POST', `/v1/workflow-runs/${started[1]}/cancel`)).status).toBe(404);
    started.push((await startDraft(body, waits)).id);
    for (const id of started.slice(1)) expect((await server.api('POST', `/v1/draft-runs/${id}/cancel`)).status).toBe(200);
  });

  it('prunes finished drafts after ASSAY_DRAFT_RETENTION_HOURS and keeps production runs', async () => {
    const old = await draftRun({ target: 'search', mode: 'upstream', input: { n: 1 } });
    const recent = await draftRun({ target: 'search', mode: 'upstream', input: { n: 2 } });
    const production = await productionRun(1);
    const age = (id: string, ms: number) =>
      server.assay.store.db
        .updateTable('runs')
        .set({ completed_at: Date.now() - ms })
        .where('id', '=', id)
        .execute();
    await age(old.id, 3 * HOUR);
    await age(recent.id, 1 * HOUR);
    await age(production.id, 30 * 24 * HOUR);

    expect(await server.assay.retention?.sweep()).toBe(1);
    expect((await server.api('GET', `/v1/draft-runs/${old.id}`)).status).toBe(404);
    expect(await server.assay.store.queue.loadStepRecords(old.id)).toEqual([]);
    expect(await server.assay.store.db.selectFrom('draft_runs').select('run_id').where('run_id', '=', old.id).execute()).toEqual([]);
    expect((await server.api('GET', `/v1/draft-runs/${recent.id}`)).body.data.status).toBe('completed');
    expect((await server.api('GET', `/v1/workflow-runs/${production.id}`)).body.data.status).toBe('completed');
  });
});
