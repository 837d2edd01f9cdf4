import { compileWorkflow, literalDatasetNames, referenceWarnings, type Engine, type KnownShapes } from '@assay/engine';
import { AssayError, WorkflowDefinition, type DefinitionProblem, type DefinitionValidation, type ListQuery } from '@assay/schema';
import type { Store, TriggerRecord, VersionRecord, WorkflowArchiveFilter, WorkflowRecord, WorkflowRunStats } from '@assay/store';
import type { Principal } from '../http/app-env';
import { fromZodError } from '../http/errors';
import { audit } from './audit';

/** A workflow with its webhook trigger (null: none configured), as the API answers workflows. */
export interface WorkflowWithTrigger {
  workflow: WorkflowRecord;
  trigger: TriggerRecord | null;
}

/** Who saved a version: the API key's id (as before users existed), or `user:<id>`. */
const createdBy = (by: Principal) => by.keyId ?? by.actor;

/**
 * Workflows: every save is validated against the step registry and becomes a new version. Changes
 * are recorded in the audit log.
 */
export class WorkflowService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
  ) {}

  /**
   * A page of workflows plus one (to know whether more follow), with their triggers, and the run
   * stats of the page's workflows (the extra one is not part of the page).
   */
  async list(
    workspaceId: string,
    query: ListQuery & { archived: WorkflowArchiveFilter; search?: string },
  ): Promise<{ workflows: WorkflowRecord[]; triggers: Map<string, TriggerRecord>; stats: Map<string, WorkflowRunStats> }> {
    const workflows = await this.store.workflows.list(workspaceId, {
      ...query,
      limit: query.limit + 1,
      offset: (query.page - 1) * query.limit,
    });
    const triggers = await this.store.triggers.forWorkflows(workflows.map((w) => w.id));
    const stats = await this.store.runs.statsForWorkflows(
      workspaceId,
      workflows.slice(0, query.limit).map((w) => w.id),
    );
    return { workflows, triggers, stats };
  }

  /** The workflow with its trigger; 404 when it is not in the workspace. */
  async get(workspaceId: string, id: string): Promise<WorkflowWithTrigger> {
    return this.withTrigger(await this.require(workspaceId, id));
  }

  async create(workspaceId: string, definition: WorkflowDefinition, by: Principal): Promise<WorkflowWithTrigger> {
    this.check(definition);
    await this.checkFailureHandler(workspaceId, definition);
    const workflow = await this.store.workflows.create({ workspaceId, definition, createdBy: createdBy(by) });
    await audit(
      this.store,
      by,
      'workflow.created',
      { type: 'workflow', id: workflow.id },
      { version: workflow.version, name: workflow.name },
    );
    return this.withTrigger(workflow);
  }

  /**
   * Every check a save makes (the definition schema, then compiling it against the step registry),
   * reported as data instead of thrown: each problem with its path and, when it belongs to a step,
   * that step's id. Then the warnings a save does not refuse: fields read that the referenced value
   * cannot have, with the columns of the workspace's datasets the definition looks up. Nothing is saved.
   */
  async validate(workspaceId: string, body: unknown): Promise<DefinitionValidation> {
    const parsed = WorkflowDefinition.safeParse(body);
    let details: AssayError['details'] = [];
    let warnings: DefinitionProblem[] = [];
    let outputSchemas: Record<string, Record<string, unknown>> = {};
    if (!parsed.success) details = fromZodError(parsed.error).details;
    else {
      try {
        this.check(parsed.data);
      } catch (error) {
        if (!(error instanceof AssayError) || error.code !== 'invalid_input') throw error;
        details = error.details ?? [{ path: '(body)', message: error.message }];
      }
      const known = await this.knownShapes(workspaceId, parsed.data);
      warnings = referenceWarnings(parsed.data, this.engine.registry, known).map((detail) => withStep(detail, body));
      outputSchemas = this.outputSchemas(parsed.data, known);
    }
    const errors = (details ?? []).map((detail) => withStep(detail, body));
    return { valid: errors.length === 0, errors, warnings, outputSchemas };
  }

  /** What each top-level step's output will hold, as far as its type says for its literal config. */
  private outputSchemas(definition: WorkflowDefinition, known: KnownShapes): Record<string, Record<string, unknown>> {
    const schemas: Record<string, Record<string, unknown>> = {};
    for (const step of definition.steps) {
      const schema = this.engine.registry.get(step.type)?.outputSchema?.(step.with, known);
      if (schema) schemas[step.id] = schema;
    }
    return schemas;
  }

  /**
   * What a save checks: the definition against the step registry, and that every template and
   * expression names only what its scope holds (runs of versions saved before that check still run).
   */
  private check(definition: WorkflowDefinition): void {
    compileWorkflow(definition, this.engine.registry, { checkScope: true });
  }

  /** The columns of the datasets a definition names (those of the workspace that have columns yet). */
  private async knownShapes(workspaceId: string, definition: WorkflowDefinition): Promise<KnownShapes> {
    const datasetColumns = new Map<string, string[]>();
    // A definition holds at most 500 steps (and sub-graphs of 100): the names to look up are as few.
    for (const name of literalDatasetNames(definition).slice(0, MAX_DATASET_LOOKUPS)) {
      const dataset = await this.store.datasets.byName(workspaceId, name);
      if (dataset) datasetColumns.set(name, Object.keys(dataset.columns));
    }
    return { datasetColumns };
  }

  async require(workspaceId: string, id: string): Promise<WorkflowRecord> {
    const workflow = await this.store.workflows.get(workspaceId, id);
    if (!workflow) throw new AssayError('not_found', `workflow ${id} not found`);
    return workflow;
  }

  async saveVersion(workspaceId: string, id: string, definition: WorkflowDefinition, by: Principal): Promise<WorkflowWithTrigger> {
    const saved = await this.save(workspaceId, id, definition, by);
    await audit(this.store, by, 'workflow.saved', { type: 'workflow', id: saved.id }, { version: saved.version });
    return this.withTrigger(saved);
  }

  /** Archives the workflow (its runs stay readable). */
  async archive(workspaceId: string, id: string, by: Principal): Promise<WorkflowWithTrigger> {
    if (!(await this.store.workflows.archive(workspaceId, id))) throw new AssayError('not_found', `workflow ${id} not found`);
    const archived = await this.require(workspaceId, id);
    await audit(this.store, by, 'workflow.archived', { type: 'workflow', id: archived.id });
    return this.withTrigger(archived);
  }

  /** The workflow's versions, newest first: a page plus one (by page number: their cursor would be a version, not an id). */
  async versions(workspaceId: string, id: string, query: ListQuery): Promise<VersionRecord[]> {
    const workflow = await this.require(workspaceId, id);
    return this.store.workflows.listVersions(workflow.id, { ...query, limit: query.limit + 1, offset: (query.page - 1) * query.limit });
  }

  /** Makes version N current by saving it again as the newest version. */
  async restore(workspaceId: string, id: string, version: number, by: Principal): Promise<WorkflowWithTrigger> {
    await this.require(workspaceId, id);
    const old = await this.store.workflows.getVersion(id, version);
    if (!old)
      throw new AssayError('not_found', `workflow ${id} has no version ${version}`, {
        details: [{ path: 'version', message: `no version ${version}` }],
      });
    // A version saved before a check was added is restored as it was saved (it ran then, it runs now).
    const restored = await this.save(workspaceId, id, old.definition, by, { restoring: true });
    await audit(this.store, by, 'workflow.restored', { type: 'workflow', id: restored.id }, { from: version, version: restored.version });
    return this.withTrigger(restored);
  }

  /** `onFailure` names a workflow of the same workspace (checked when saved; an archived one is refused too). */
  private async checkFailureHandler(workspaceId: string, definition: WorkflowDefinition): Promise<void> {
    const target = definition.onFailure?.workflow;
    if (target === undefined) return;
    const handler = await this.store.workflows.get(workspaceId, target);
    if (!handler || handler.archivedAt !== null)
      throw new AssayError('invalid_input', `onFailure.workflow: no active workflow ${target} in this workspace`, {
        details: [{ path: 'onFailure.workflow', message: 'no such active workflow in this workspace' }],
      });
  }

  private async save(
    workspaceId: string,
    id: string,
    definition: WorkflowDefinition,
    by: Principal,
    options: { restoring?: boolean } = {},
  ): Promise<WorkflowRecord> {
    if (options.restoring) this.engine.compile(definition);
    else this.check(definition);
    await this.checkFailureHandler(workspaceId, definition);
    const saved = await this.store.workflows.saveVersion({ workspaceId, id, definition, createdBy: createdBy(by) });
    if (!saved) throw new AssayError('not_found', `workflow ${id} not found`);
    return saved;
  }

  private async withTrigger(workflow: WorkflowRecord): Promise<WorkflowWithTrigger> {
    const triggers = await this.store.triggers.forWorkflows([workflow.id]);
    return { workflow, trigger: triggers.get(workflow.id) ?? null };
  }
}

/** The most datasets one validation looks up (beyond, their rows' fields are not checked). */
const MAX_DATASET_LOOKUPS = 50;

/** Adds the id of the top-level step a `steps[N]…` path points into (when that step has an id). */
function withStep(detail: { path: string; message: string }, body: unknown): DefinitionProblem {
  const index = /^steps\[(\d+)\]/.exec(detail.path)?.[1];
  const steps = body !== null && typeof body === 'object' ? (body as { steps?: unknown }).steps : undefined;
  const step: unknown = index !== undefined && Array.isArray(steps) ? steps[Number(index)] : undefined;
  const stepId = step !== null && typeof step === 'object' ? (step as { id?: unknown }).id : undefined;
  return typeof stepId === 'string' && stepId !== ''
    ? { path: detail.path, message: detail.message, stepId }
    : { path: detail.path, message: detail.message };
}
