import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AssayEvent, EventType } from '@assay/schema';
import { keys } from './keys';

/**
 * The workspace events the pages' lists show the effect of. Step events are left out on purpose:
 * no list shows steps, and they are most of the traffic (a run's own page follows its own stream).
 */
export const LIVE_EVENT_TYPES = [
  'run.queued',
  'run.started',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'batch.created',
  'batch.completed',
  'batch.budget_exceeded',
  'approval.requested',
  'approval.decided',
  'evaluation.completed',
] as const satisfies readonly EventType[];

/** Every prefix an event can make stale: invalidated all at once when events may have been missed. */
export const LIVE_PREFIXES: readonly QueryKey[] = [
  keys.runs.lists(),
  keys.workflows.lists(),
  keys.batches.lists(),
  keys.approvals.lists(),
  keys.evaluations.lists(),
];

/**
 * The query key prefixes an event makes stale. Lists only: a detail page with a form open (an
 * approval being decided) must not change under the person's hands, and the live pages of a run,
 * batch or evaluation follow their own stream or poll.
 */
export function staleKeysOf(event: Pick<AssayEvent, 'type' | 'batchId'>): QueryKey[] {
  const family = event.type.slice(0, event.type.indexOf('.'));
  switch (family) {
    case 'run': {
      // The workflows list shows each workflow's last run and run count; a batch's list row its progress.
      const stale: QueryKey[] = [keys.runs.lists(), keys.workflows.lists()];
      if (event.batchId) stale.push(keys.batches.lists());
      return stale;
    }
    case 'batch':
      return [keys.batches.lists()];
    case 'approval':
      return [keys.approvals.lists()];
    case 'evaluation':
      return [keys.evaluations.lists()];
    default:
      return [];
  }
}

/**
 * Whether a cached list has older pages open. Live events leave such a list alone (its Refresh
 * button still works): refetching it would push every row down by the new ones while the person
 * reads further down, the jump a live list must never make.
 */
export function showsOlderPages(data: unknown): boolean {
  const pages = (data as { pages?: unknown } | undefined)?.pages;
  return Array.isArray(pages) && pages.length > 1;
}

/** Marks the queries under a prefix stale and refetches those on screen, except lists with older pages open. */
export function invalidateLive(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  return queryClient.invalidateQueries({ queryKey, predicate: (query) => !showsOlderPages(query.state.data) });
}
