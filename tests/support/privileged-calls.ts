import { expect } from 'vitest';
import { createWorkflow, type TestServer } from './assay-server';

/** Key scopes, and the roles' scopes (viewer = read, editor = edit, admin = admin), weakest first. */
export type Scope = 'read' | 'run' | 'edit' | 'admin';
export const SCOPE_RANK: Record<Scope, number> = { read: 0, run: 1, edit: 2, admin: 3 };

/** A call that changes something or reveals a secret, and the scope it needs. */
export interface PrivilegedCall {
  needs: Scope;
  method: string;
  path: string;
  body?: unknown;
}

/** The resources of a seeded workspace that privileged calls aim at. */
export type Targets = Record<
  'workflow' | 'run' | 'failedRun' | 'waitingRun' | 'batch' | 'dataset' | 'credential' | 'schedule' | 'endpoint' | 'key' | 'user',
  string
>;

export const TARGET_DEFINITION = {
  name: 'Guarded',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 's', type: 'transform', with: { expression: 'input.n' } }],
};
const UNKNOWN_ID = '0123456789abcdef01234567';

/**
 * Fills the test server's workspace (with its admin key) with one of everything — a workflow with a
 * trigger, a completed, a failed and a parked run, a finished batch, a dataset, a credential, a
 * yearly schedule, an event endpoint, a key and a viewer — and waits until nothing moves by itself.
 * The server needs `ASSAY_HTTP_ALLOW=127.0.0.1` (the endpoint points at a closed local port).
 */
