import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ListedWorkflow } from '@assay/sdk';
import { api } from '../api';
import { keys } from './query/keys';

/**
 * The workspace's workflows (archived ones too: their runs stay readable), so lists of runs,
 * batches, schedules and endpoints can show names instead of ids. Read again on each page that
 * uses it (the cached list shows meanwhile): the editor changes workflows outside the cache.
 */
export function useWorkflows() {
  const list = useQuery({
    queryKey: keys.workflows.names(),
    queryFn: () => api.workflows.list({ archived: 'all', limit: 1000 }),
    refetchOnMount: 'always',
  });
  const workflows: ListedWorkflow[] = useMemo(() => list.data?.data ?? [], [list.data]);
  const names = useMemo(() => new Map(workflows.map((workflow) => [workflow.id, workflow.name])), [workflows]);
  return { workflows, names, error: list.error, loading: list.isFetching, nameOf: (id: string) => names.get(id) ?? id.slice(-8) };
}
