import { request } from './assay-server';

/** Every list that shows what an attack could have changed in a workspace. */
const LISTS = [
  '/v1/workflows?archived=all&limit=1000',
  '/v1/workflow-runs?limit=1000',
  '/v1/batches?limit=1000',
  '/v1/keys?limit=1000',
  '/v1/credentials?limit=1000',
  '/v1/datasets?limit=1000',
  '/v1/schedules?limit=1000',
  '/v1/event-endpoints?limit=1000',
  '/v1/users',
  '/v1/audit-log?limit=1000',
  '/v1/callbacks/secret',
];

/** Fields that change by themselves, not by an attack. */
const VOLATILE = new Set(['lastUsedAt', 'nextFireTimes', 'nextFireAt']);

/**
 * The workspace as its admin sees it: every resource list, the audit log and the callback secret,
 * read with `headers`. Taken before and after an attack, equal snapshots show that nothing changed
 * (the runs in it should be finished or parked, so that they do not change by themselves).
 */
export async function workspaceSnapshot(url: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  for (const path of LISTS) {
    const answer = await request(url, 'GET', path, headers);
    if (answer.status !== 200) throw new Error(`snapshot: GET ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    snapshot[path] = JSON.parse(JSON.stringify(answer.body.data), (key, value: unknown) => (VOLATILE.has(key) ? undefined : value));
  }
  return snapshot;
}
