import { z } from 'zod';
import { WorkflowDefinition } from './definition';
import { Budget, Cost, WaitReason } from './budgets';
import { Id } from './ids';
import { RunMetadata } from './run-metadata';

const Timestamp = z.string().meta({ description: 'ISO 8601 time', example: '2026-01-01T00:00:00.000Z' });

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
/** Statuses after which a run never changes again (unless retried). */
export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);

export const STEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped', 'cancelled'] as const;
export const StepStatus = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatus>;

/** Where a run came from (`web`: the web app, by a signed-in person's session; `api`: an API key; `draft`: the editor's draft run). */
export const RunTrigger = z.enum([
  'api',
  'web',
  'retry',
  'rerun',
  'replay',
  'webhook',
  'schedule',
  'batch',
  'workflow',
  'failure',
  'draft',
]);
export type RunTrigger = z.infer<typeof RunTrigger>;

/** A run's or step's error: a code, a message and the step it happened in. */
export const RunError = z.object({ code: z.string(), message: z.string(), stepId: z.string().nullable() }).meta({ id: 'RunError' });
export type RunError = z.infer<typeof RunError>;

/** Token usage and model of an AI step, or what a cache hit reused (null for other steps). */
export const StepUsage = z
  .object({
    model: z.string().optional(),
    inputTokens: z.number().optional(),
    outputTokens: z.number().optional(),
    costUsd: z.number().optional(),
    latencyMs: z.number().optional(),
    calls: z.number().optional().meta({ description: 'Model calls the step made' }),
    cached: z.boolean().optional().meta({ description: 'The output was reused from the cache: nothing was executed or paid for' }),
    cachedFrom: z
      .object({ runId: z.string(), stepId: z.string(), at: z.string() })
      .optional()
      .meta({ description: 'Where a reused output came from' }),
  })
  .meta({ id: 'StepUsage' });

export const StepRun = z
  .object({
    id: z.string(),
    type: z.string(),
    status: StepStatus,
    attempts: z.number().int(),
    startedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    durationMs: z.number().nullable(),
    config: z.unknown().optional(),
    output: z.unknown(),
    error: RunError.nullable(),
    usage: StepUsage.nullable(),
  })
  .meta({ id: 'StepRun' });
export type StepRun = z.infer<typeof StepRun>;

export const Artifact = z
  .object({ name: z.string(), contentType: z.string(), bytes: z.number().int(), url: z.string() })
  .meta({ id: 'Artifact' });
export type Artifact = z.infer<typeof Artifact>;

export const Run = z
  .object({
    id: Id,
    workflowId: Id,
    workflowVersion: z.number().int(),
    status: RunStatus,
    input: z.record(z.string(), z.unknown()),
    output: z.unknown(),
    error: RunError.nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    trigger: RunTrigger,
    batchId: Id.nullable(),
    parentRunId: Id.nullable(),
    replayOf: Id.nullable().meta({
      description: "A replay's source run: its steps with an unchanged resolved config were reused, not executed",
    }),
    steps: z.array(StepRun),
    artifacts: z.array(Artifact),
    budget: Budget.nullable().meta({ description: "The run's spending limit on model calls, if any" }),
    cost: Cost.meta({ description: 'What its model calls have cost so far' }),
    waitReason: WaitReason.nullable().meta({
      description:
        'Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person ' +
        '(`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`',
    }),
    metadata: RunMetadata,
  })
  .meta({ id: 'Run' });
export type Run = z.infer<typeof Run>;

export const Trigger = z
  .object({
    slug: z.string(),
    url: z.string(),
    enabled: z.boolean(),
    verification: z.enum(['signature', 'secret-header', 'none']),
    callbackUrl: z.string().nullable(),
    inputMapping: z
      .string()
      .nullable()
      .meta({ description: 'A JSONata expression over { body, headers, query } that yields the run input; null: the body is the input' }),
    strict: z.boolean().meta({ description: 'Without a mapping: a body field the workflow does not declare is refused (else ignored)' }),
  })
  .meta({ id: 'Trigger' });

/** Run statistics of a workflow (only workflow lists carry them). */
export const WorkflowStats = z
  .object({
    runCount: z.number().int(),
    lastRun: z
      .object({ id: Id, status: RunStatus, createdAt: Timestamp })
      .nullable()
      .meta({ description: 'The most recently created run' }),
  })
  .meta({ id: 'WorkflowStats' });
export type WorkflowStats = z.infer<typeof WorkflowStats>;

export const Workflow = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    version: z.number().int(),
    definition: WorkflowDefinition,
    trigger: Trigger.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    archivedAt: Timestamp.nullable(),
    stats: WorkflowStats.optional().meta({ description: 'Runs of the workflow: only in `GET /v1/workflows`' }),
  })
  .meta({ id: 'Workflow' });
export type Workflow = z.infer<typeof Workflow>;

export const WorkflowVersion = z
  .object({
    workflowId: Id,
    version: z.number().int(),
    definition: WorkflowDefinition,
    createdAt: Timestamp,
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'WorkflowVersion' });
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;

/** What a key (or a user's role) may do, least first: read < run < edit (workflows, datasets) < admin. */
export const KEY_SCOPES = ['read', 'run', 'edit', 'admin'] as const;
export const KeyScope = z.enum(KEY_SCOPES);
export type KeyScope = z.infer<typeof KeyScope>;
/** Each scope includes every scope of a lower rank. */
export const SCOPE_RANK: Record<KeyScope, number> = { read: 0, run: 1, edit: 2, admin: 3 };

/**
 * The single-token form of an API key, for `Authorization: Bearer`: its client id, a colon, its
 * secret (the form `/mcp` has always read). Client ids the server makes (`ck_` and hex) and secrets
 * (`sk_` and base64url) never hold a colon, so the first one splits a token; a key named by
 * ASSAY_CLIENT_ID with a colon in it can only use the two headers.
 */
export const KEY_TOKEN_FORM = '<client id>:<secret>';

/** An API key as one token (see KEY_TOKEN_FORM). */
export function keyToken(clientId: string, secret: string): string {
  return `${clientId}:${secret}`;
}

/** A token's client id and secret; null when it is not of the form (no colon, or nothing on one side). */
export function parseKeyToken(token: string): { clientId: string; secret: string } | null {
  const colon = token.indexOf(':');
  if (colon <= 0 || colon === token.length - 1) return null;
  return { clientId: token.slice(0, colon), secret: token.slice(colon + 1) };
}

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    clientId: z.string(),
    scope: KeyScope,
    workspaceId: Id,
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    secret: z.string().optional().meta({ description: 'Only in the answer to POST /v1/keys' }),
    token: z
      .string()
      .optional()
      .meta({
        description: `Only in the answer to POST /v1/keys: the key as one credential (\`${KEY_TOKEN_FORM}\`) for \`Authorization: Bearer\``,
      }),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

/** The error envelope every 4xx/5xx answer uses. */
export const ErrorEnvelope = z
  .object({
    error: z.string(),
    code: z.string().optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
