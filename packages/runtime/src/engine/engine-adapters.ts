import type { ArtifactWriter, ClaimedRun, CredentialReader } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { DatasetReader } from '@assay/steps';
import type { Store } from '@assay/store';
import type { SecretBox } from '@assay/server/services';

/** Timers nearer than this are slept through in process; later ones park the run in the database. */
export const PARK_THRESHOLD_MS = 250;

/** Credentials a run's steps read: the workspace's sealed values, opened on demand. */
export function storeCredentials(store: Store, box: SecretBox): (workspaceId: string) => CredentialReader {
  return (workspaceId) => ({
    get: async (name) => {
      const sealed = await store.credentials.sealedByName(workspaceId, name);
      if (sealed === null)
        throw new AssayError('invalid_input', `credential "${name}" does not exist in this workspace; create it with POST /v1/credentials`);
      return box.open(sealed, `credential "${name}"`);
    },
  });
}

/** Files a run's steps write, stored with the run and served under its artifacts URL. */
export function storeArtifacts(store: Store): (run: ClaimedRun) => ArtifactWriter {
  return (run) => {
    const write: ArtifactWriter['write'] = async (file) => {
      const stored = await store.artifacts.put({
        runId: run.id,
        workspaceId: run.workspaceId,
        stepId: null,
        name: file.name,
        contentType: file.contentType,
        data: file.data,
      });
      return {
        name: stored.name,
        contentType: stored.contentType,
        bytes: stored.bytes,
        url: `/v1/workflow-runs/${run.id}/artifacts/${encodeURIComponent(stored.name)}`,
      };
    };
    return {
      write,
      // Only within the run's own workspace: a cache entry never names another workspace's run.
      copy: async (from) => {
        const found = await store.artifacts.get(run.workspaceId, from.runId, from.name);
        return found ? write({ name: found.name, contentType: found.contentType, data: found.data }) : null;
      },
      read: async (name) => {
        const found = await store.artifacts.get(run.workspaceId, run.id, name);
        return found ? { name: found.name, contentType: found.contentType, data: found.data } : null;
      },
    };
  };
}

/** Dataset rows for `dataset.lookup`, by dataset name within the run's workspace. */
export function storeDatasets(store: Store): DatasetReader {
  return {
    find: async ({ workspaceId, dataset, where, limit, filter }) => {
      const found = await store.datasets.byName(workspaceId, dataset);
      return found ? store.datasets.find(found, where, limit, filter) : null;
    },
  };
}
