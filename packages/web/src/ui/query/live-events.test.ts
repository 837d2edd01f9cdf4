import { describe, expect, it } from 'vitest';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { AssayEvent, EventType } from '@assay/schema';
import { keys } from './keys';
import { invalidateLive, LIVE_EVENT_TYPES, LIVE_PREFIXES, showsOlderPages, staleKeysOf } from './live-events';

const BATCH = '65f0a1b2c3d4e5f601234567';
const event = (type: EventType, batchId: string | null = null): Pick<AssayEvent, 'type' | 'batchId'> => ({ type, batchId });

/** A cache holding what the pages would have read, every entry fresh. */
function seededCache(entries: readonly [QueryKey, unknown][]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const [key, data] of entries) client.setQueryData(key, data);
  return client;
}

/** Which of the seeded keys an event leaves stale. */
async function staleAfter(client: QueryClient, stale: readonly QueryKey[], entries: readonly [QueryKey, unknown][]) {
  for (const key of stale) await invalidateLive(client, key);
  return entries.filter(([key]) => client.getQueryState(key)?.isInvalidated).map(([key]) => key);
}

const onePage = { pages: [{ data: [], hasMore: true, nextCursor: 'c1' }], pageParams: [undefined] };
const twoPages = { pages: [onePage.pages[0], { data: [], hasMore: false, nextCursor: null }], pageParams: [undefined, 'c1'] };
const page = { data: [], hasMore: false, nextCursor: null };

describe('the live events → query keys mapping', () => {
  const runsList = keys.runs.list({ status: 'failed' });
  const runsListPagedBack = keys.runs.list({ status: undefined, since: 'all' });
  const workflowsList = keys.workflows.list({ archived: false, limit: 200 });
  const workflowNames = keys.workflows.names();
  const batchesList = keys.batches.list({ status: '' });
  const batchResults = keys.batches.runs(BATCH, { version: 3 });
  const inbox = keys.approvals.list({ tab: 'pending', runId: null, mine: false });
  const runApprovals = keys.approvals.list({ runId: BATCH, status: 'pending', limit: 10 });
  const approvalDetail = keys.approvals.detail(BATCH, 'review');
  const evaluationsList = keys.evaluations.list({ status: '' });
  const documentsList = keys.documents.list({ collection: undefined });
  const entries: [QueryKey, unknown][] = [
    [runsList, onePage],
    [runsListPagedBack, twoPages],
    [workflowsList, page],
    [workflowNames, page],
    [batchesList, onePage],
    [batchResults, page],
    [inbox, onePage],
    [runApprovals, page],
    [approvalDetail, { status: 'pending' }],
    [evaluationsList, onePage],
    [documentsList, onePage],
  ];

  it('a finished run refreshes the runs lists and the workflows list (last run, counts), not the names every page uses', async () => {
    const client = seededCache(entries);
    expect(await staleAfter(client, staleKeysOf(event('run.completed')), entries)).toEqual([runsList, workflowsList]);
  });

  it("a batch's run also refreshes the batches lists (their progress), not the batch's result pages", async () => {
    const client = seededCache(entries);
    expect(await staleAfter(client, staleKeysOf(event('run.failed', BATCH)), entries)).toEqual([runsList, workflowsList, batchesList]);
  });

  it('approval events refresh every approvals list (the Inbox, a run page’s note) but not an approval being decided', async () => {
    const client = seededCache(entries);
    expect(await staleAfter(client, staleKeysOf(event('approval.decided')), entries)).toEqual([inbox, runApprovals]);
  });

  it('batch and evaluation events refresh their lists', async () => {
    expect(await staleAfter(seededCache(entries), staleKeysOf(event('batch.completed')), entries)).toEqual([batchesList]);
    expect(await staleAfter(seededCache(entries), staleKeysOf(event('evaluation.completed')), entries)).toEqual([evaluationsList]);
  });

  it('leaves a list with older pages open alone, so the rows being read do not move', async () => {
    const client = seededCache(entries);
    const stale = await staleAfter(client, staleKeysOf(event('run.queued')), entries);
    expect(stale).toContainEqual(runsList);
    expect(stale).not.toContainEqual(runsListPagedBack);
    expect(showsOlderPages(twoPages)).toBe(true);
    expect(showsOlderPages(onePage)).toBe(false);
    expect(showsOlderPages(page)).toBe(false);
    expect(showsOlderPages(undefined)).toBe(false);
  });

  it('subscribes to exactly the event types it maps, and no step events (most of the traffic)', () => {
    for (const type of LIVE_EVENT_TYPES) expect(staleKeysOf(event(type)).length, type).toBeGreaterThan(0);
    expect(LIVE_EVENT_TYPES.some((type) => type.startsWith('step.'))).toBe(false);
    expect(staleKeysOf(event('step.completed'))).toEqual([]);
  });

  it('after missed events, refreshes every list an event could have changed', async () => {
    const client = seededCache(entries);
    expect(await staleAfter(client, LIVE_PREFIXES, entries)).toEqual([
      runsList,
      workflowsList,
      batchesList,
      inbox,
      runApprovals,
      evaluationsList,
    ]);
  });
});
