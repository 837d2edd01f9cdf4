import { AssayError, type WorkflowDefinition } from '@assay/schema';
import type { Store, WorkflowRecord } from '@assay/store';

/**
 * The version a run, batch, schedule or evaluation targets: `version` when given (404 naming `path`
 * when the workflow has no such version), else the current one.
 */
export async function pinnedVersion(
  store: Store,
  workflow: WorkflowRecord,
  version: number | undefined | null,
  path = 'version',
): Promise<{ version: number; definition: WorkflowDefinition }> {
  if (version === undefined || version === null || version === workflow.version)
    return { version: workflow.version, definition: workflow.definition };
  const found = await store.workflows.getVersion(workflow.id, version);
  if (!found)
    throw new AssayError(
      'not_found',
      `version ${version} of workflow ${workflow.id} not found (its versions are 1 to ${workflow.version})`,
      {
        details: [{ path, message: `no version ${version}` }],
      },
    );
  return { version, definition: found.definition };
}
