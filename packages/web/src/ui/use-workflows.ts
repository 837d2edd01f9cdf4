import { useMemo } from 'react';
import type { ListedWorkflow } from '@assay/sdk';
import { api } from '../api';
import { useLoad } from './use-load';

/**
 * The workspace's workflows (archived ones too: their runs stay readable), loaded once per page so
 * lists of runs, batches, schedules and endpoints can show names instead of ids.
 */
export function useWorkflows() {
  const list = useLoad(() => api.workflows.list({ archived: 'all', limit: 1000 }), []);
  const workflows: ListedWorkflow[] = useMemo(() => list.data?.data ?? [], [list.data]);
  const names = useMemo(() => new Map(workflows.map((workflow) => [workflow.id, workflow.name])), [workflows]);
  return { workflows, names, error: list.error, loading: list.loading, nameOf: (id: string) => names.get(id) ?? id.slice(-8) };
}
