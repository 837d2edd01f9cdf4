import type { Engine } from '@assay/engine';
import { AssayError, type WorkflowDefinition } from '@assay/schema';
import type { Store, WorkflowRecord } from '@assay/store';

/** Workflows: every save is validated against the step registry and becomes a new version. */
export class WorkflowService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
  ) {}

  async create(workspaceId: string, definition: WorkflowDefinition, createdBy: string): Promise<WorkflowRecord> {
    this.engine.compile(definition);
    return this.store.workflows.create({ workspaceId, definition, createdBy });
  }

  async require(workspaceId: string, id: string): Promise<WorkflowRecord> {
    const workflow = await this.store.workflows.get(workspaceId, id);
    if (!workflow) throw new AssayError('not_found', `workflow ${id} not found`);
    return workflow;
  }

  async saveVersion(workspaceId: string, id: string, definition: WorkflowDefinition, createdBy: string): Promise<WorkflowRecord> {
    this.engine.compile(definition);
    const saved = await this.store.workflows.saveVersion({ workspaceId, id, definition, createdBy });
    if (!saved) throw new AssayError('not_found', `workflow ${id} not found`);
    return saved;
  }

  async archive(workspaceId: string, id: string): Promise<WorkflowRecord> {
    if (!(await this.store.workflows.archive(workspaceId, id))) throw new AssayError('not_found', `workflow ${id} not found`);
    return this.require(workspaceId, id);
  }

  /** Makes version N current by saving it again as the newest version. */
  async restore(workspaceId: string, id: string, version: number, createdBy: string): Promise<WorkflowRecord> {
    await this.require(workspaceId, id);
    const old = await this.store.workflows.getVersion(id, version);
    if (!old) throw new AssayError('not_found', `workflow ${id} has no version ${version}`, { details: [{ path: 'version', message: `no version ${version}` }] });
    return this.saveVersion(workspaceId, id, old.definition, createdBy);
  }
}
