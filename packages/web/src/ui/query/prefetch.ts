import { api, loadStepTypes } from '../../api';
import { keys } from './keys';
import { queryClient } from './query-client';

/** How old a prefetched workflow may be when the editor takes it (a full load's, a moment ago). */
export const PREFETCHED_MS = 2_000;

export const workflowQuery = (id: string) => ({ queryKey: keys.workflows.detail(id), queryFn: () => api.workflows.get(id) });

/**
 * A full load on the editor asks for the workflow and the step types beside the session check and
 * the editor's chunk, not after them (a signed-out visitor's request just fails unseen).
 */
export function prefetchEditor(workflowId: string): void {
  void queryClient.prefetchQuery(workflowQuery(workflowId));
  void loadStepTypes().catch(() => undefined);
}
