import type { Engine } from '@assay/engine';
import { AssayError, WorkflowDefinition, type DefinitionProblem, type DefinitionValidation } from '@assay/schema';
import type { Store, WorkflowRecord } from '@assay/store';
import { fromZodError } from '../http/errors';

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

  /**
   * Every check a save makes (the definition schema, then compiling it against the step registry),
   * reported as data instead of thrown: each problem with its path and, when it belongs to a step,
   * that step's id. Nothing is saved.
   */
  validate(body: unknown): DefinitionValidation {
    const parsed = WorkflowDefinition.safeParse(body);
    let details: AssayError['details'] = [];
    if (!parsed.success) details = fromZodError(parsed.error).details;
    else {
      try {
        this.engine.compile(parsed.data);
      } catch (error) {
        if (!(error instanceof AssayError) || error.code !== 'invalid_input') throw error;
        details = error.details ?? [{ path: '(body)', message: error.message }];
      }
    }
    const errors = (details ?? []).map((detail) => withStep(detail, body));
    return { valid: errors.length === 0, errors };
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

/** Adds the id of the top-level step a `steps[N]…` path points into (when that step has an id). */
function withStep(detail: { path: string; message: string }, body: unknown): DefinitionProblem {
  const index = /^steps\[(\d+)\]/.exec(detail.path)?.[1];
  const steps = body !== null && typeof body === 'object' ? (body as { steps?: unknown }).steps : undefined;
  const step: unknown = index !== undefined && Array.isArray(steps) ? steps[Number(index)] : undefined;
  const stepId = step !== null && typeof step === 'object' ? (step as { id?: unknown }).id : undefined;
  return typeof stepId === 'string' && stepId !== '' ? { path: detail.path, message: detail.message, stepId } : { path: detail.path, message: detail.message };
}
