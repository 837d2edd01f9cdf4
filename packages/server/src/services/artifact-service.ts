import { AssayError } from '@assay/schema';
import type { ArtifactRecord, Store } from '@assay/store';

/** Files runs produced (generated documents), read by run and name. */
export class ArtifactService {
  constructor(private readonly store: Store) {}

  /** The file with its bytes; 404 when the run (in this workspace) has none by that name. */
  async get(workspaceId: string, runId: string, name: string): Promise<ArtifactRecord & { data: Uint8Array }> {
    const artifact = await this.store.artifacts.get(workspaceId, runId, name);
    if (!artifact) throw new AssayError('not_found', `run ${runId} has no artifact "${name}"`);
    return artifact;
  }
}
