import { usageSpend } from '@assay/engine';
import type { ApiKey, Dataset, Run, StepRun, Workflow, WorkflowDefinition, WorkflowVersion } from '@assay/schema';
import type {
  ArtifactRecord,
  DatasetRecord,
  KeyRecord,
  RunRecord,
  StepRunRecord,
  TriggerRecord,
  VersionRecord,
  WorkflowRecord,
} from '@assay/store';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A run without its steps, as lists show it. */
export function presentRunSummary(run: RunRecord): Omit<Run, 'steps' | 'artifacts'> {
  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowVersion: run.workflowVersion,
    status: run.status,
    input: run.input,
    output: run.output,
    error: run.error,
    createdAt: iso(run.createdAt) as string,
    startedAt: iso(run.startedAt),
    completedAt: iso(run.completedAt),
    trigger: run.trigger,
    batchId: run.batchId,
    parentRunId: run.parentRunId,
    replayOf: run.replayOf,
    budget: run.budget,
    cost: run.cost,
    waitReason: run.waitReason,
    metadata: run.metadata,
  };
}

/** A run with every step of its definition, in definition order (steps not reached are pending). */
export function presentRun(
  run: RunRecord,
  steps: StepRunRecord[],
  definition: WorkflowDefinition | null,
  artifacts: ArtifactRecord[] = [],
): Run {
  const byId = new Map(steps.map((s) => [s.stepId, s]));
  const order = definition ? definition.steps.map((s) => ({ id: s.id, type: s.type })) : steps.map((s) => ({ id: s.stepId, type: s.type }));
  const presented: StepRun[] = order.map(({ id, type }) => {
    const step = byId.get(id);
    if (!step)
      return {
        id,
        type,
        status: 'pending',
        attempts: 0,
        startedAt: null,
        completedAt: null,
        durationMs: null,
        output: null,
        error: null,
        usage: null,
      };
    const duration = step.startedAt !== null && step.completedAt !== null ? step.completedAt - step.startedAt : null;
    return {
      id,
      type: step.type,
      status: step.status,
      attempts: step.attempts,
      startedAt: iso(step.startedAt),
      completedAt: iso(step.completedAt),
      durationMs: duration,
      config: step.config,
      output: step.output,
      error: step.error,
      usage: step.usage,
    };
  });
  const files = artifacts.map((a) => ({
    name: a.name,
    contentType: a.contentType,
    bytes: a.bytes,
    url: `/v1/workflow-runs/${run.id}/artifacts/${encodeURIComponent(a.name)}`,
  }));
  // The stored cost is as of the run's last park or end; its finished steps may already hold more.
  const cost = { ...run.cost };
  let fromSteps = { usd: 0, tokens: 0 };
  for (const step of steps) {
    const spend = usageSpend(step.usage);
    fromSteps = { usd: fromSteps.usd + (spend.usd ?? 0), tokens: fromSteps.tokens + spend.tokens };
  }
  cost.usd = Math.max(cost.usd, Math.round(fromSteps.usd * 1e8) / 1e8);
  cost.tokens = Math.max(cost.tokens, fromSteps.tokens);
  return { ...presentRunSummary(run), cost, steps: presented, artifacts: files };
}

/** A trigger's public view; `secret` only when it was just created or rotated. */
export function presentTrigger(trigger: TriggerRecord, baseUrl: string, secret?: string) {
  return {
    slug: trigger.slug,
    url: `${baseUrl}/webhooks/workflows/${trigger.slug}`,
    enabled: trigger.enabled,
    verification: trigger.verification,
    callbackUrl: trigger.callbackUrl,
    inputMapping: trigger.inputMapping,
    strict: trigger.strict,
    ...(secret === undefined ? {} : { secret }),
  };
}

export function presentWorkflow(workflow: WorkflowRecord, trigger: Workflow['trigger'] = null): Workflow {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    version: workflow.version,
    definition: workflow.definition,
    trigger,
    createdAt: iso(workflow.createdAt) as string,
    updatedAt: iso(workflow.updatedAt) as string,
    archivedAt: iso(workflow.archivedAt),
  };
}

export function presentVersion(version: VersionRecord): WorkflowVersion {
  return {
    workflowId: version.workflowId,
    version: version.version,
    definition: version.definition,
    createdAt: iso(version.createdAt) as string,
    createdBy: version.createdBy,
  };
}

export function presentKey(key: KeyRecord, secret?: string): ApiKey {
  return {
    id: key.id,
    name: key.name,
    clientId: key.clientId,
    scope: key.scope,
    workspaceId: key.workspaceId,
    createdAt: iso(key.createdAt) as string,
    lastUsedAt: iso(key.lastUsedAt),
    ...(secret === undefined ? {} : { secret }),
  };
}

/** A dataset as the API answers it. */
export function presentDataset(d: DatasetRecord): Dataset {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    columns: d.columns,
    keys: d.keys,
    rowCount: d.rowCount,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}
