import { useQuery } from '@tanstack/react-query';
import type { StepSyntaxOf, Workflow, WorkflowDefinition } from '@assay/schema';
import { api, loadStepTypes } from '../../api';
import { stepSyntaxOf } from '../../ui/step-types';
import { keys } from '../../ui/query/keys';

/** Versions per page when looking one up (the list is newest first, so version N sits at a known place). */
const VERSIONS_PAGE = 100;

export interface RunDefinition {
  workflow: Workflow;
  /** The definition of the version the run executed (the current one if that version cannot be read). */
  definition: WorkflowDefinition;
  /** Step type → its family (data, ai, document…), for the node colours. */
  families: Map<string, string>;
  /** Step type → its reference syntax, so the graph shows the dependencies the engine inferred. */
  syntaxOf: StepSyntaxOf;
}

async function versionDefinition(workflow: Workflow, version: number): Promise<WorkflowDefinition> {
  if (workflow.version === version) return workflow.definition;
  const page = Math.floor((workflow.version - version) / VERSIONS_PAGE) + 1;
  const versions = await api.workflows.versions(workflow.id, { limit: VERSIONS_PAGE, page }).catch(() => null);
  return versions?.data.find((entry) => entry.version === version)?.definition ?? workflow.definition;
}

/** The workflow a run belongs to and the definition of the exact version it ran. */
export function useRunDefinition(workflowId: string | undefined, version: number | undefined) {
  const query = useQuery({
    queryKey: keys.workflows.runDefinition(workflowId ?? '', version ?? 0),
    queryFn: async (): Promise<RunDefinition> => {
      const [workflow, types] = await Promise.all([api.workflows.get(workflowId!), loadStepTypes().catch(() => [])]);
      const definition = await versionDefinition(workflow, version!);
      const families = new Map(types.map((type) => [type.type, type.family]));
      return { workflow, definition, families, syntaxOf: stepSyntaxOf(types) };
    },
    enabled: Boolean(workflowId) && version !== undefined,
  });
  // Until the run is read there is nothing to load yet: that is "loading" for the page.
  return { data: query.data, error: query.error, loading: query.isPending };
}
