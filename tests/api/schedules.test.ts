import { hashSecret } from '@assay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const definition = {
  name: 'Scheduled screen',
  inputs: { companyId: { type: 'string', required: true }, depth: { type: 'integer', default: 1 } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.companyId' } }],
};

/** The fields a 400 names. */
const paths = (body: { details?: Array<{ path: string }> }) => (body.details ?? []).map((d) => d.path);

describe('schedules API', () => {
  let server: TestServer;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, definition);
  });
  afterAll(() => server.close());

  it('creates a schedule with defaults and answers its next five fire times', async () => {
    const { status, body } = await server.api('POST', `/v1/workflows/${workflowId}/schedules`, {
      cron: '*/15 * * * *',
      input: { companyId: 'acme' },
      name: 'quarter-hourly',
    });
    expect(status).toBe(201);
    const schedule = body.data;
    expect(schedule).toMatchObject({
      workflowId,
      name: 'quarter-hourly',
      cron: '*/15 * * * *',
      timezone: 'UTC',
      input: { companyId: 'acme' },
      enabled: true,
      missed: 'run_once',
      lastFireAt: null,
      lastRunId: null,
    });
    expect(schedule.id).toMatch(/^[0-9a-f]{24}$/);
    expect(schedule.nextFireTimes).toHaveLength(5);
    expect(schedule.nextFireTimes[0]).toBe(schedule.nextFireAt);
    const times = schedule.nextFireTimes.map((t: string) => Date.parse(t));
    expect(times[0]).toBeGreaterThan(Date.now() - 1000);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(15 * 60_000);
    for (const t of times) expect(new Date(t).getUTCMinutes() % 15).toBe(0);
  });

  it('computes fire times in the schedule time zone, across a daylight saving change', async () => {
    const { body } = await server.api('POST', `/v1/workflows/${workflowId}/schedules`, {
      cron: '30 9 * * *',
      timezone: 'america/new_york',
      input: { companyId: 'ny' },
    });
    expect(body.data.timezone).toBe('America/New_York'); // stored in its canonical spelling
    for (const time of body.data.nextFireTimes as string[]) {
      // 09:30 in New York is 13:30Z in summer time (EDT) and 14:30Z in winter time (EST).
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(time));
      expect(local).toBe('09:30');
      expect(['13:30', '14:30']).toContain(time.slice(11, 16));
    }
  });

  it('accepts a 6-field expression with seconds', async () => {
    const { status, body } = await server.api('POST', `/v1/workflows/${workflowId}/schedules`, {
      cron: '*/10 * * * * *',
      input: { companyId: 'fast' },
      enabled: false,
    });
    expect(status).toBe(201);
    expect(body.data).toMatchObject({ enabled: false, nextFireAt: null, nextFireTimes: [] });
  });

  it('refuses an invalid expression, time zone, input or policy with a 400 naming the field', async () => {
    const post = (body: unknown) => server.api('POST', `/v1/workflows/${workflowId}/schedules`, body);
    const cases: Array<[unknown, string]> = [
      [{ cron: 'every day', input: { companyId: 'x' } }, 'cron'],
      [{ cron: '61 * * * *', input: { companyId: 'x' } }, 'cron'],
      [{ cron: '* * * * * * *', input: { companyId: 'x' } }, 'cron'],
      [{ cron: '0 0 30 2 *', input: { companyId: 'x' } }, 'cron'],
      [{ input: { companyId: 'x' } }, 'cron'],
      [{ cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons', input: { companyId: 'x' } }, 'timezone'],
      [{ cron: '0 9 * * *', input: {} }, 'input.companyId'],
      [{ cron: '0 9 * * *', input: { companyId: 7 } }, 'input.companyId'],
      [{ cron: '0 9 * * *', input: { companyId: 'x', colour: 'red' } }, 'input.colour'],
      [{ cron: '0 9 * * *', input: { companyId: 'x' }, missed: 'all' }, 'missed'],
      [{ cron: '0 9 * * *', input: { companyId: 'x' }, enabled: 'yes' }, 'enabled'],
      [{ cron: '0 9 * * *', input: { companyId: 'x' }, bogus: 1 }, 'bogus'],
    ];
    for (const [body, field] of cases) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(paths(answer.body), JSON.stringify(body)).toContain(field);
    }
    expect((await server.api('POST', `/v1/workflows/${workflowId}/schedules`, 'not json')).status).toBe(400);
  });

  it('reads, lists, changes and deletes a schedule', async () => {
    const created = (
      await server.api('POST', `/v1/workflows/${workflowId}/schedules`, {
        cron: '0 8 * * 1-5',
        timezone: 'Europe/Paris',
        input: { companyId: 'paris' },
      })
    ).body.data;
    const got = await server.api('GET', `/v1/schedules/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(created);

    const ofWorkflow = (await server.api('GET', `/v1/workflows/${workflowId}/schedules`)).body;
    expect(ofWorkflow.data.map((s: { id: string }) => s.id)).toContain(created.id);
    expect(ofWorkflow.hasMore).toBe(false);
    const all = (await server.api('GET', '/v1/schedules?limit=1')).body;
    expect(all.data).toHaveLength(1);
    expect(all.hasMore).toBe(true);

    // A new expression re-plans the next fire.
    const changed = await server.api('PATCH', `/v1/schedules/${created.id}`, { cron: '0 18 * * 1-5', name: 'evening', missed: 'skip' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ cron: '0 18 * * 1-5', name: 'evening', missed: 'skip', timezone: 'Europe/Paris' });
    expect(changed.body.data.nextFireAt).not.toBe(created.nextFireAt);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
        new Date(changed.body.data.nextFireAt),
      ),
    ).toBe('18:00');

    const disabled = await server.api('PATCH', `/v1/schedules/${created.id}`, { enabled: false });
    expect(disabled.body.data).toMatchObject({ enabled: false, nextFireAt: null, nextFireTimes: [] });
    const enabled = await server.api('PATCH', `/v1/schedules/${created.id}`, { enabled: true });
    expect(enabled.body.data.nextFireTimes).toHaveLength(5);

    expect(paths((await server.api('PATCH', `/v1/schedules/${created.id}`, { timezone: 'Nowhere/Else' })).body)).toContain('timezone');
    expect(paths((await server.api('PATCH', `/v1/schedules/${created.id}`, { input: { companyId: 1 } })).body)).toContain(
      'input.companyId',
    );
    expect(paths((await server.api('PATCH', `/v1/schedules/${created.id}`, { cron: 'nope' })).body)).toContain('cron');

    const deleted = await server.api('DELETE', `/v1/schedules/${created.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.id).toBe(created.id);
    expect((await server.api('GET', `/v1/schedules/${created.id}`)).status).toBe(404);
    expect((await server.api('DELETE', `/v1/schedules/${created.id}`)).status).toBe(404);
  });

  it('answers 404 for unknown workflows and schedules, and 409 for an archived workflow', async () => {
    const missing = '0123456789abcdef01234567';
    expect((await server.api('POST', `/v1/workflows/${missing}/schedules`, { cron: '0 9 * * *' })).status).toBe(404);
    expect((await server.api('GET', `/v1/workflows/${missing}/schedules`)).status).toBe(404);
    expect((await server.api('GET', `/v1/schedules/${missing}`)).status).toBe(404);
    expect((await server.api('PATCH', `/v1/schedules/${missing}`, { name: 'x' })).status).toBe(404);

    const archived = await createWorkflow(server, definition);
    const schedule = (
      await server.api('POST', `/v1/workflows/${archived}/schedules`, { cron: '0 9 * * *', input: { companyId: 'a' }, enabled: false })
    ).body.data;
    expect((await server.api('DELETE', `/v1/workflows/${archived}`)).status).toBe(200);
    const refused = await server.api('POST', `/v1/workflows/${archived}/schedules`, { cron: '0 9 * * *', input: { companyId: 'a' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('archived');
    expect((await server.api('PATCH', `/v1/schedules/${schedule.id}`, { enabled: true })).status).toBe(409);
  });

  it('needs the read scope to read and edit to change', async () => {
    const keyOf = async (scope: string) => {
      const key = (await server.api('POST', '/v1/keys', { name: `${scope}-key`, scope })).body.data;
      return { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret };
    };
    const reader = await keyOf('read');
    const runner = await keyOf('run');
    const editor = await keyOf('edit');
    expect((await request(server.url, 'GET', '/v1/schedules', reader)).status).toBe(200);
    expect(
      (await request(server.url, 'POST', `/v1/workflows/${workflowId}/schedules`, reader, { cron: '0 9 * * *', input: { companyId: 'r' } }))
        .status,
    ).toBe(403);
    expect(
      (await request(server.url, 'POST', `/v1/workflows/${workflowId}/schedules`, runner, { cron: '0 9 * * *', input: { companyId: 'r' } }))
        .status,
    ).toBe(403);
    expect(
      (await request(server.url, 'POST', `/v1/workflows/${workflowId}/schedules`, editor, { cron: '0 9 * * *', input: { companyId: 'r' } }))
        .status,
    ).toBe(201);
    expect((await request(server.url, 'GET', '/v1/schedules', { 'x-metal-client-id': 'nobody', 'x-metal-api-key': API_KEY })).status).toBe(
      401,
    );
  });

  it('keeps schedules inside their workspace', async () => {
    const schedule = (
      await server.api('POST', `/v1/workflows/${workflowId}/schedules`, { cron: '0 9 * * *', input: { companyId: 'mine' } })
    ).body.data;
    const other = await otherWorkspaceKey(server);
    expect((await request(server.url, 'GET', `/v1/schedules/${schedule.id}`, other)).status).toBe(404);
    expect((await request(server.url, 'PATCH', `/v1/schedules/${schedule.id}`, other, { enabled: false })).status).toBe(404);
    expect((await request(server.url, 'DELETE', `/v1/schedules/${schedule.id}`, other)).status).toBe(404);
    expect((await request(server.url, 'GET', `/v1/workflows/${workflowId}/schedules`, other)).status).toBe(404);
    expect(
      (await request(server.url, 'POST', `/v1/workflows/${workflowId}/schedules`, other, { cron: '0 9 * * *', input: { companyId: 'x' } }))
        .status,
    ).toBe(404);
    expect((await request(server.url, 'GET', '/v1/schedules', other)).body.data).toEqual([]);
    expect((await server.api('GET', `/v1/schedules/${schedule.id}`)).status).toBe(200);
  });

  it('fires a real schedule: a run with the configured input and trigger "schedule"', async () => {
    const fast = await createWorkflow(server, definition);
    const schedule = (await server.api('POST', `/v1/workflows/${fast}/schedules`, { cron: '* * * * * *', input: { companyId: 'tick' } }))
      .body.data;
    const deadline = Date.now() + 10_000;
    let runs: Array<{ id: string; trigger: string; input: unknown }> = [];
    while (runs.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await server.api('GET', `/v1/workflows/${fast}/runs`)).body.data;
    }
    await server.api('PATCH', `/v1/schedules/${schedule.id}`, { enabled: false });
    expect(runs.length).toBeGreaterThan(0);
    const run = await waitForRun(server, runs[runs.length - 1]!.id);
    expect(run).toMatchObject({ trigger: 'schedule', input: { companyId: 'tick', depth: 1 }, status: 'completed', output: 'tick' });
    const after = (await server.api('GET', `/v1/schedules/${schedule.id}`)).body.data;
    expect(after.lastRunId).not.toBeNull();
    expect(after.lastFireAt).not.toBeNull();
  });
});

/** An admin key of a second workspace (made in the store: the API only makes keys in the caller's workspace). */
async function otherWorkspaceKey(server: TestServer): Promise<Record<string, string>> {
  const workspace = await server.assay.store.access.createWorkspace('other');
  const secret = 'other-workspace-secret-value';
  await server.assay.store.access.createKey({
    workspaceId: workspace.id,
    name: 'other admin',
    clientId: 'other-client',
    secretHash: hashSecret(secret),
    scope: 'admin',
  });
  return { 'x-metal-client-id': 'other-client', 'x-metal-api-key': secret };
}