export async function seedTargets(server: TestServer): Promise<Targets> {
  const made = async (method: string, path: string, body?: unknown): Promise<string> => {
    const answer = await server.api(method, path, body);
    expect(answer.status, `${method} ${path} → ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body.data.id as string;
  };
  const workflow = await createWorkflow(server, TARGET_DEFINITION);
  await server.api('PUT', `/v1/workflows/${workflow}/trigger`, { verification: 'signature' });
  const failing = await createWorkflow(server, { name: 'Fails', steps: [{ id: 'f', type: 'fail', with: { message: 'no' } }] });
  const parked = await createWorkflow(server, { name: 'Parked', steps: [{ id: 'w', type: 'wait', with: { seconds: 3600 } }] });
  const targets: Targets = {
    workflow,
    run: await made('POST', `/v1/workflows/${workflow}/runs?wait=20`, { input: { n: 1 } }),
    failedRun: await made('POST', `/v1/workflows/${failing}/runs?wait=20`, {}),
    waitingRun: await made('POST', `/v1/workflows/${parked}/runs`, {}),
    batch: await made('POST', `/v1/workflows/${failing}/batches`, { inputs: [{}] }),
    dataset: await made('POST', '/v1/datasets', { name: 'companies', rows: [{ id: 'c1' }] }),
    credential: await made('POST', '/v1/credentials', { name: 'crm', value: 'the-real-crm-token' }),
    schedule: await made('POST', `/v1/workflows/${workflow}/schedules`, { cron: '0 0 1 1 *', input: { n: 1 } }),
    endpoint: await made('POST', '/v1/event-endpoints', { url: 'http://127.0.0.1:9/hook', events: ['batch.completed'] }),
    key: await made('POST', '/v1/keys', { name: 'victim key', scope: 'admin' }),
    user: await made('POST', '/v1/users', { email: 'viewer@example.com', name: 'Vi', password: 'a long enough password', role: 'viewer' }),
  };
  // Runs finished or parked, the batch done: from here on the workspace changes only if an attack works.
  for (;;) {
    const runs = (await server.api('GET', '/v1/workflow-runs?limit=1000')).body.data as Array<{ status: string }>;
    const batch = (await server.api('GET', `/v1/batches/${targets.batch}`)).body.data;
    if (runs.every((r) => ['completed', 'failed', 'waiting'].includes(r.status)) && batch.status !== 'running') return targets;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every call that starts, changes, administers or reveals something, aimed at `t`, with the scope it needs. */
export function privilegedCalls(t: Targets): PrivilegedCall[] {
  return [
    { needs: 'run', method: 'POST', path: `/v1/workflows/${t.workflow}/runs`, body: { input: { n: 1 } } },
    { needs: 'run', method: 'POST', path: `/v1/workflows/${t.workflow}/batches`, body: { inputs: [{ n: 1 }, { n: 2 }] } },
    { needs: 'run', method: 'POST', path: `/v1/workflow-runs/${t.failedRun}/retry` },
    { needs: 'run', method: 'POST', path: `/v1/workflow-runs/${t.run}/rerun` },
    { needs: 'run', method: 'POST', path: `/v1/workflow-runs/${t.waitingRun}/cancel` },
    { needs: 'run', method: 'POST', path: `/v1/batches/${t.batch}/cancel` },
    { needs: 'run', method: 'POST', path: `/v1/batches/${t.batch}/retry-failed` },
    { needs: 'edit', method: 'POST', path: '/v1/workflows', body: TARGET_DEFINITION },
    { needs: 'edit', method: 'PUT', path: `/v1/workflows/${t.workflow}`, body: { ...TARGET_DEFINITION, name: 'Overwritten' } },
    { needs: 'edit', method: 'DELETE', path: `/v1/workflows/${t.workflow}` },
    { needs: 'edit', method: 'POST', path: `/v1/workflows/${t.workflow}/versions/restore`, body: { version: 1 } },
    { needs: 'edit', method: 'PUT', path: `/v1/workflows/${t.workflow}/trigger`, body: { verification: 'none' } },
    { needs: 'edit', method: 'POST', path: `/v1/workflows/${t.workflow}/trigger/webhook-secret/rotate` },
    { needs: 'edit', method: 'POST', path: '/v1/datasets', body: { name: 'planted', rows: [{ id: 'x' }] } },
    { needs: 'edit', method: 'PUT', path: `/v1/datasets/${t.dataset}/rows`, body: [{ id: 'replaced' }] },
    { needs: 'edit', method: 'POST', path: `/v1/datasets/${t.dataset}/rows`, body: [{ id: 'appended' }] },
    { needs: 'edit', method: 'DELETE', path: `/v1/datasets/${t.dataset}` },
    // The editor's iteration loop: a draft run of an unsaved definition, the pinned sample, a live preview.
    {
      needs: 'edit',
      method: 'POST',
      path: `/v1/workflows/${t.workflow}/draft-runs`,
      body: { definition: TARGET_DEFINITION, target: 's', mode: 'upstream', input: { n: 2 } },
    },
    { needs: 'edit', method: 'PUT', path: `/v1/workflows/${t.workflow}/sample`, body: { input: { n: 3 } } },
    {
      needs: 'edit',
      method: 'POST',
      path: '/v1/expressions/preview',
      body: { text: '{{ input.n }}', syntax: 'template', scope: { input: { n: 4 } } },
    },
    { needs: 'edit', method: 'POST', path: `/v1/workflows/${t.workflow}/schedules`, body: { cron: '* * * * *' } },
    { needs: 'edit', method: 'PATCH', path: `/v1/schedules/${t.schedule}`, body: { cron: '* * * * *' } },
    { needs: 'edit', method: 'DELETE', path: `/v1/schedules/${t.schedule}` },
    { needs: 'admin', method: 'GET', path: '/v1/keys' },
    { needs: 'admin', method: 'POST', path: '/v1/keys', body: { name: 'escalated', scope: 'admin' } },
    { needs: 'admin', method: 'DELETE', path: `/v1/keys/${t.key}` },
    { needs: 'admin', method: 'GET', path: '/v1/credentials' },
    { needs: 'admin', method: 'POST', path: '/v1/credentials', body: { name: 'planted', value: 'attacker-value' } },
    { needs: 'admin', method: 'PUT', path: `/v1/credentials/${t.credential}`, body: { value: 'attacker-value' } },
    { needs: 'admin', method: 'DELETE', path: `/v1/credentials/${t.credential}` },
    { needs: 'admin', method: 'GET', path: '/v1/users' },
    {
      needs: 'admin',
      method: 'POST',
      path: '/v1/users',
      body: { email: 'mole@example.com', name: 'Mole', password: 'a long enough password', role: 'admin' },
    },
    { needs: 'admin', method: 'PATCH', path: `/v1/users/${t.user}`, body: { role: 'admin' } },
    { needs: 'admin', method: 'DELETE', path: `/v1/users/${t.user}` },
    { needs: 'admin', method: 'POST', path: '/v1/event-endpoints', body: { url: 'http://127.0.0.1:9/steal', events: ['run.completed'] } },
    { needs: 'admin', method: 'PATCH', path: `/v1/event-endpoints/${t.endpoint}`, body: { url: 'http://127.0.0.1:9/steal' } },
    { needs: 'admin', method: 'DELETE', path: `/v1/event-endpoints/${t.endpoint}` },
    { needs: 'admin', method: 'POST', path: `/v1/event-endpoints/${t.endpoint}/secret/rotate` },
    { needs: 'admin', method: 'POST', path: `/v1/event-endpoints/${t.endpoint}/deliveries/${UNKNOWN_ID}/redeliver` },
    { needs: 'admin', method: 'GET', path: '/v1/audit-log' },
    { needs: 'admin', method: 'GET', path: '/v1/callbacks/secret' },
    { needs: 'admin', method: 'POST', path: '/v1/callbacks/secret/rotate' },
    { needs: 'admin', method: 'POST', path: `/v1/workflows/${t.workflow}/trigger/webhook-secret/reveal` },
  ];
}
