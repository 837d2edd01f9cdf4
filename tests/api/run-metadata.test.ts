import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';

const DAY = 86_400_000;

const definition = (name: string) => ({
  name,
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'check', type: 'transform', with: { expression: 'input.n > 0 ? input.n : $error("not positive")' } }],
});

/**
 * `metadata` on a run: given at creation, returned on every run resource, kept by a rerun, and
 * filtered by `metadata.<key>=<value>` in the run lists (with the other filters, per workspace).
 */
describe('run metadata', () => {
  let server: TestServer;
  let other: OtherWorkspace;
  let a: string;
  let b: string;
  const create = async (workflowId: string, body: unknown, query = '?wait=10') => {
    const answer = await server.api('POST', `/v1/workflows/${workflowId}/runs${query}`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data;
  };
  const ids = async (path: string, api = server.api) => {
    const answer = await api('GET', path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.data as { id: string }[]).map((r) => r.id).sort();
  };
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_RETENTION_DAYS: '30' });
    other = await createOtherWorkspace(server);
    a = await createWorkflow(server, definition('Metadata A'));
    b = await createWorkflow(server, definition('Metadata B'));
  });
  afterAll(() => server.close());

  it('returns the metadata as given on the create answer (with and without ?wait), get and list; {} when none', async () => {
    const metadata = { crmDealId: 'D-1042', source: 'hubspot', amount: 5, vip: true };
    const waited = await create(a, { input: { n: 1 }, metadata });
    expect(waited).toMatchObject({ status: 'completed', metadata });
    const atOnce = await create(a, { input: { n: 1 }, metadata }, '');
    expect(atOnce.metadata).toEqual(metadata);
    await waitForRun(server, atOnce.id);
    expect((await server.api('GET', `/v1/workflow-runs/${waited.id}`)).body.data.metadata).toEqual(metadata);
    const listed = (await server.api('GET', `/v1/workflows/${a}/runs`)).body.data as { id: string; metadata: unknown }[];
    expect(listed.find((r) => r.id === waited.id)?.metadata).toEqual(metadata);

    const plain = await create(a, { input: { n: 1 } });
    expect(plain.metadata).toEqual({});
    expect((await server.api('GET', `/v1/workflow-runs/${plain.id}`)).body.data.metadata).toEqual({});
    expect((await create(a, { input: { n: 1 }, metadata: {} })).metadata).toEqual({});
  });

  it('filters by one and two keys, with status, workflow and batch, on both lists', async () => {
    const tag = { campaign: 'filters' };
    const one = await create(a, { input: { n: 1 }, metadata: { ...tag, tier: 'gold', deal: 'D-1' } });
    const two = await create(a, { input: { n: 1 }, metadata: { ...tag, tier: 'silver', deal: 'D-2' } });
    const failed = await create(a, { input: { n: -1 }, metadata: { ...tag, tier: 'gold', deal: 'D-3' } });
    const elsewhere = await create(b, { input: { n: 1 }, metadata: { ...tag, tier: 'gold', deal: 'D-4' } });
    const numbers = await create(b, { input: { n: 1 }, metadata: { campaign: 'numbers', count: 7, flag: false } });
    expect(failed.status).toBe('failed');

    expect(await ids('/v1/workflow-runs?metadata.campaign=filters')).toEqual([one.id, two.id, failed.id, elsewhere.id].sort());
    expect(await ids('/v1/workflow-runs?metadata.campaign=filters&metadata.tier=gold')).toEqual([one.id, failed.id, elsewhere.id].sort());
    expect(await ids('/v1/workflow-runs?metadata.campaign=filters&metadata.tier=gold&status=completed')).toEqual(
      [one.id, elsewhere.id].sort(),
    );
    expect(await ids('/v1/workflow-runs?metadata.tier=gold&status=failed')).toEqual([failed.id]);
    expect(await ids(`/v1/workflow-runs?metadata.tier=gold&workflowId=${b}`)).toEqual([elsewhere.id]);
    expect(await ids(`/v1/workflows/${a}/runs?metadata.tier=gold&metadata.campaign=filters`)).toEqual([one.id, failed.id].sort());
    expect(await ids(`/v1/workflows/${a}/runs?metadata.deal=D-2&status=completed,failed`)).toEqual([two.id]);
    expect(await ids(`/v1/workflow-runs?metadata.deal=D-1&createdAfter=${encodeURIComponent(two.createdAt)}`)).toEqual([]);
    expect(await ids(`/v1/workflow-runs?metadata.deal=D-2&createdAfter=${encodeURIComponent(one.createdAt)}`)).toEqual([two.id]);
    expect(await ids('/v1/workflow-runs?metadata.tier=bronze')).toEqual([]);
    expect(await ids('/v1/workflow-runs?metadata.tier=Gold')).toEqual([]);
    // Numbers and booleans match their string form.
    expect(await ids('/v1/workflow-runs?metadata.count=7&metadata.flag=false')).toEqual([numbers.id]);

    const batch = (await server.api('POST', `/v1/workflows/${b}/batches`, { inputs: [{ n: 1 }] })).body.data;
    const batchRuns = (await server.api('GET', `/v1/batches/${batch.id}/runs`)).body.data as { id: string; metadata: unknown }[];
    expect(batchRuns.map((r) => r.metadata)).toEqual([{}]);
    expect(await ids(`/v1/workflow-runs?metadata.tier=gold&batchId=${batch.id}`)).toEqual([]);
    expect(await ids(`/v1/workflow-runs?batchId=${batch.id}`)).toEqual([batchRuns[0]!.id]);
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const refused = async (query: string, path: string) => {
      const answer = await server.api('GET', `/v1/workflow-runs?${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.code).toBe('invalid_input');
      expect(answer.body.details[0].path).toBe(path);
      expect(answer.body.error.startsWith(`${path}: `)).toBe(true);
    };
    await refused('metadata.crm%20deal=x', 'metadata.crm deal');
    await refused('metadata.=x', 'metadata.');
    await refused(`metadata.k=${'v'.repeat(257)}`, 'metadata.k');
    await refused('metadata.k=1&metadata.k=2', 'metadata.k');
    await refused('metadata.a=1&metadata.b=2&metadata.c=3&metadata.d=4&metadata.e=5', 'metadata');
    expect(await ids('/v1/workflow-runs?metadata.a=1&metadata.b=2&metadata.c=3&metadata.d=4')).toEqual([]);
  });

  it('a rerun keeps the metadata; an idempotent replay must carry the same', async () => {
    const metadata = { crmDealId: 'D-rerun', attempt: 1 };
    const original = await create(a, { input: { n: 1 }, metadata });
    const rerun = await server.api('POST', `/v1/workflow-runs/${original.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body.data).toMatchObject({ trigger: 'rerun', parentRunId: original.id, metadata });
    await waitForRun(server, rerun.body.data.id);
    expect(await ids('/v1/workflow-runs?metadata.crmDealId=D-rerun')).toEqual([original.id, rerun.body.data.id].sort());

    const headers = { 'idempotency-key': 'metadata-replay' };
    const first = await server.api('POST', `/v1/workflows/${a}/runs`, { input: { n: 1 }, metadata }, headers);
    expect(first.status).toBe(201);
    const replay = await server.api('POST', `/v1/workflows/${a}/runs`, { input: { n: 1 }, metadata }, headers);
    expect(replay.status).toBe(200);
    expect(replay.body.data).toMatchObject({ id: first.body.data.id, metadata });
    const changed = await server.api('POST', `/v1/workflows/${a}/runs`, { input: { n: 1 }, metadata: { crmDealId: 'other' } }, headers);
    expect(changed.status).toBe(409);
  });

  it('refuses bad metadata with a 400 naming the field, and creates nothing', async () => {
    const before = (await ids(`/v1/workflows/${a}/runs?limit=1000`)).length;
    const refused = async (metadata: unknown, path: string, message: RegExp) => {
      const answer = await server.api('POST', `/v1/workflows/${a}/runs`, { input: { n: 1 }, metadata });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.code).toBe('invalid_input');
      const detail = (answer.body.details as { path: string; message: string }[]).find((d) => d.path === path);
      expect(detail, JSON.stringify(answer.body)).toBeDefined();
      expect(detail!.message).toMatch(message);
      expect(answer.body.error).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    };
    await refused('D-1042', 'metadata', /object/);
    await refused(['a'], 'metadata', /object/);
    await refused(null, 'metadata', /object/);
    await refused(Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])), 'metadata', /at most 16 keys/);
    await refused({ 'crm deal': 'x' }, 'metadata.crm deal', /key must be/);
    await refused({ ['k'.repeat(65)]: 'x' }, `metadata.${'k'.repeat(65)}`, /key must be/);
    await refused({ '': 'x' }, 'metadata.', /key must be/);
    await refused({ note: 'x'.repeat(257) }, 'metadata.note', /at most 256 characters/);
    await refused({ nested: { deal: 'D-1' } }, 'metadata.nested', /string, number or boolean/);
    await refused({ list: ['a'] }, 'metadata.list', /string, number or boolean/);
    await refused({ gone: null }, 'metadata.gone', /string, number or boolean/);
    // 16 keys of 250 characters: each within its limits, over 4 KB together.
    await refused(Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`key${i}`, 'x'.repeat(250)])), 'metadata', /4096 bytes/);
    expect((await ids(`/v1/workflows/${a}/runs?limit=1000`)).length).toBe(before);

    // At the limits exactly: accepted.
    const full = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'x'.repeat(200)]));
    expect((await create(a, { input: { n: 1 }, metadata: full })).metadata).toEqual(full);
    const long = { ['k'.repeat(64)]: 'x'.repeat(256) };
    expect((await create(a, { input: { n: 1 }, metadata: long })).metadata).toEqual(long);
  });

  it("never matches another workspace's runs", async () => {
    const mine = await create(a, { input: { n: 1 }, metadata: { crmDealId: 'D-shared' } });
    const theirWorkflow = (await other.api('POST', '/v1/workflows', definition('Theirs'))).body.data.id as string;
    const theirs = await other.api('POST', `/v1/workflows/${theirWorkflow}/runs?wait=10`, {
      input: { n: 1 },
      metadata: { crmDealId: 'D-shared' },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.data.metadata).toEqual({ crmDealId: 'D-shared' });
    expect(await ids('/v1/workflow-runs?metadata.crmDealId=D-shared')).toEqual([mine.id]);
    expect(await ids('/v1/workflow-runs?metadata.crmDealId=D-shared', other.api)).toEqual([theirs.body.data.id]);
    expect(await ids(`/v1/workflow-runs?metadata.crmDealId=D-shared&workflowId=${theirWorkflow}`)).toEqual([]);
  });

  it('retention removes a pruned run’s metadata with it', async () => {
    const { store } = server.assay;
    const old = await create(b, { input: { n: 1 }, metadata: { retention: 'old', deal: 'D-9' } });
    const kept = await create(b, { input: { n: 1 }, metadata: { retention: 'kept' } });
    await store.db
      .updateTable('runs')
      .set({ completed_at: Date.now() - 40 * DAY })
      .where('id', '=', old.id)
      .execute();
    const rows = (runId: string) => store.db.selectFrom('run_metadata').selectAll().where('run_id', '=', runId).execute();
    expect(await rows(old.id)).toHaveLength(2);
    await server.assay.retention?.sweep();
    expect((await server.api('GET', `/v1/workflow-runs/${old.id}`)).status).toBe(404);
    expect(await rows(old.id)).toEqual([]);
    expect(await rows(kept.id)).toHaveLength(1);
    expect(await ids('/v1/workflow-runs?metadata.retention=old')).toEqual([]);
    expect(await ids('/v1/workflow-runs?metadata.retention=kept')).toEqual([kept.id]);
  });
});
